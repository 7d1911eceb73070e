import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleKind } from './deadline-enums.js';
import { DeadlineRule } from './deadline-rule.entity.js';

export const RULE = {
  TASK_DUE: 'TASK_DUE',
  APPLICATION_REPLY: 'APPLICATION_REPLY',
  APPLICATION_CORRECTION: 'APPLICATION_CORRECTION',
  APPLICATION_EXTENSION_MAX: 'APPLICATION_EXTENSION_MAX',
  PROPOSAL_DISCLOSURE: 'PROPOSAL_DISCLOSURE',
  MESSAGE_REPLY: 'MESSAGE_REPLY',
  PENALTY_PUBLICATION: 'PENALTY_PUBLICATION',
  NEW_MEDIA_UPDATE: 'NEW_MEDIA_UPDATE',
  PROACTIVE_DISCLOSURE: 'PROACTIVE_DISCLOSURE',
  ANNUAL_REPORT: 'ANNUAL_REPORT',
  ANNUAL_REPORT_GOVERNMENT: 'ANNUAL_REPORT_GOVERNMENT',
  RULE_OF_LAW_REPORT: 'RULE_OF_LAW_REPORT',
  SUPERVISION_REPLY: 'SUPERVISION_REPLY',
} as const;

type RuleSeed = Pick<DeadlineRule, 'code' | 'name' | 'kind' | 'days' | 'policyBasis'> &
  Partial<Pick<DeadlineRule, 'fixedMonth' | 'fixedDay' | 'warnDays' | 'vetoDays' | 'dueSoonWorkingDays' | 'longOverdueWorkingDays'>>;

/** The legal rules (shared/DOMAIN.md) as reference data. Local rules (7 or 20 days …) are editable. */
export const RULE_SEEDS: RuleSeed[] = [
  {
    code: RULE.TASK_DUE,
    name: '工作要点任务截止日期',
    kind: RuleKind.EXPLICIT,
    days: 0,
    longOverdueWorkingDays: 20,
    policyBasis: '年度政务公开工作要点分解表确定的完成时限',
  },
  {
    code: RULE.APPLICATION_REPLY,
    name: '依申请公开答复',
    kind: RuleKind.WORKING_DAYS,
    days: 20,
    policyBasis:
      '《中华人民共和国政府信息公开条例》第三十三条：不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。征求第三方和其他机关意见所需时间不计算在前款规定的期限内。',
  },
  {
    code: RULE.APPLICATION_CORRECTION,
    name: '依申请公开补正告知',
    kind: RuleKind.WORKING_DAYS,
    days: 7,
    policyBasis:
      '《中华人民共和国政府信息公开条例》第三十条：政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正；答复期限自行政机关收到补正的申请之日起计算。',
  },
  {
    code: RULE.APPLICATION_EXTENSION_MAX,
    name: '依申请公开延期上限',
    kind: RuleKind.WORKING_DAYS,
    days: 20,
    policyBasis: '《中华人民共和国政府信息公开条例》第三十三条第二款：延长的期限最长不得超过20个工作日。',
  },
  {
    code: RULE.PROPOSAL_DISCLOSURE,
    name: '建议提案办理复文公开',
    kind: RuleKind.WORKING_DAYS,
    days: 7,
    policyBasis:
      '办理完成本年度人大代表建议和政协提案的复文后，在7个工作日内通过政府信息公开平台相关栏目向社会公开（威县2023年政务公开考核要求；国办发〔2014〕46号）',
  },
  {
    code: RULE.MESSAGE_REPLY,
    name: '网站留言答复',
    kind: RuleKind.WORKING_DAYS,
    days: 5,
    policyBasis:
      '对公众诉求或提出问题留言处置、回复等工作在规定时限完成，回复时间不超过5个工作日（平顶山市城市管理局2021年度政务公开工作要点；国办发〔2016〕80号）',
  },
  {
    code: RULE.PENALTY_PUBLICATION,
    name: '行政处罚决定公开',
    kind: RuleKind.WORKING_DAYS,
    days: 7,
    policyBasis: '行政处罚结果自作出行政决定之日起7个工作日内网上公开（平顶山市城市管理局2021年度政务公开工作要点；发改办财金〔2018〕424号）',
  },
  {
    code: RULE.NEW_MEDIA_UPDATE,
    name: '政务新媒体更新',
    kind: RuleKind.MAX_GAP,
    days: 7,
    warnDays: 10,
    vetoDays: 14,
    policyBasis: '政务新媒体每周进行更新，最长不超过10天；两周未更新的单项否决（国办秘函〔2019〕19号；国办发〔2018〕123号；威县2023年政务公开考核要求）',
  },
  {
    code: RULE.PROACTIVE_DISCLOSURE,
    name: '主动公开时限',
    kind: RuleKind.WORKING_DAYS,
    days: 20,
    policyBasis: '《中华人民共和国政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。',
  },
  {
    code: RULE.ANNUAL_REPORT,
    name: '政府信息公开工作年度报告',
    kind: RuleKind.FIXED_DATE,
    days: 0,
    fixedMonth: 1,
    fixedDay: 31,
    longOverdueWorkingDays: 20,
    policyBasis:
      '《中华人民共和国政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。',
  },
  {
    code: RULE.ANNUAL_REPORT_GOVERNMENT,
    name: '人民政府政府信息公开工作年度报告',
    kind: RuleKind.FIXED_DATE,
    days: 0,
    fixedMonth: 3,
    fixedDay: 31,
    longOverdueWorkingDays: 20,
    policyBasis:
      '《中华人民共和国政府信息公开条例》第四十九条：县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。',
  },
  {
    code: RULE.RULE_OF_LAW_REPORT,
    name: '法治政府建设年度报告',
    kind: RuleKind.FIXED_DATE,
    days: 0,
    fixedMonth: 4,
    fixedDay: 1,
    longOverdueWorkingDays: 20,
    policyBasis: '《法治政府建设与责任落实督察工作规定》：每年4月1日之前，县级以上政府部门的法治政府建设年度报告应当通过报刊、政府网站等向社会公开。',
  },
  {
    code: RULE.SUPERVISION_REPLY,
    name: '督办单回复',
    kind: RuleKind.EXPLICIT,
    days: 0,
    longOverdueWorkingDays: 10,
    policyBasis: '督办单载明的办理时限（签发之日起N个工作日内回复办理情况）',
  },
];

/** Inserts missing rules; never overwrites an admin's edits. */
export async function seedDeadlineRules(em: EntityManager): Promise<void> {
  const existing = new Set((await em.find(DeadlineRule, {}, { fields: ['code'] })).map((r) => r.code));
  const missing = RULE_SEEDS.filter((r) => !existing.has(r.code));
  if (!missing.length) return;
  await em.transactional(async (tx) => {
    for (const r of missing) tx.create(DeadlineRule, r);
  });
}
