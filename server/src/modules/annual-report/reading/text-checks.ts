import { TABLE4_ROW, cellKey, describeCell, type CellAddress, type CellValue } from '../format.js';
import { normalizeReportText, parseNumber } from './normalize.js';
import type { Finding } from './types.js';

/**
 * Checks of the narrative (parts 一, 五, 六 and the text above the tables):
 *
 * TEXT-TABLE-CONSISTENCY (WARNING): a figure the narrative states about a table's subject must equal the table.
 *   Only sentences that clearly state that figure are compared; anything hedged is recorded as `notChecked`:
 *   - 收到/新收/受理…政府信息公开申请 N 件 ↔ 表三 一、本年新收 · 总计. Compared with 本年新收 only, not 本年新收 +
 *     上年结转: what an office "received" this year is the new applications. A clause that also mentions 上年/结转
 *     is not checked, and a figure equal to 本年新收 + 上年结转 is recorded as not checked (口径不明) rather than
 *     flagged. 未收到政府信息公开申请 states 0.
 *   - 办结/答复…申请 N 件 ↔ （七）总计 · 总计; 上年结转 N 件 ↔ 二、上年结转 · 总计; 结转下年度 N 件 ↔ 四、结转下年度 · 总计
 *     (the last two only in a sentence about 申请).
 *   - 行政复议 N 件 ↔ 表四 行政复议 · 总计; 行政诉讼 N 件 ↔ 未经复议直接起诉 · 总计 + 复议后起诉 · 总计;
 *     行政复议、行政诉讼各 N 件 / 均为 0; 行政复议和行政诉讼共 N 件 ↔ the three 总计; 未发生…行政复议、行政诉讼 states 0.
 *     Only in a paragraph about 信息公开/依申请, and not when the clause speaks of outcomes (维持, 纠正, 败诉 …) or of
 *     the office acting as the review body (办理/受理/审理行政复议).
 *   - 办理/作出…行政许可 N 件 ↔ 表二 行政许可; 行政处罚 N 件/起 ↔ 行政处罚; 行政强制 N 件/起 ↔ 行政强制 (not when the
 *     clause is about 受理, 立案, 清单, 公示/公开 of information, …).
 *   - 制发/印发/出台/制定…规范性文件 N 件 ↔ 行政规范性文件 · 本年制发; 废止…规范性文件 N 件 ↔ 本年废止;
 *     现行有效…规范性文件 N 件 ↔ 现行有效.
 *   - 行政事业性收费 N 万元 / N 元 ↔ 表二 行政事业性收费 (万元).
 *   Not checked: clauses about another year (去年, 同比, 上一年, a different 20xx年), approximate figures (30余件, 约,
 *   近, 上百), two different figures for one subject in one clause, or a table cell that was not read.
 *
 * TEXT-BREAKDOWN-SUM (ERROR): `…N条，其中A 1条，B 3条、C 37条…` whose parts do not add up to N. The total is the
 *   last count in the clause before 其中 (or the sentence before, when 其中 opens a sentence); the parts are the counts
 *   in the same unit in the clauses after it, separated by ，、；, up to the first clause without such a count (or
 *   about 同比/增长/占比 …). Bracketed asides are ignored. Approximate totals or parts (530余次, 30余条, 十几条) are not
 *   checked. It takes at least two parts. Parts that exceed the total are flagged. Parts that fall short are flagged
 *   only when the list reads as the whole (no 等 after its last part, and either a part named 其他/其余 or three or
 *   more parts covering at least half the total): `发布信息74条，其中政策文件5条，政策解读3条，图解2条` is a selection,
 *   not an error. ERROR, because what is flagged is a sentence that contradicts itself whatever the tables say; the
 *   conservative reading of the list keeps false alarms out (known remaining risk: overlapping categories such as
 *   platforms, 网站300条、微信200条 of 共400条, are flagged — the sentence still reads as a contradiction).
 *   cells: the table cell when the total is also a table figure (e.g. 行政许可98件), else [].
 */

