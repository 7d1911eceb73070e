import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import { syncNewMediaFreshness } from '../deadlines/new-media-freshness.js';
import { Channel } from '../publications/channel.entity.js';
import { ChannelKind } from '../publications/publication-enums.js';
import { Department } from '../departments/department.entity.js';
import { AssessmentRule, AssessmentSheetState, AssessmentSide, parseAssessmentPeriod, TimelinessScoring } from './assessment-enums.js';
import { AssessmentEntry, AssessmentItemDefinition, AssessmentSet, AssessmentSheet } from './assessment.entity.js';

type Item = Partial<AssessmentItemDefinition> & Pick<AssessmentItemDefinition, 'code' | 'group' | 'title' | 'requirement' | 'maxPoints' | 'rule'>;

/**
 * The demo indicator set: the 21 items of seed 000 (威县 2023年上半年政务公开考核, as its 自查报告 lists them), their
 * groups, titles and requirements as the document words them. The notice itself (with the points) is not public, so
 * the points are ours (100 in all, 加分项 up to 5); the rules follow the requirements' own words: 信息发布数量 每季度50条、
 * 年度200条; 政务新媒体 被上级督促、提醒更新的每次扣1分、两周未更新的本项不得分; 表述错误 5分/次、错别字 0.5分/个; 单项否决
 * (a 僵尸 account: no update in the two weeks before the check) zeroes the whole 政务新媒体 group.
 */
