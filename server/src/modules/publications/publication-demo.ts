import { canonicalUrl } from './canonical-url.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { compare } from '../../core/compare.js';
import { addDays, shanghaiDate } from '../../time/calendar-date.js';
import { PeriodType } from '../../time/period.js';
import { loadCalendar } from '../calendar/calendar.store.js';
import { Department } from '../departments/department.entity.js';
import { DepartmentKind } from '../departments/department-kind.js';
import { Quota } from '../quotas/quota.entity.js';
import { seedCategoriesIfEmpty } from './catalogue.service.js';
import { Category } from './category.entity.js';
import { Channel } from './channel.entity.js';
import { allocateIndexNumbers } from './index-number.service.js';
import { applyCountDeltas, countDeltas } from './publication-counts.js';
import { ChannelKind, InterpretationForm } from './publication-enums.js';
import { Publication } from './publication.entity.js';

/** seed 000: 每季度公开50条、年度200条, for every office and subordinate unit. */
const DEMO_QUOTAS = [
  { periodType: PeriodType.QUARTER, target: 50 },
  { periodType: PeriodType.YEAR, target: 200 },
];
const QUOTA_KINDS = [DepartmentKind.OFFICE, DepartmentKind.SUBORDINATE_UNIT, DepartmentKind.COUNTY_UNIT, DepartmentKind.TOWNSHIP];

/** Share of items per category (by name). */
const CATEGORY_WEIGHTS: [string, number][] = [
  ['工作动态', 34],
  ['重点领域', 12],
  ['政策文件', 9],
  ['政策解读', 10],
  ['行政执法', 10],
  ['计划总结', 5],
  ['指南', 5],
  ['财政资金', 4],
  ['人事信息', 4],
  ['建议提案', 4],
  ['机构概况', 2],
  ['年报', 1],
];

const TOPICS: Record<string, string[]> = {
  工作动态: [
    '开展城市道路扬尘专项整治',
    '召开政务公开工作推进会',
    '开展背街小巷环境综合整治',
    '推进垃圾分类进社区',
    '开展燃气安全隐患排查',
    '组织业务骨干集中培训',
    '开展“门前五包”集中宣传',
    '完成主干道路灯维修',
  ],
  重点领域: ['城市管理领域信息公开', '市政设施建设项目进展公示', '环卫作业质量考核结果公示', '园林绿化养护标准公开'],
  政策文件: ['关于加强城市户外广告设置管理的通知', '关于印发城市管理考核办法的通知', '关于做好冬季除雪防冻工作的通知'],
  政策解读: ['《城市户外广告设置管理办法》解读', '一图读懂城市管理考核办法', '垃圾分类新规政策问答', '城市道路挖掘管理规定解读'],
  行政执法: ['行政处罚决定书公示', '行政执法“双公示”信息', '行政许可办理结果公示'],
  计划总结: ['政务公开工作要点落实情况', '月度工作总结', '重点工作推进计划'],
  指南: ['城市道路占用挖掘许可办事指南', '户外广告设置审批办事指南', '建筑垃圾处置核准办事指南'],
  财政资金: ['部门预算公开', '政府采购意向公开', '专项资金使用情况公示'],
  人事信息: ['公开招聘工作人员公告', '干部任前公示', '人员调整信息'],
  建议提案: ['人大代表建议答复', '政协委员提案答复'],
  机构概况: ['机构职能和领导信息更新', '内设机构及联系方式更新'],
  年报: ['政府信息公开工作年度报告'],
};

/** A stable number in [0, 1) per key, so that every fresh start shows the same demo. */
function draw(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

function pick<T>(items: [T, number][], r: number): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  for (const [item, w] of items) {
    acc += w / total;
    if (r < acc) return item;
  }
  return items.at(-1)![0];
}

interface DemoChannels {
  portal: Channel;
  news: Channel;
  wechat: Channel;
  gazette: Channel;
}

/**
 * Where a demo item appears (`r` drawn in [0, 1)): some policy documents in the gazette, news on the
 * news column or the 公众号, the rest mostly on the portal.
 */
function demoChannel(categoryName: string, r: number, channels: DemoChannels): Channel {
  if (categoryName === '政策文件' && r < 0.3) return channels.gazette;
  if (categoryName === '工作动态') return r < 0.55 ? channels.news : channels.wechat;
  return r < 0.8 ? channels.portal : channels.wechat;
}

/** The form of a demo interpretation (null outside interpretation categories): text for the department's `textShare`, else a chart, video … */
function demoForm(category: Category, key: string, textShare: number): InterpretationForm | null {
  if (!category.isInterpretation) return null;
  if (draw(`f|${key}`) < textShare) return InterpretationForm.TEXT;
  return pick(
    [
      [InterpretationForm.CHART, 5],
      [InterpretationForm.VIDEO, 2],
      [InterpretationForm.ANIMATION, 1],
      [InterpretationForm.INTERVIEW, 1],
    ],
    draw(`g|${key}`),
  );
}