export const TEXT_TABLE_RULE = 'TEXT-TABLE-CONSISTENCY';
export const TEXT_BREAKDOWN_RULE = 'TEXT-BREAKDOWN-SUM';

export type CheckStatus = 'consistent' | 'inconsistent' | 'notChecked';

/** A figure stated by the narrative about a table's subject. */
export interface TextClaim {
  /** 收到政府信息公开申请, 行政复议, 行政许可 … */
  readonly subject: string;
  /** The clause that states it. */
  readonly clause: string;
  readonly stated: number;
  /** 件, 起, 万元 … ('' for a stated zero such as 未收到…申请). */
  readonly unit: string;
  /** The cells whose sum the figure is compared with. */
  readonly cells: CellAddress[];
  /** That sum (in the table's unit: 万元 for the fee), or null when a cell was not read. */
  readonly tableValue: number | null;
  readonly status: CheckStatus;
  /** Why it was not checked. */
  readonly reason?: string;
}

/** A total followed by its parts (…N条，其中A 1条，B 3条…). */
export interface TextBreakdown {
  readonly sentence: string;
  readonly total: number;
  readonly unit: string;
  readonly parts: number[];
  readonly status: CheckStatus;
  readonly reason?: string;
}

export interface TextCheckResult {
  readonly findings: Finding[];
  readonly claims: TextClaim[];
  readonly breakdowns: TextBreakdown[];
}

// ---------------------------------------------------------------------------------------------------------------
// Counts: a number and its unit.

const NUM = String.raw`(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,15})(?:\.\d{1,8})?(?:万(?!元)|亿(?!元))?|[零〇一二两三四五六七八九十百千万几]{1,12}`;
const UNIT = '万元|元|人次|条|件|篇|个|次|起|项|份|宗|家|期|场|批';
const COUNT = new RegExp(`(${NUM})(余|多)?(${UNIT})(左右|以上|多)?`, 'g');
const APPROXIMATE_BEFORE = /(?:约|近|超过|超|逾|不到|不足)$/;

/** 30余条, 约30条, 近百条, 数十条, 上百条, 十几条: not an exact figure. */
function isApproximate(written: string, before: string, after: string): boolean {
  return (
    written.includes('几') ||
    /^(?:余|多|来|左右|以上)/.test(after) ||
    APPROXIMATE_BEFORE.test(before) ||
    (/[数上几]$/.test(before) && /^[十百千万]/.test(written))
  );
}

interface Count {
  readonly value: number;
  readonly unit: string;
  readonly approximate: boolean;
  readonly index: number;
  readonly end: number;
}