export const DEMO_ITEMS: readonly Item[] = [
  {
    code: '1',
    group: '主动公开',
    title: '机构信息',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '公开本部门的机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，并及时动态更新调整。',
  },
  {
    code: '2',
    group: '主动公开',
    title: '权责清单',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '结合简政放权，及时公开本部门的权责清单并动态更新调整。',
  },
  {
    code: '3',
    group: '主动公开',
    title: '行政执法公开',
    maxPoints: 5,
    rule: AssessmentRule.MANUAL,
    requirement: '具有行政执法权限的部门全面实行行政执法公示制度，准确、及时、全部公开本部门行政执法信息。',
  },
  {
    code: '4',
    group: '主动公开',
    title: '人大代表建议、政协提案办理',
    maxPoints: 5,
    rule: AssessmentRule.DEADLINES_ON_TIME,
    deadlineKinds: [DeadlineKind.PROPOSAL],
    scoring: TimelinessScoring.PER_LATE,
    deduction: 2.5,
    requirement: '办理完成本年度人大代表建议和政协提案的复文后，在7个工作日内通过政府信息公开平台相关栏目向社会公开。',
  },
  {
    code: '5',
    group: '主动公开',
    title: '项目投资领域信息公开',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '围绕紧抓投资、上项目、促发展做好信息发布，公开本地区扩大有效投资及重大建设项目的相关信息。',
  },
  {
    code: '6',
    group: '主动公开',
    title: '扩大消费领域信息公开',
    maxPoints: 3,
    rule: AssessmentRule.MANUAL,
    requirement: '围绕住房改善、新能源汽车、文化和旅游、体育、养老、家政服务等领域做好信息公开。',
  },
  {
    code: '7',
    group: '主动公开',
    title: '重点民生领域信息公开',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '围绕保障和改善民生重大部署和重点工作，公开本地区重点民生领域相关信息。',
  },
  {
    code: '8',
    group: '主动公开',
    title: '乡村振兴领域信息公开',
    maxPoints: 3,
    rule: AssessmentRule.MANUAL,
    requirement: '围绕全面推进乡村振兴战略实施，大力推进乡村产业、农产品加工业和休闲农业发展的乡村振兴领域信息公开工作。',
  },
  {
    code: '9',
    group: '主动公开',
    title: '办事服务领域信息公开',
    maxPoints: 5,
    rule: AssessmentRule.MANUAL,
    requirement: '动态更新发布行政许可事项清单、公共服务事项清单、行政许可中介服务事项清单等；主动公开办事指南、办事流程、办事机构等信息。',
  },
  {
    code: '10',
    group: '主动公开',
    title: '信息公开年报',
    maxPoints: 5,
    rule: AssessmentRule.DEADLINES_ON_TIME,
    deadlineKinds: [DeadlineKind.ANNUAL_REPORT],
    scoring: TimelinessScoring.PER_LATE,
    deduction: 5,
    requirement: '在政府信息公开平台“年度报告”栏目中发布，按照国办公开办要求的统一格式发布，做到内容完整、格式规范、发布及时。',
  },
  {
    code: '11',
    group: '依法申请公开',
    title: '申请渠道',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '本单位依申请公开渠道畅通，有专门人员负责受理、转办、答复等事项。',
  },
  {
    code: '12',
    group: '依法申请公开',
    title: '答复情况',
    maxPoints: 8,
    rule: AssessmentRule.DEADLINES_ON_TIME,
    deadlineKinds: [DeadlineKind.APPLICATION],
    scoring: TimelinessScoring.RATE,
    minCases: 5,
    requirement:
      '在收到申请之日起20个工作日内答复（如需延长答复期限的，应当经政务公开工作机构负责人同意，并告知申请人，延长答复的期限最长不得超过20个工作日）；按申请人要求的形式提供政府信息；答复内容规范。',
  },
  {
    code: '13',
    group: '政务舆情回应',
    title: '政务舆情回应',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '健全政务舆情收集、研判、回应机制，加强舆情回应台账管理，积极稳妥推动问题解决。',
  },
  {
    code: '14',
    group: '基层政务公开',
    title: '基层政务公开“回头看”工作',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '制定基层政务公开事项清单和公众参与事项目录，推进办事服务公开标准化，建立健全基层政务公开保障机制。',
  },
  {
    code: '15',
    group: '基层政务公开',
    title: '政务公开专区建设',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement: '为基层群众提供政府信息网上查询、政府信息公开申请、政策咨询等服务；拓展政务公开专区功能。',
  },
  {
    code: '16',
    group: '信息发布情况',
    title: '政府信息公开平台发布数量',
    maxPoints: 15,
    rule: AssessmentRule.PUBLICATION_QUOTA,
    perQuarter: 50,
    perYear: 200,
    requirement: '围绕主动公开确定的内容，在政府信息公开平台上应公开尽公开，统计各单位政府信息发布数量，每季度公开50条、年度200条。',
  },
  {
    code: '17',
    group: '保障措施',
    title: '专门机构设置和作用发挥',
    maxPoints: 4,
    rule: AssessmentRule.MANUAL,
    requirement:
      '及时调整领导小组，完善主要领导亲自抓、分管领导具体抓、政务公开主管部门（机构）协调推进工作机制，主要负责同志年内至少听取一次政务公开工作汇报。',
  },
  {
    code: '18',
    group: '政务新媒体',
    title: '账号问题',
    maxPoints: 3,
    rule: AssessmentRule.OCCURRENCES,
    occurrenceKinds: [{ label: '账号变更未按时报备', amount: 3 }],
    requirement: '7日内未在省政务新媒体平台对账号的注销关停、迁移、更名等情况进行报备的。',
  },
  {
    code: '19',
    group: '政务新媒体',
    title: '内容更新情况',
    maxPoints: 6,
    rule: AssessmentRule.NEW_MEDIA_FRESHNESS,
    deduction: 1,
    zeroAfterDays: 14,
    requirement: '规范开设政务微博、微信及移动客户端等政务新媒体，每周进行更新，最长不超过10天。被上级督促、提醒更新的，每次扣1分，两周未更新的，本项不得分。',
  },
  {
    code: '20',
    group: '政务新媒体',
    title: '表述错误',
    maxPoints: 6,
    rule: AssessmentRule.OCCURRENCES,
    occurrenceKinds: [
      { label: '严重表述错误', amount: 5 },
      { label: '错别字或与职能无关内容', amount: 0.5 },
    ],
    requirement:
      '政务新媒体出现严重表述错误、泄露国家秘密、发布或链接反动、暴力、色情内容以及领导人名字写错（发现一次扣5分），发布内容含错别字、与本职能工作无关的（发现一个扣0.5分）。',
  },
  {
    code: '21',
    group: '政务新媒体',
    title: '单项否决',
    maxPoints: 0,
    rule: AssessmentRule.VETO,
    vetoes: ['18', '19', '20'],
    idleDays: 14,
    requirement: '政务新媒体因发布内容不当引发严重负面舆情、或发生“僵尸”情况、因更新不及时被省、市通报，上述情况出现一种即单项否决，政务新媒体建设工作不得分。',
  },
];

export const DEMO_BONUS_TITLE = '被国办、省办通报表扬，政策解读和政务新媒体等工作在市厅级以上评比中获得表彰。';
export const DEMO_BONUS_CAP = 5;

export function demoItems(): AssessmentItemDefinition[] {
  return DEMO_ITEMS.map((item) =>
    Object.assign(new AssessmentItemDefinition(), {
      perQuarter: null,
      perYear: null,
      scoring: null,
      deduction: null,
      cap: null,
      zeroAfterDays: null,
      idleDays: null,
      minCases: null,
      ...structuredClone(item),
      deadlineKinds: [...(item.deadlineKinds ?? [])],
      occurrenceKinds: (item.occurrenceKinds ?? []).map((k) => ({ ...k })),
      vetoes: [...(item.vetoes ?? [])],
    }),
  );
}