/**
 * Demo ledger: channels, the seed-000 quota (50 a quarter, 200 a year, per kind of department)
 * and believable publications for every department of the demo organisations, each working day
 * of the current year up to today (in January from the previous 1 October), at a steady per-department pace (some ahead, some behind).
 * Deterministic for a given day. Bulk insert: adds well under a second to a fresh start.
 */
export async function seedDemoPublications(em: EntityManager, organizations: Department[], today = shanghaiDate()): Promise<number> {
  await seedCategoriesIfEmpty(em);
  const categories = new Map((await em.find(Category, {})).map((c) => [c.name, c]));
  const calendar = await loadCalendar(em);
  const year = Number(today.slice(0, 4));
  // The current year; in January the last quarter of the year before too, so that a board just
  // past New Year still shows recent work (and the 政务新媒体 accounts their last posts).
  const from = today < `${year}-02-01` ? `${year - 1}-10-01` : `${year}-01-01`;
  const workingDays: string[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) workingDays.push(d);
  const channelsCreatedAt = new Date(`${from}T09:00:00+08:00`);
  const perDay = DEMO_QUOTAS[0]!.target / 62;

  let total = 0;
  for (const organization of organizations) {
    const host = `${organization.code.toLowerCase()}.zwgk.example`;
    const createdAt = channelsCreatedAt;
    const portal = em.create(Channel, {
      kind: ChannelKind.PORTAL_COLUMN,
      name: `门户网站·政务公开`,
      department: organization,
      url: `https://${host}/zwgk/`,
      createdAt,
    });
    const news = em.create(Channel, {
      kind: ChannelKind.PORTAL_COLUMN,
      name: `门户网站·工作动态`,
      department: organization,
      url: `https://${host}/gzdt/`,
      createdAt,
    });
    const wechat = em.create(Channel, {
      kind: ChannelKind.NEW_MEDIA_ACCOUNT,
      name: `微信公众号“${organization.name}”`,
      department: organization,
      url: `https://mp.weixin.example/${organization.code}`,
      createdAt,
    });
    const gazette = em.create(Channel, { kind: ChannelKind.GAZETTE, name: '政府公报', department: organization, createdAt });
    const channels: DemoChannels = { portal, news, wechat, gazette };
    const departments = (await em.find(Department, { path: { $like: `${organization.path}%` } }, { orderBy: { path: 'asc' } })).filter(
      (d) => d.id !== organization.id,
    );
    for (const kind of QUOTA_KINDS.filter((k) => departments.some((d) => d.kind === k))) {
      for (const q of DEMO_QUOTAS) em.create(Quota, { organization, departmentKind: kind, periodType: q.periodType, target: q.target });
    }
    await em.flush();

    const rows: {
      department: Department;
      category: Category;
      channel: Channel;
      publishedOn: string;
      title: string;
      url: string;
      form: InterpretationForm | null;
    }[] = [];
    for (const department of departments) {
      // Diligence: from well behind to ahead of the pace; recent weeks vary around it.
      const diligence = 0.6 + draw(`pace|${department.code}`) * 0.9;
      const textShare = 0.3 + draw(`form|${department.code}`) * 0.45;
      let seq = 0;
      for (const day of workingDays) {
        const n = Math.floor(perDay * diligence + draw(`n|${department.code}|${day}`));
        for (let k = 0; k < n; k++) {
          const key = `${department.code}|${day}|${k}`;
          const categoryName = pick(CATEGORY_WEIGHTS, draw(`c|${key}`));
          const category = categories.get(categoryName) ?? categories.get('工作动态')!;
          const topics = TOPICS[categoryName] ?? TOPICS['工作动态']!;
          const topic = topics[Math.floor(draw(`t|${key}`) * topics.length)]!;
          const channel = demoChannel(categoryName, draw(`ch|${key}`), channels);
          const form = demoForm(category, key, textShare);
          seq++;
          rows.push({
            department,
            category,
            channel,
            publishedOn: day,
            title: `${department.name}${topic}`,
            url: `https://${host}/${channel === wechat ? 'wx' : 'art'}/${day.replaceAll('-', '')}/${department.code.toLowerCase()}-${seq}.html`,
            form,
          });
        }
      }
    }
    rows.sort((a, b) => compare(a.publishedOn, b.publishedOn));
    const numbers = await allocateIndexNumbers(
      em,
      organization,
      rows.map((r) => r.publishedOn),
    );
    await em.insertMany(
      Publication,
      rows.map((r, i) => ({
        organization: organization.id,
        department: r.department.id,
        title: r.title,
        category: r.category.id,
        channel: r.channel.id,
        publishedOn: r.publishedOn,
        url: r.url,
        canonicalUrl: canonicalUrl(r.url),
        summary: null,
        indexNumber: numbers[i]!,
        interpretationForm: r.form,
        version: 1,
        createdAt: new Date(`${r.publishedOn}T09:30:00+08:00`),
        updatedAt: new Date(`${r.publishedOn}T09:30:00+08:00`),
      })),
    );
    await applyCountDeltas(
      em,
      countDeltas(
        [],
        rows.map((r) => ({ departmentId: r.department.id, publishedOn: r.publishedOn, categoryPath: r.category.path, interpretationForm: r.form })),
      ),
    );
    total += rows.length;
  }
  return total;
}
