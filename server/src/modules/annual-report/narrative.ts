import type { EntityManager } from '@mikro-orm/postgresql';
import { cellKey } from './format.js';
import { yearRange } from './report-figures.js';

/**
 * Live fields of the narrative: `{{主动公开信息数}}` in a part's text prints the current figure, so the
 * words written around a number never fall behind the ledger or the tables. The draft of parts 一 and 二
 * is written from the ledger with these fields; a person then edits the words.
 */
export interface LiveFacts {
  readonly values: ReadonlyMap<string, number>;
  /** Publications of the year per top-level category, largest first. */
  readonly byCategory: readonly { name: string; count: number }[];
}

/** The fields a narrative may use, with what each counts. */
export const LIVE_FIELDS: Readonly<Record<string, string>> = {
  主动公开信息数: '本年在台账中登记的主动公开信息条数',
  政策解读数: '本年发布的政策解读条数',
  政策解读非文字数: '本年以图表、视频、动漫、在线访谈等非文字形式发布的政策解读条数',
  政策解读非文字占比: '非文字形式政策解读所占百分比（取整）',
  政务新媒体账号数: '运行中的政务新媒体账号个数',
  政务新媒体发布数: '本年在政务新媒体账号发布的信息条数',
  政府公报发布数: '本年在政府公报刊登的信息条数',
  门户网站发布数: '本年在门户网站栏目发布的信息条数',
  工作要点任务数: '本年度工作要点分解的任务数（不含不再分配的）',
  工作要点已完成任务数: '其中已完成的任务数',
  新收申请数: '表三 一、本年新收政府信息公开申请数量（总计）',
  上年结转申请数: '表三 二、上年结转政府信息公开申请数量（总计）',
  办结申请数: '表三 三（七）总计',
  结转下年度申请数: '表三 四、结转下年度继续办理（总计）',
  予以公开数: '表三 （一）予以公开（总计）',
  行政复议数: '表四 行政复议总计',
  行政诉讼数: '表四 行政诉讼总计（未经复议直接起诉与复议后起诉之和）',
  规范性文件制发数: '表二 行政规范性文件本年制发件数',
  规范性文件现行有效数: '表二 行政规范性文件现行有效件数',
  行政许可数: '表二 行政许可本年处理决定数量',
  行政处罚数: '表二 行政处罚本年处理决定数量',
};

/** `{{分类·工作动态}}`: the year's publications of a top-level category. */
export const CATEGORY_FIELD_PREFIX = '分类·';

const FIELD = /\{\{\s*([^{}\s]{1,30})\s*\}\}/g;

/** The facts of the organisation's year from the ledger, the plan and the tables. */
export async function collectLiveFacts(
  em: EntityManager,
  organization: { id: number; path: string },
  year: number,
  figures: ReadonlyMap<string, { value: number }>,
): Promise<LiveFacts> {
  const y = yearRange(year);
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  const prefix = `${organization.path}%`;
  // The ledger of the year grouped by category and channel kind (a few dozen rows), then summed here: the
  // publications are read once, through the organisation's own index (publication.organization_id).
  const rows = await conn.execute<{ category_id: number; kind: string; non_text: number; n: number }[]>(
    `select p.category_id, ch.kind::text as kind, count(*) filter (where p.interpretation_form <> 'TEXT')::int as non_text, count(*)::int as n
       from publication p join department d on d.id = p.department_id join channel ch on ch.id = p.channel_id
      where p.organization_id = ? and d.path like ? and p.published_on between ? and ?
      group by 1, 2`,
    [organization.path.split('/').filter(Boolean)[0] ?? organization.id, prefix, y.start, y.end],
    'all',
    tx,
  );
  const categoryRows = await conn.execute<{ id: number; name: string; path: string; is_interpretation: boolean }[]>(
    'select id, name, path, is_interpretation from category',
    [],
    'all',
    tx,
  );
  const categoryById = new Map(categoryRows.map((c) => [Number(c.id), c]));
  const topName = (id: number): string => {
    const category = categoryById.get(id);
    const top = category ? categoryById.get(Number(category.path.split('/').filter(Boolean)[0])) : undefined;
    return top?.name ?? category?.name ?? '其他';
  };
  const ledger = { total: 0, interpretations: 0, non_text: 0, new_media: 0, gazette: 0, portal: 0 };
  const byTop = new Map<string, number>();
  for (const r of rows) {
    const n = Number(r.n);
    ledger.total += n;
    if (categoryById.get(Number(r.category_id))?.is_interpretation) {
      ledger.interpretations += n;
      ledger.non_text += Number(r.non_text);
    }
    if (r.kind === 'NEW_MEDIA_ACCOUNT') ledger.new_media += n;
    else if (r.kind === 'GAZETTE') ledger.gazette += n;
    else if (r.kind === 'PORTAL_COLUMN') ledger.portal += n;
    byTop.set(topName(Number(r.category_id)), (byTop.get(topName(Number(r.category_id))) ?? 0) + n);
  }
  const categories = [...byTop].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
  const [accounts] = await conn.execute<{ n: number }[]>(
    `select count(*)::int as n from channel ch left join department d on d.id = ch.department_id
      where ch.kind = 'NEW_MEDIA_ACCOUNT' and ch.is_active and (d.id is null or d.path like ?)`,
    [prefix],
    'all',
    tx,
  );
  const [tasks] = await conn.execute<{ total: number; done: number }[]>(
    `select count(*)::int as total, count(*) filter (where t.status = 'DONE')::int as done
       from task t join work_point w on w.id = t.work_point_id join plan pl on pl.id = w.plan_id join department o on o.id = pl.organization_id
      where o.path like ? and pl.year = ? and pl.retired_at is null and w.retired_at is null and t.retired_at is null and t.status <> 'NOT_APPLICABLE'`,
    [prefix, year],
    'all',
    tx,
  );
  const cell = (table: 'table2' | 'table3' | 'table4', row: string, column: string) => figures.get(cellKey(table, row, column))?.value ?? 0;
  const interpretations = ledger.interpretations ?? 0;
  const nonText = ledger.non_text ?? 0;
  const values = new Map<string, number>([
    ['主动公开信息数', ledger.total ?? 0],
    ['政策解读数', interpretations],
    ['政策解读非文字数', nonText],
    ['政策解读非文字占比', interpretations ? Math.round((nonText / interpretations) * 100) : 0],
    ['政务新媒体账号数', accounts?.n ?? 0],
    ['政务新媒体发布数', ledger.new_media ?? 0],
    ['政府公报发布数', ledger.gazette ?? 0],
    ['门户网站发布数', ledger.portal ?? 0],
    ['工作要点任务数', tasks?.total ?? 0],
    ['工作要点已完成任务数', tasks?.done ?? 0],
    ['新收申请数', cell('table3', 'newReceived', 'total')],
    ['上年结转申请数', cell('table3', 'carriedOver', 'total')],
    ['办结申请数', cell('table3', 'resultsTotal', 'total')],
    ['结转下年度申请数', cell('table3', 'carriedForward', 'total')],
    ['予以公开数', cell('table3', 'granted', 'total')],
    ['行政复议数', cell('table4', 'count', 'review_total')],
    ['行政诉讼数', cell('table4', 'count', 'litDirect_total') + cell('table4', 'count', 'litAfterReview_total')],
    ['规范性文件制发数', cell('table2', 'normativeDocuments', 'madeThisYear')],
    ['规范性文件现行有效数', cell('table2', 'normativeDocuments', 'currentlyValid')],
    ['行政许可数', cell('table2', 'administrativeLicensing', 'decisionsThisYear')],
    ['行政处罚数', cell('table2', 'administrativePenalty', 'decisionsThisYear')],
  ]);
  // One field per top-level category, so that a breakdown written from them stays equal to its total.
  for (const c of categories) values.set(`${CATEGORY_FIELD_PREFIX}${c.name}`, Number(c.count));
  return { values, byCategory: categories.map((c) => ({ name: c.name, count: Number(c.count) })) };
}

