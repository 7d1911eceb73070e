/**
 * Table headers recognised by their words, not by position: "序号 | 工作任务 | 具体要求 | 牵头单位 | 责任单位 |
 * 完成时限", in any order, with spaces inside ("序  号"), notes in brackets ("责任单位（部门）") and two header rows.
 */
import { toSimplified } from './text.js';

/** What a column holds. */
export type ColumnRole =
  | 'number' // 序号
  | 'section' // 类别 / 目标 / an outer group column
  | 'title' // 工作任务
  | 'duties' // 具体要求
  | 'basis' // 政策依据
  | 'lead' // 牵头单位
  | 'responsible' // 责任单位
  | 'cooperate' // 配合单位
  | 'leader' // 责任领导 (a person)
  | 'time' // 完成时限
  | 'verdict' // 自查情况 / 完成情况
  | 'ignore'; // 备注

/** Header words, by role. A label matches exactly (after normalising), else by containing the longest word. */
const VOCABULARY: ReadonlyArray<readonly [ColumnRole, readonly string[]]> = [
  ['number', ['序号', '编号', '序', '项次', '序列号', '任务编号', '编码']],
  ['section', ['类别', '分类', '板块', '目标', '领域', '工作类别', '任务类别', '项目类别', '重点领域', '工作板块', '类型', '一级指标', '二级指标', '目标任务']],
  [
    'title',
    [
      '工作任务',
      '任务',
      '重点任务',
      '工作事项',
      '任务名称',
      '事项',
      '主要任务',
      '重点工作',
      '工作项目',
      '任务事项',
      '公开事项',
      '工作重点',
      '重点事项',
      '工作名称',
      '项目',
      '三级指标',
      '指标',
    ],
  ],
  [
    'duties',
    [
      '具体要求',
      '工作要求',
      '任务内容',
      '具体措施',
      '主要内容',
      '工作措施',
      '具体内容',
      '工作内容',
      '任务要求',
      '要求',
      '内容',
      '措施',
      '具体任务',
      '推进措施',
      '主要措施',
      '公开内容',
      '工作举措',
      '主要举措',
      '具体举措',
      '贯彻举措',
      '任务分解',
      '工作标准',
      '目标要求',
      '职责分工',
    ],
  ],
  ['basis', ['政策依据', '公开依据', '依据', '文件依据']],
  ['lead', ['牵头单位', '牵头科室', '牵头部门', '牵头股室', '牵头处室', '牵头', '主责单位', '主办单位', '牵头责任单位']],
  [
    'responsible',
    [
      '责任单位',
      '责任科室',
      '责任部门',
      '责任股室',
      '责任处室',
      '负责科室',
      '负责单位',
      '负责部门',
      '责任主体',
      '实施单位',
      '承办单位',
      '落实单位',
      '承担单位',
      '完成单位',
      '公开主体',
      '具体责任单位',
      '责任分工',
    ],
  ],
  ['cooperate', ['配合单位', '协办单位', '配合科室', '配合部门', '协助单位', '参与单位', '协同单位', '配合股室', '协办科室', '协同责任单位', '配合责任单位']],
  ['leader', ['责任领导', '分管领导', '牵头领导', '责任人', '联系人', '分管负责人', '具体责任人', '负责领导', '牵头负责领导', '牵头责任领导', '联系领导']],
  [
    'time',
    [
      '完成时限',
      '时限要求',
      '完成时间',
      '时间节点',
      '时限',
      '完成期限',
      '进度安排',
      '时间安排',
      '办结时限',
      '推进时限',
      '时间要求',
      '公开时限',
      '截止时间',
      '完成日期',
      '时间',
    ],
  ],
  ['verdict', ['自查情况', '完成情况', '落实情况', '进展情况', '推进情况', '工作进展']],
  ['ignore', ['备注', '说明', '附注', '公开方式', '公开渠道', '公开形式', '公开对象', '考核分值', '分值']],
];

/** Roles a label could play when it is ambiguous: 工作内容 is the title when there is no 工作任务 column. */
const SECOND_CHOICE: Readonly<Record<string, ColumnRole>> = { 工作内容: 'title', 主要内容: 'title', 具体内容: 'title', 任务内容: 'title' };

const EXACT = new Map<string, ColumnRole>();
const CONTAINED: Array<readonly [string, ColumnRole]> = [];
for (const [role, words] of VOCABULARY) {
  for (const word of words) {
    EXACT.set(word, role);
    if (word.length >= 2) CONTAINED.push([word, role]);
  }
}
CONTAINED.sort((a, b) => b[0].length - a[0].length);