/** Seeds the demo set (seed 000's 21 items) for an organisation and period (`2026`, `2026-H2`). */
export async function seedAssessmentSet(em: EntityManager, organization: Department, period: string): Promise<AssessmentSet> {
  const parsed = parseAssessmentPeriod(period);
  if (!parsed) throw new Error(`not an assessment period: ${period}`);
  const set = em.create(AssessmentSet, {
    organization,
    period: parsed.key,
    title: `${parsed.label}政务公开工作考核指标`,
    items: demoItems(),
    bonusTitle: DEMO_BONUS_TITLE,
    bonusCap: DEMO_BONUS_CAP,
  });
  await em.flush();
  return set;
}

/**
 * The demo's 考核 as of today: the set for the year and for each half-year, for the organisation's units.
 * One unit has scored itself and submitted (复核 stage), one has an office finding on 表述错误 — the rest is the data's.
 */
export async function seedDemoAssessment(em: EntityManager, organization: Department, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  const yearSet = await seedAssessmentSet(em, organization, String(year));
  // Both halves (a half not begun yet scores nobody behind; the first half once over is as of 06-30).
  await seedAssessmentSet(em, organization, `${year}-H1`);
  await seedAssessmentSet(em, organization, `${year}-H2`);
  const units = await em.find(Department, { parent: organization.id }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  await giveUnitsTheirAccounts(em, organization, units, today);
  const [first, second] = units;
  if (first) {
    const sheet = em.create(AssessmentSheet, {
      set: yearSet,
      department: first,
      state: AssessmentSheetState.REVIEWING,
      submittedAt: new Date(),
      submittedBy: 'bgs.head',
      findings: { '1': '已在“机构职能”栏目公开本单位职能、机构设置、办公地址、办公时间、联系方式和负责人姓名，并随调整更新。' },
    });
    em.create(AssessmentEntry, {
      sheet,
      itemCode: '1',
      side: AssessmentSide.SELF,
      points: 4,
      reason: '已在机构职能栏目公开',
      evidence: [{ title: '机构职能栏目', url: '/admin/publications' }],
      enteredBy: 'bgs.head',
    });
    em.create(AssessmentEntry, {
      sheet,
      itemCode: '17',
      side: AssessmentSide.SELF,
      points: 4,
      reason: '已成立政务公开工作领导小组并公开',
      enteredBy: 'bgs.head',
    });
  }
  if (second) {
    const sheet = em.create(AssessmentSheet, { set: yearSet, department: second });
    em.create(AssessmentEntry, {
      sheet,
      itemCode: '20',
      side: AssessmentSide.REVIEW,
      occurrences: { 错别字或与职能无关内容: 2 },
      reason: '抽查发现政务新媒体推文错别字2处',
      enteredBy: 'office.admin',
    });
  }
  await em.flush();
  return 3;
}

/** Units with their own 政务新媒体 account in the demo (the rest post on the bureau's). */
const DEMO_UNIT_ACCOUNTS: Record<string, string> = { 'PDS-ZFZD': '微信公众号“平顶山城管综合执法”', 'PDS-HWZX': '微信公众号“平顶山环卫”' };

/**
 * Two units run their own account: their posts on the bureau's account move to it (the demo publications are drawn
 * per department; which account carried them is the only change), and its freshness clock follows them. Item 19 and
 * the veto then rest on real gaps and, once the planner has run, real reminders.
 */
async function giveUnitsTheirAccounts(em: EntityManager, organization: Department, units: Department[], today: string): Promise<void> {
  const bureau = await em.findOne(Channel, { kind: ChannelKind.NEW_MEDIA_ACCOUNT, department: organization.id });
  if (!bureau) return;
  const created: Channel[] = [];
  for (const unit of units) {
    const name = DEMO_UNIT_ACCOUNTS[unit.code];
    if (!name) continue;
    const channel = em.create(Channel, {
      kind: ChannelKind.NEW_MEDIA_ACCOUNT,
      name,
      department: unit,
      url: `https://mp.weixin.example/${unit.code}`,
      // Registered before the demo's first posts (which start on the previous 1 October in January).
      createdAt: new Date(`${Number(today.slice(0, 4)) - 1}-01-01T09:00:00+08:00`),
    });
    created.push(channel);
    await em.flush();
    await em.execute(`update publication set channel_id = ? where channel_id = ? and department_id in (select id from department where path like ?)`, [
      channel.id,
      bureau.id,
      `${unit.path}%`,
    ]);
  }
  if (created.length) await syncNewMediaFreshness(em, [bureau.id, ...created.map((c) => c.id)], undefined, today);
}