function countsIn(text: string): Count[] {
  const out: Count[] = [];
  for (const m of text.matchAll(COUNT)) {
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    if (before.endsWith('第')) continue; // 第二十条: an ordinal
    const value = parseNumber(m[1]);
    const approximate = m[2] !== undefined || m[4] !== undefined || isApproximate(m[1], before, '');
    if (value === null && !approximate) continue;
    out.push({ value: value ?? NaN, unit: m[3], approximate, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
const fmt = (n: number): string => String(Number(n.toFixed(6)));

// ---------------------------------------------------------------------------------------------------------------
// Subjects of TEXT-TABLE-CONSISTENCY.

interface Subject {
  readonly label: string;
  readonly cells: readonly CellAddress[];
  /** Each with the groups n (number) and u (unit). */
  readonly patterns: readonly RegExp[];
  /** Clauses that state the figure is zero (matched only when the clause has no count). */
  readonly zero?: readonly RegExp[];
  readonly clauseMust?: RegExp;
  readonly sentenceMust?: RegExp;
  readonly paragraphMust?: RegExp;
  /** The clause may mean something else: record as not checked. */
  readonly ambiguous?: RegExp;
  /** Another reading of the subject: a figure equal to these cells' sum is not flagged (口径不明). */
  readonly alternative?: readonly CellAddress[];
}

const t2 = (row: string, column: string): CellAddress => ({ table: 'table2', row, column });
const t3 = (row: string): CellAddress => ({ table: 'table3', row, column: 'total' });
const t4 = (column: string): CellAddress => ({ table: 'table4', row: TABLE4_ROW, column });
const N = `(?<n>${NUM})`;
const re = (source: string): RegExp => new RegExp(source, 'g');
const COUNTED = '(?:共|总计|合计|共计|计|为|达)?(?:约|近|超过|逾|大约)?';
const CASES = '(?<u>件|起|个案件|个|宗|次)';
const APPLICATIONS = '(?<u>件|起|个|份|宗|条)';
const ABOUT_DISCLOSURE = /信息公开|依申请/;
const ABOUT_APPLICATIONS_FOR_INFO = /信息公开|依申请公开|公开申请/;

const REVIEW = t4('review_total');
const LITIGATION = [t4('litDirect_total'), t4('litAfterReview_total')];
const REVIEW_AMBIGUOUS = /维持|纠正|纠错|撤销|确认违法|尚未审结|审结|复议机关|办理行政复议|受理行政复议|审理|败诉|胜诉/;
const LITIGATION_AMBIGUOUS = /维持|纠正|纠错|撤销|确认违法|尚未审结|审结|败诉|胜诉|出庭|应诉|一审|二审|判决|裁定/;
const NONE = '(?:未|没有|无)(?:发生|出现|收到|接到|产生|被申请|被提起|有)?';
const NOT_ZERO_CONTEXT = /纠错|纠正|败诉|维持|撤销|违法/;

const SUBJECTS: readonly Subject[] = [
  {
    label: '收到政府信息公开申请',
    cells: [t3('newReceived')],
    patterns: [re(`(?:收到|新收|受理|接收|接到|共收)[^，；]{0,16}?申请(?:公开)?(?:数量?)?${COUNTED}${N}${APPLICATIONS}`)],
    alternative: [t3('newReceived'), t3('carriedOver')],
    zero: [re(`(?:未|没有)(?:收到|受理|接到|接收)[^，；\\d]{0,16}?(?:信息公开|依申请公开|公开)申请`)],
    clauseMust: ABOUT_APPLICATIONS_FOR_INFO,
    ambiguous: /上年|结转|行政复议|行政诉讼|信访|投诉|举报|咨询|办结|答复|人次/,
  },
  {
    label: '办结政府信息公开申请',
    cells: [t3('resultsTotal')],
    patterns: [re(`(?:办结|答复)[^，；]{0,16}?申请${COUNTED}${N}${APPLICATIONS}`)],
    clauseMust: ABOUT_APPLICATIONS_FOR_INFO,
    ambiguous: /率|上年|结转|下年|按时|逾期|收到|受理|新收/,
  },
  {
    label: '上年结转的申请',
    cells: [t3('carriedOver')],
    patterns: [re(`上一?年度?结转(?:的)?(?:政府信息公开)?(?:申请)?${COUNTED}${N}${APPLICATIONS}`)],
    sentenceMust: /申请/,
  },
  {
    label: '结转下年度办理的申请',
    cells: [t3('carriedForward')],
    patterns: [
      re(`(?:结转|转入)(?:至|到)?下一?年度?(?:继续)?(?:办理)?(?:的)?(?:申请)?${COUNTED}${N}${APPLICATIONS}`),
      re(`${N}${APPLICATIONS}(?:申请)?(?:需)?(?:结转|转入)(?:至|到)?下一?年`),
    ],
    sentenceMust: /申请/,
  },
  {
    label: '行政复议',
    cells: [REVIEW],
    patterns: [re(`行政复议(?:的)?(?:案件|申请)?(?:数量?)?${COUNTED}${N}(?:${CASES}|$)`), re(`${N}${CASES}(?:政府信息公开)?(?:的)?行政复议`)],
    zero: [re(`${NONE}[^，；\\d]{0,24}?行政复议`)],
    paragraphMust: ABOUT_DISCLOSURE,
    ambiguous: REVIEW_AMBIGUOUS,
  },
  {
    label: '行政诉讼',
    cells: LITIGATION,
    patterns: [re(`(?<!行政复议[和、及与])行政诉讼(?:的)?(?:案件)?(?:数量?)?${COUNTED}${N}(?:${CASES}|$)`), re(`${N}${CASES}(?:政府信息公开)?(?:的)?行政诉讼`)],
    zero: [re(`${NONE}[^，；\\d]{0,24}?行政诉讼`)],
    paragraphMust: ABOUT_DISCLOSURE,
    ambiguous: LITIGATION_AMBIGUOUS,
  },
  {
    label: '行政复议、行政诉讼各',
    cells: [REVIEW],
    patterns: [re(`行政复议[和、及与]行政诉讼(?:案件)?(?:各|均为|都为|均是)${N}(?<u>件|起|个|宗|次)?`)],
    paragraphMust: ABOUT_DISCLOSURE,
    ambiguous: REVIEW_AMBIGUOUS,
  },
  {
    label: '行政复议、行政诉讼各',
    cells: LITIGATION,
    patterns: [re(`行政复议[和、及与]行政诉讼(?:案件)?(?:各|均为|都为|均是)${N}(?<u>件|起|个|宗|次)?`)],
    paragraphMust: ABOUT_DISCLOSURE,
    ambiguous: LITIGATION_AMBIGUOUS,
  },
  {
    label: '行政复议和行政诉讼共',
    cells: [REVIEW, ...LITIGATION],
    patterns: [re(`行政复议[和、及与]行政诉讼(?:案件)?(?:共|合计|总计|共计)${N}${CASES}`)],
    paragraphMust: ABOUT_DISCLOSURE,
    ambiguous: LITIGATION_AMBIGUOUS,
  },
  {
    label: '行政许可',
    cells: [t2('administrativeLicensing', 'decisionsThisYear')],
    patterns: [re(`行政许可[^，；\\d]{0,10}?${COUNTED}${N}(?<u>件)`)],
    clauseMust: /办理|办结|作出|审批|决定|核发|准予|实施/,
    ambiguous: /受理|清单|目录|公示|公开|信息|申请|事项数/,
  },
  {
    label: '行政处罚',
    cells: [t2('administrativePenalty', 'decisionsThisYear')],
    patterns: [re(`行政处罚[^，；\\d]{0,10}?${COUNTED}${N}(?<u>件|起|宗)`)],
    clauseMust: /作出|办理|办结|决定|实施|下达|查处/,
    ambiguous: /立案|受理|清单|目录|公示|公开|信息|事项|听证|复议|诉讼|罚没|万元|简易程序|一般程序/,
  },
  {
    label: '行政强制',
    cells: [t2('administrativeCoercion', 'decisionsThisYear')],
    patterns: [re(`行政强制[^，；\\d]{0,10}?${COUNTED}${N}(?<u>件|起|宗)`)],
    clauseMust: /作出|办理|实施|决定|采取/,
    ambiguous: /立案|受理|清单|目录|公示|公开|信息|事项|听证|复议|诉讼/,
  },
  {
    label: '制发行政规范性文件',
    cells: [t2('normativeDocuments', 'madeThisYear')],
    patterns: [re(`(?:制发|印发|出台|制定)[^，；\\d]{0,8}?规范性文件${COUNTED}${N}(?<u>件|个|份)`)],
    ambiguous: /清理|审查|备案|公开|废止|现行有效|修订|修改|合法性/,
  },
  {
    label: '废止行政规范性文件',
    cells: [t2('normativeDocuments', 'repealedThisYear')],
    patterns: [re(`废止[^，；\\d]{0,8}?规范性文件${COUNTED}${N}(?<u>件|个|份)`)],
    ambiguous: /清理|拟|建议|失效|宣布/,
  },
  {
    label: '现行有效行政规范性文件',
    cells: [t2('normativeDocuments', 'currentlyValid')],
    patterns: [
      re(`现行有效(?:的)?(?:行政)?规范性文件${COUNTED}${N}(?<u>件|个|份)`),
      re(`规范性文件[^，；\\d]{0,6}?现行有效(?:的)?${COUNTED}${N}(?<u>件|个|份)`),
    ],
    ambiguous: /清理|公开/,
  },
  {
    label: '行政事业性收费',
    cells: [t2('administrativeFees', 'feeAmount')],
    patterns: [re(`行政事业性收费[^，；\\d]{0,10}?${COUNTED}${N}(?<u>万元|元)`)],
    ambiguous: /减免|免收|免征|减少|同比|增长|下降|项目|标准/,
  },
];

/** Another year, a comparison or a running total: the figure is not this year's. */
const OTHER_PERIOD = /去年|同比|较上年|比上年|上一年(?!度?结转)|累计|历年|近[两三五十]年/;

// ---------------------------------------------------------------------------------------------------------------

interface Paragraph {
  readonly text: string;
  readonly sentences: readonly string[];
}

/** The narrative: every line that is not a table row, spaces next to Chinese text removed, split into sentences. */
function narrativeParagraphs(normalized: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const raw of normalized.split('\n')) {
    if (raw === '' || /[|\t]/.test(raw)) continue;
    const text = raw.replace(/(?<=[^\x20-\x7e]) +| +(?=[^\x20-\x7e])/g, '');
    const sentences = text
      .split(/[。！？]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (sentences.length > 0) paragraphs.push({ text, sentences });
  }
  return paragraphs;
}

const clausesOf = (sentence: string): string[] =>
  sentence
    .split(/[，；]/)
    .map((c) => c.trim())
    .filter((c) => c !== '');

const cellIndex = (cells: readonly CellValue[]): Map<string, number> => {
  const map = new Map<string, number>();
  for (const c of cells) {
    const k = cellKey(c.table, c.row, c.column);
    if (!map.has(k)) map.set(k, c.value);
  }
  return map;
};

function tableValue(index: ReadonlyMap<string, number>, cells: readonly CellAddress[]): number | null {
  let total = 0;
  for (const c of cells) {
    const v = index.get(cellKey(c.table, c.row, c.column));
    if (v === undefined) return null;
    total += v;
  }
  return total;
}

function describeCells(cells: readonly CellAddress[]): string {
  const described = cells.map(describeCell);
  if (described.length === 1) return described[0];
  return `${described.slice(0, -1).join('、')}与${described[described.length - 1]}之和`;
}

/** The sentence without its bracketed asides （含…）, which neither state a total nor belong to a list. */
function withoutAsides(text: string): string {
  let out = text;
  for (let depth = 0, previous = ''; depth < 5 && previous !== out; depth++) {
    previous = out;
    out = out.replace(/（[^（）]*）/g, '');
  }
  return out;
}

interface Candidate {
  readonly subject: Subject;
  readonly clause: string;
  readonly stated: number | null;
  readonly unit: string;
  readonly approximate: boolean;
  readonly reason?: string;
}

/** Tests of a pattern on a sentence or paragraph, computed once each (a long paragraph is tested once, not once per clause). */
class ContextTests {
  private readonly results = new Map<RegExp, boolean>();
  constructor(private readonly text: string) {}
  test(pattern: RegExp): boolean {
    let result = this.results.get(pattern);
    if (result === undefined) this.results.set(pattern, (result = pattern.test(this.text)));
    return result;
  }
}

/** Longer than any sentence of a real report (the longest in published reports run to a few hundred characters). */
const MAX_SENTENCE_CHARS = 2000;

function candidatesIn(clause: string, sentence: ContextTests, paragraph: ContextTests, year: number | null): Candidate[] {
  const out: Candidate[] = [];
  for (const subject of SUBJECTS) {
    if (subject.clauseMust && !subject.clauseMust.test(clause)) continue;
    if (subject.sentenceMust && !sentence.test(subject.sentenceMust)) continue;
    if (subject.paragraphMust && !paragraph.test(subject.paragraphMust)) continue;
    const found: Candidate[] = [];
    for (const pattern of subject.patterns)
      for (const m of clause.matchAll(pattern)) {
        const written = m.groups!.n;
        const after = clause.slice(m.index + m[0].length);
        const before = clause.slice(Math.max(0, m.index + m[0].indexOf(written) - 2), m.index + m[0].indexOf(written));
        const approximate = isApproximate(written, before, after);
        found.push({ subject, clause, stated: parseNumber(written), unit: m.groups!.u ?? '', approximate });
      }
    if (found.length === 0 && subject.zero && countsIn(clause).length === 0 && !NOT_ZERO_CONTEXT.test(clause))
      if (subject.zero.some((z) => clause.search(z) >= 0)) found.push({ subject, clause, stated: 0, unit: '', approximate: false });
    for (const f of found) {
      let reason: string | undefined;
      if (f.approximate || f.stated === null) reason = '约数';
      else if (subject.ambiguous?.test(clause)) reason = '句中还涉及其他事项，含义不确定';
      else if (OTHER_PERIOD.test(clause)) reason = '句中涉及其他年度或累计数';
      else if (year !== null && [...clause.matchAll(/(20\d\d)年/g)].some((y) => Number(y[1]) !== year)) reason = '句中年份与报告年度不同';
      else if (new Set(found.map((x) => x.stated)).size > 1) reason = '同一句中有两个不同数字';
      out.push(reason ? { ...f, reason } : f);
    }
  }
  return out;
}

function claimFinding(claim: TextClaim): Finding {
  const zeroStatement = claim.unit === '' && claim.stated === 0;
  const stated = zeroStatement ? '为0' : `${fmt(claim.stated)}${claim.unit}`;
  const table = `${fmt(claim.tableValue ?? 0)}${claim.unit === '万元' || claim.unit === '元' ? '万元' : ''}`;
  const verb = zeroStatement ? '表明' : '称';
  return {
    rule: TEXT_TABLE_RULE,
    severity: 'WARNING',
    message: `正文“${claim.clause}”${verb}${claim.subject}${stated}，但${describeCells(claim.cells)}为${table}`,
    cells: [...claim.cells],
  };
}

function evaluateBreakdown(sentence: string, totalClause: string, partsText: string): TextBreakdown | null {
  const totals = countsIn(totalClause);
  if (totals.length === 0) return null;
  const total = totals[totals.length - 1];
  const base = { sentence, total: total.value, unit: total.unit };
  if (total.approximate) return { ...base, parts: [], status: 'notChecked', reason: '总数为约数' };

  const text = partsText.replace(/^[：:，、\s]+/, '');
  const parts: number[] = [];
  let open = false;
  let rest = false;
  for (const segment of text.split(/[，、；]/)) {
    if (segment.trim() === '') continue;
    if (/其中|同比|增长|增加|减少|下降|较上年|比上年|占比|占总|占全/.test(segment)) break;
    const counts = countsIn(segment).filter((c) => c.unit === total.unit);
    if (counts.length === 0) break;
    if (counts.some((c) => c.approximate)) return { ...base, parts, status: 'notChecked', reason: '分项为约数' };
    parts.push(...counts.map((c) => c.value));
    if (/^(?:其他|其余|其它)/.test(segment.trim())) rest = true;
    if (segment.slice(counts[counts.length - 1].end).includes('等')) {
      open = true;
      break;
    }
  }
  if (parts.length < 2) return { ...base, parts, status: 'notChecked', reason: '分项少于两项' };
  const sum = parts.reduce((a, b) => a + b, 0);
  if (same(sum, total.value)) return { ...base, parts, status: 'consistent' };
  // Parts above the total contradict it. Parts below it may be a selection (其中政策解读5条…), unless the list reads
  // as the whole: it names 其他/其余, or has three or more parts, no 等, and covers at least half the total.
  const whole = !open && (rest || (parts.length >= 3 && sum * 2 >= total.value));
  if (sum > total.value || whole) return { ...base, parts, status: 'inconsistent' };
  return { ...base, parts, status: 'notChecked', reason: '所列分项可能不全' };
}

/** TEXT-TABLE-CONSISTENCY and TEXT-BREAKDOWN-SUM on a report's text (raw or normalised) against its table cells. */
export function checkReportText(text: string, cells: readonly CellValue[], options: { year?: number | null } = {}): TextCheckResult {
  return checkNormalizedText(normalizeReportText(text), cells, options.year ?? null);
}

/** As checkReportText, on text already passed through normalizeReportText. */
export function checkNormalizedText(normalized: string, cells: readonly CellValue[], year: number | null): TextCheckResult {
  const index = cellIndex(cells);
  const claims: TextClaim[] = [];
  const breakdowns: TextBreakdown[] = [];
  const findings: Finding[] = [];
  const seenClaims = new Set<string>();
  const seenBreakdowns = new Set<string>();
  const seenMessages = new Set<string>();
  const addFinding = (f: Finding): void => {
    if (seenMessages.has(f.message)) return;
    seenMessages.add(f.message);
    findings.push(f);
  };

  for (const paragraph of narrativeParagraphs(normalized)) {
    const { sentences } = paragraph;
    const paragraphTests = new ContextTests(paragraph.text);
    for (let s = 0; s < sentences.length; s++) {
      const sentence = sentences[s];
      // Not a sentence a person wrote (a pasted table, a list with no full stop): not read, so that a hostile
      // text cannot make the checks quadratic.
      if (sentence.length > MAX_SENTENCE_CHARS) continue;
      const sentenceTests = new ContextTests(sentence);
      for (const clause of clausesOf(sentence))
        for (const c of candidatesIn(clause, sentenceTests, paragraphTests, year)) {
          const key = `${c.subject.label}|${c.subject.cells.map((x) => x.column + x.row).join()}|${clause}|${c.stated}`;
          if (seenClaims.has(key)) continue;
          seenClaims.add(key);
          const value = tableValue(index, c.subject.cells);
          const stated = c.stated ?? NaN;
          const inTableUnit = c.unit === '元' ? stated / 10000 : stated;
          let status: CheckStatus = 'notChecked';
          let reason = c.reason;
          if (!reason && value === null) reason = '表中未读到对应数字';
          if (!reason && value !== null) status = same(inTableUnit, value) ? 'consistent' : 'inconsistent';
          const alternative = c.subject.alternative ? tableValue(index, c.subject.alternative) : null;
          if (status === 'inconsistent' && alternative !== null && same(inTableUnit, alternative)) {
            status = 'notChecked';
            reason = '口径不明：等于本年新收与上年结转之和';
          }
          const claim: TextClaim = {
            subject: c.subject.label,
            clause,
            stated,
            unit: c.unit,
            cells: [...c.subject.cells],
            tableValue: value,
            status,
            ...(reason ? { reason } : {}),
          };
          claims.push(claim);
          if (status === 'inconsistent') addFinding(claimFinding(claim));
        }

      // TEXT-BREAKDOWN-SUM, on the sentence without its asides.
      const plain = withoutAsides(sentence);
      for (let at = plain.indexOf('其中'); at >= 0; at = plain.indexOf('其中', at + 2)) {
        const before = clausesOf(plain.slice(0, at));
        const previous = s > 0 ? withoutAsides(sentences[s - 1]) : '';
        const totalClause = before.length > 0 ? before[before.length - 1] : (clausesOf(previous).pop() ?? '');
        const quoted = before.length > 0 || previous === '' ? sentence : `${sentences[s - 1]}。${sentence}`;
        const breakdown = evaluateBreakdown(quoted, totalClause, plain.slice(at + 2));
        if (!breakdown) continue;
        const key = `${quoted}|${at}`;
        if (seenBreakdowns.has(key)) continue;
        seenBreakdowns.add(key);
        breakdowns.push(breakdown);
        if (breakdown.status !== 'inconsistent') continue;
        const sum = breakdown.parts.reduce((a, b) => a + b, 0);
        const tableClaim = claims.find((c) => c.clause === totalClause && same(c.stated, breakdown.total) && c.status !== 'notChecked');
        addFinding({
          rule: TEXT_BREAKDOWN_RULE,
          severity: 'ERROR',
          message:
            `正文“${quoted}”称共${fmt(breakdown.total)}${breakdown.unit}，` +
            `但“其中”所列各项之和为${fmt(sum)}${breakdown.unit}（${breakdown.parts.map(fmt).join('＋')}）`,
          cells: tableClaim ? [...tableClaim.cells] : [],
        });
      }
    }
  }
  return { findings, claims, breakdowns };
}