/** A header label as compared: simplified characters, NFKC, no spaces, no trailing colon, no note in brackets. */
export function normalizeLabel(label: string): string {
  return toSimplified(label)
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[:：]$/, '')
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】/g, '')
    .replace(/[*＊]/g, '');
}

/** The role of a header label, or null when the words are not a header's. */
export function roleOfLabel(label: string): ColumnRole | null {
  const n = normalizeLabel(label);
  if (!n || n.length > 16) return null;
  const exact = EXACT.get(n);
  if (exact) return exact;
  if (n.length > 10) return null;
  return CONTAINED.find(([word]) => n.includes(word))?.[1] ?? null;
}

/**
 * Words of a second header row under headings that span columns, as 政务公开标准目录 and task tables write them
 * (公开对象: 全社会 | 特定群体; 公开方式: 主动 | 依申请; 公开层级: 县级 | 乡级 | 村级; 公开渠道和载体: 政府网站 | …).
 */
const SUBHEADING_RE =
  /^(?:全社会|特定群体|社会公众|特定对象|主动|依申请|(?:国家|省|市|县|区|乡|镇|乡镇|街道|村|社区)级|政府网站|政府公报|两微一端|发布会|听证会|发布会\/听证会|广播电视|纸质媒体|公开查阅点|政务服务中心|便民服务站|入户\/现场|精准推送|其他)$/;

/** Whether a cell reads as a header's: a header word (序号, 牵头单位 …) or a word of a second header row (全社会, 主动 …). */
export function isHeaderWord(label: string): boolean {
  return roleOfLabel(label) !== null || SUBHEADING_RE.test(normalizeLabel(label));
}

/** The roles that make a header: at least two distinct ones, one of them the task (title or duties). */
export function isHeaderRoles(roles: readonly (ColumnRole | null)[]): boolean {
  const distinct = new Set(roles.filter((r): r is ColumnRole => r !== null && r !== 'ignore'));
  return distinct.size >= 2 && (distinct.has('title') || distinct.has('duties'));
}

/**
 * Whether a row is a header: its distinct non-empty labels are mostly header words (a merged title row
 * "2024年政务公开任务清单" repeated across the width counts once and is not one), making a header's roles.
 */
export function headerRoles(cells: readonly string[]): (ColumnRole | null)[] | null {
  const roles = cells.map((c) => roleOfLabel(c));
  const distinctTexts = [...new Set(cells.map((c) => c.trim()).filter((c) => c.length > 0))];
  const recognised = distinctTexts.filter((t) => roleOfLabel(t) !== null).length;
  if (recognised < 2 || recognised * 2 < distinctTexts.length) return null;
  return isHeaderRoles(roles) ? roles : null;
}

/**
 * Resolves each column's role from its label, left to right, for a full grid: ambiguous labels (工作内容) take
 * their second choice when the first is already held; a label spanning several columns (same text and merged,
 * e.g. 工作任务 over "一、…" and "(一)…") is the role in its rightmost column and section columns left of it.
 */
export function resolveRoles(labels: readonly string[], merged: readonly (string | null)[] | undefined): (ColumnRole | null)[] {
  const roles = labels.map((l) => roleOfLabel(l));
  // Spans: the rightmost column of a run of one merged label keeps the role, the ones before are sections
  // when the role is the title, and the same role otherwise (two 具体要求 columns are joined).
  for (let c = 0; c < roles.length; c++) {
    const id = merged?.[c] ?? null;
    if (id === null) continue;
    let end = c;
    while (end + 1 < roles.length && (merged?.[end + 1] ?? null) === id) end++;
    if (end > c && roles[c] === 'title') for (let k = c; k < end; k++) roles[k] = 'section';
    c = end;
  }
  // Two duties columns and no title (工作内容 | 具体要求): the one that can be a title is the title. 工作内容 alone
  // stays the duties; the title is then the first clause of its text.
  const distinctDuties = new Set(labels.filter((_, c) => roles[c] === 'duties').map(normalizeLabel));
  if (!roles.includes('title') && distinctDuties.size > 1) {
    const first = labels.findIndex((l, c) => roles[c] === 'duties' && SECOND_CHOICE[normalizeLabel(l)] === 'title');
    const label = first >= 0 ? normalizeLabel(labels[first] ?? '') : null;
    labels.forEach((l, c) => {
      if (label !== null && normalizeLabel(l) === label) roles[c] = 'title';
    });
  }
  return roles;
}