/** Prints the live fields; unknown names stay as written and are returned for a finding. */
export function renderLiveFields(text: string, facts: LiveFacts): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const rendered = text.replace(FIELD, (whole, name: string) => {
    const value = facts.values.get(name);
    if (value === undefined) {
      unknown.push(name);
      return whole;
    }
    return String(value);
  });
  return { text: rendered, unknown };
}

/** The first draft of the narrative parts, written from the facts with live fields. */
export function draftNarrative(
  organizationName: string,
  year: number,
  facts: LiveFacts,
): { preamble: string; overview: string; proactiveText: string; problems: string; otherMatters: string } {
  const v = (name: string) => facts.values.get(name) ?? 0;
  const categories = facts.byCategory.length ? `，其中${facts.byCategory.map((c) => `${c.name}{{${CATEGORY_FIELD_PREFIX}${c.name}}}条`).join('，')}` : '';
  const interpretations = facts.values.get('政策解读数')
    ? `发布政策解读{{政策解读数}}条，其中以图表、视频、动漫、在线访谈等非文字形式解读{{政策解读非文字数}}条，占{{政策解读非文字占比}}%。`
    : '';
  return {
    preamble: `本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，报告全文由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    overview: [
      `（一）主动公开`,
      v('主动公开信息数')
        ? `${year}年，${organizationName}坚持以公开为常态、不公开为例外，全年主动公开政府信息{{主动公开信息数}}条${categories}。${interpretations}`
        : `（台账中没有${year}年的发布记录：请补充本年度主动公开情况，或先导入本年度信息发布台账。）`,
      `（二）依申请公开`,
      `全年新收政府信息公开申请{{新收申请数}}件，上年结转{{上年结转申请数}}件，办结{{办结申请数}}件，结转下年度继续办理{{结转下年度申请数}}件。因政府信息公开工作被申请行政复议{{行政复议数}}件、提起行政诉讼{{行政诉讼数}}件。`,
      `（三）政府信息管理`,
      `本年制发行政规范性文件{{规范性文件制发数}}件，现行有效{{规范性文件现行有效数}}件。严格落实公开前保密审查，动态更新政府信息公开目录。`,
      `（四）政府信息公开平台建设`,
      v('政务新媒体发布数') || v('门户网站发布数')
        ? `运行政务新媒体账号{{政务新媒体账号数}}个，全年发布信息{{政务新媒体发布数}}条；通过门户网站发布信息{{门户网站发布数}}条。`
        : `（请补充门户网站、政务新媒体等平台建设情况。）`,
      `（五）监督保障`,
      v('工作要点任务数')
        ? `按照年度政务公开工作要点分解任务{{工作要点任务数}}项，已完成{{工作要点已完成任务数}}项。`
        : `（本系统中没有${year}年度工作要点：请补充工作要点落实、考核和责任追究情况。）`,
    ].join('\n'),
    proactiveText: v('主动公开信息数') ? `${year}年度，通过门户网站、政务新媒体等渠道主动公开政府信息{{主动公开信息数}}条${categories}。` : '',
    problems: '（待填写：本年度政府信息公开工作存在的主要问题及改进情况）',
    otherMatters: '本年度未收取信息处理费。',
  };
}
