/**
 * Pure parsers for Chinese government disclosure-plan documents
 * (年度政务公开工作要点 and 政务公开自查 lists). No I/O: text in, data out.
 */
import type { ParsedPlanDocument, ParsedUnits, ParsedWorkPoint, ScopeKind } from './plan-document.types.js';

// ---------------------------------------------------------------------------
// Shared lexical pieces
// ---------------------------------------------------------------------------

/** Chinese numerals as used in counts and dates ("十五个工作日", "两次"). */
const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
/** A count: Arabic (lookbehind keeps us from cutting into a longer number such as a year) or Chinese. */
const NUM = `(?:(?<!\\d)\\d{1,3}|${CN_NUM})`;
/** Chinese numerals of section / point headings ("二、", "（十六）"). */
const HEADING_NUM = '[一二三四五六七八九十百]+';

const SECTION_RE = new RegExp(`^(${HEADING_NUM})\\s*、\\s*(.+)$`);
const POINT_RE = new RegExp(`^[(（]\\s*(${HEADING_NUM})\\s*[)）]\\s*(.*)$`);
/** "1.", "2、", "3．" at line start, but not "5.12" (a date inside text). */
const NUMBERED_RE = /^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$/s;
const LEAD_RE = /^牵头(?:科室|单位|部门)\s*[:：]\s*(.*)$/;
const RESPONSIBLE_RE = /^责任(?:单位|科室|部门)\s*[:：]\s*(.*)$/;
const BASIS_LABELS = ['政策依据', '依据'];
const DUTY_LABELS = ['职责分工', '责任分工', '任务分工', '工作任务', '工作要求', '工作内容'];
const LABEL_RE = new RegExp(`^(${[...BASIS_LABELS, ...DUTY_LABELS].join('|')})\\s*[:：]\\s*(.*)$`, 's');
const VERDICT_RE = /^自查情况\s*[:：]?\s*(.*)$/;
/** Everything from an 附件 (attachments) line on is a file list, not plan content. */
const APPENDIX_RE = /^附件/;
/** Word-export artefacts such as "[bookmark: _GoBack]". */
const NOISE_RE = /\[(?:bookmark|image|comment)[^\]]*\]/gi;
/** Openings that mark a sentence as a citation of the legal basis rather than a duty. */
const BASIS_OPENING_RE = /^(?:根据|依据|按照|依照|参照|遵照|据|《)/;
/** Endings of department names; used to tell "（办公室）" from "（机构）" or an explanatory aside. */
const DEPARTMENT_SUFFIX_RE = /(?:办公室|委员会|中心|大队|中队|支队|科|室|股|局|队|所|站|处|部|办|委|组|院|馆)$/;

function normalizeLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\u2002\u2003\u2009\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .split('\n')
    .map((line) => line.trim());
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function stripTrailingPunctuation(text: string): string {
  return text.replace(/[\s。．.，,；;：:、]+$/, '');
}

function emptyUnits(): ParsedUnits {
  return { departments: [], scopes: [] };
}

function mergeUnits(a: ParsedUnits, b: ParsedUnits): ParsedUnits {
  return { departments: unique([...a.departments, ...b.departments]), scopes: unique([...a.scopes, ...b.scopes]) };
}

function yearOf(title: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(title);
  return m?.[1] ? Number(m[1]) : null;
}

/** Issuer = text before "关于", else before the year; a trailing alias in parens ("(…综合执法局)") is dropped. */
function issuerOf(title: string): string | null {
  const about = title.indexOf('关于');
  let candidate = '';
  if (about > 0) {
    candidate = title.slice(0, about);
  } else {
    const year = /(?:19|20)\d{2}\s*年/.exec(title);
    if (year && year.index > 0) candidate = title.slice(0, year.index).replace(/^关于(?:印发)?/, '');
  }
  candidate = candidate.replace(/[(（][^()（）]*[)）]\s*$/, '').trim();
  return candidate.length >= 2 ? candidate : null;
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

const SCOPE_PATTERNS: ReadonlyArray<readonly [RegExp, ScopeKind]> = [
  [/^(?:局属各单位|各局属单位|局属单位)$/, 'SUBORDINATE_UNITS'],
  [/^(?:局?机关)?各科[(（]?室[)）]?$/, 'OFFICES'],
  [/^(?:县直各单位|各县直单位|县直各部门|各县直部门)$/, 'COUNTY_UNITS'],
  [/^各乡(?:镇|[(（]镇[)）])(?:[(（]街道[)）]|街道)?$/, 'TOWNSHIPS'],
];

/** Splits on list separators, but never inside brackets ("各乡(镇)", "办公室（法规、审批）"). */
function splitUnitList(line: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of line) {
    if (ch === '(' || ch === '（') depth++;
    if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (depth === 0 && /[、，,;；/\s]/.test(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => stripTrailingPunctuation(p.trim())).filter((p) => p.length > 0);
}

/**
 * Parses a 牵头科室 / 责任单位 value into department names and scopes.
 * Separators: 、 ， , ; ； / and whitespace. Scope phrases (局属各单位, 机关各科室, 县直各单位, 各乡镇 …)
 * become {@link ScopeKind}s; every other token is a department name as written.
 */
export function parseUnits(line: string): ParsedUnits {
  const departments: string[] = [];
  const scopes: ScopeKind[] = [];
  for (const token of splitUnitList(normalizeLines(line).join(' '))) {
    const scope = SCOPE_PATTERNS.find(([re]) => re.test(token))?.[1];
    if (scope) scopes.push(scope);
    else departments.push(token);
  }
  return { departments: unique(departments), scopes: unique(scopes) };
}

// ---------------------------------------------------------------------------
// Document numbers, duty items, time limits
// ---------------------------------------------------------------------------

/** Lead-in words that a greedy issuer prefix may swallow ("根据国办发〔…〕"). */
const LEAD_IN_RE = /^(?:根据|依据|按照|依照|参照|遵照|关于|印发|转发|详见|据|见|和|及|与|或|的|即)/;

const DOC_NUMBER_RE = new RegExp(
  [
    // 国办发〔2018〕45号, 豫政办明电[2019]28号, 发改办财金（2018）424号
    '([\\u4e00-\\u9fff]{1,10})\\s*[〔\\[［(（]\\s*((?:19|20)\\d{2})\\s*[〕\\]］)）]\\s*第?\\s*(\\d{1,5})\\s*号',
    // 国令第711号, 国务院令第711号
    '([\\u4e00-\\u9fff]{0,8}令)\\s*第\\s*(\\d{1,5})\\s*号',
  ].join('|'),
  'g',
);

function trimIssuerPrefix(prefix: string): string {
  let result = prefix;
  for (let m = LEAD_IN_RE.exec(result); m && result.length - m[0].length >= 2; m = LEAD_IN_RE.exec(result)) {
    result = result.slice(m[0].length);
  }
  return result;
}

/**
 * Document numbers (文号) in order of first appearance, unique, with the year bracket normalised to 〔〕:
 * "国办发[2018]45号" → "国办发〔2018〕45号"; also "国令第711号". A number needs an issuer prefix.
 */
export function extractDocumentNumbers(text: string): string[] {
  const found: Array<{ prefix: string; rest: string }> = [];
  for (const m of normalizeLines(text).join('\n').matchAll(DOC_NUMBER_RE)) {
    if (m[1] && m[2] && m[3]) found.push({ prefix: trimIssuerPrefix(m[1]), rest: `〔${m[2]}〕${m[3]}号` });
    else if (m[4] && m[5]) found.push({ prefix: trimIssuerPrefix(m[4]), rest: `第${m[5]}号` });
  }
  // A prefix that swallowed running text ("再次国办发") ends with a cleaner prefix seen elsewhere ("国办发").
  const prefixes = unique(found.map((f) => f.prefix));
  return unique(
    found.map(({ prefix, rest }) => {
      const shorter = prefixes.filter((p) => p.length >= 2 && p !== prefix && prefix.endsWith(p)).sort((a, b) => b.length - a.length)[0];
      return `${shorter ?? prefix}${rest}`;
    }),
  );
}

type MarkerStyle = 'parenthesized' | 'circled' | 'fullStop' | 'bracketed';

interface Marker {
  style: MarkerStyle;
  value: number;
  start: number;
  end: number;
}

// ⑴…⒇ (U+2474…), ①…⑳ (U+2460…), ⒈…⒛ (U+2488…), (1) / （1）
const MARKER_RE = /([\u2474-\u2487])|([\u2460-\u2473])|([\u2488-\u249B])|[(（]\s*(\d{1,2})\s*[)）]/g;

function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]) markers.push({ style: 'parenthesized', value: m[1].charCodeAt(0) - 0x2474 + 1, start, end });
    else if (m[2]) markers.push({ style: 'circled', value: m[2].charCodeAt(0) - 0x2460 + 1, start, end });
    else if (m[3]) markers.push({ style: 'fullStop', value: m[3].charCodeAt(0) - 0x2488 + 1, start, end });
    else if (m[4]) markers.push({ style: 'bracketed', value: Number(m[4]), start, end });
  }
  return markers;
}

/** The run 1, 2, 3 … of one marker style; stray markers (e.g. "(2018)") drop out because they break the run. */
function markerRun(markers: Marker[], style: MarkerStyle): Marker[] {
  const run: Marker[] = [];
  for (const marker of markers) {
    const last = run.at(-1);
    if (marker.style === style && marker.value === run.length + 1 && (!last || marker.start >= last.end)) run.push(marker);
  }
  return run;
}

function cleanItem(text: string): string {
  return text.trim().replace(/[\s;；,，、]+$/, '');
}

/**
 * Sub-items of a duty text, marked ⑴⑵⑶, ①②③, ⒈⒉ or (1)(2) / （1）（2）; texts without marker and
 * trailing ;/；. The style whose "1" comes first wins (outer list). "(1)" needs at least two items since
 * a lone parenthesised number is usually not a list. The last item ends at its paragraph's end. [] when none.
 */
export function extractDutyItems(text: string): string[] {
  const normalized = normalizeLines(text).join('\n');
  const markers = findMarkers(normalized);
  const styles: MarkerStyle[] = ['parenthesized', 'circled', 'fullStop', 'bracketed'];
  const runs = styles
    .map((style) => markerRun(markers, style))
    .filter((run) => run.length >= (run[0]?.style === 'bracketed' ? 2 : 1))
    .sort((a, b) => (a[0]?.start ?? 0) - (b[0]?.start ?? 0));
  const run = runs[0];
  if (!run) return [];
  return run
    .map((marker, i) => {
      const next = run[i + 1];
      if (next) return normalized.slice(marker.end, next.start);
      const rest = normalized.slice(marker.end);
      const newline = rest.indexOf('\n');
      return newline >= 0 ? rest.slice(0, newline) : rest;
    })
    .map(cleanItem)
    .filter((item) => item.length > 0);
}

const TIME_UNIT = '(?:工作日|自然日|小时|星期|周|日|天|个月|月|季度|年)';
const TIME_LIMIT_RE = new RegExp(
  [
    // Deadlines on a date: 每年4月1日前, 每年4月1日之前, 11月底前, 2021年6月30日前
    `(?:每年|每季度|每月|当年|次年|本年度?|(?:19|20)\\d{2}年)?${NUM}月(?:${NUM}[日号]|底|末|初|上旬|中旬|下旬)?(?:之前|以前|前)`,
    `(?:每年|本年度?|当年)?(?:年底|年末|月底|月末|季末|季度末)(?:之前|以前|前)`,
    // Recurring dates: 每年9月, 每月10日, 每月10日前
    `(?:每年|每季度|每月)${NUM}(?:月(?:${NUM}[日号])?|[日号])(?:之前|以前|前)?`,
    // Durations: 7个工作日内, 20个工作日之内, 3个月内, 7日内
    `${NUM}个?${TIME_UNIT}(?:之内|以内|内)`,
    // Caps: 不超过5个工作日, 最长不超过10天, 最长不得超过20个工作日
    `(?:最长|最多|最迟|原则上)?不(?:得|应|宜)?(?:超过|超出|多于|晚于)${NUM}个?${TIME_UNIT}`,
    // Frequencies: 每周, 每季度, 每周一次; 一周两次
    `每个?${TIME_UNIT}(?:(?:至少|不少于)?${NUM}次)?`,
    `${NUM}个?${TIME_UNIT}(?:至少|不少于)?${NUM}次`,
  ].join('|'),
  'g',
);

/**
 * Time-limit phrases as written (deadlines, durations, caps, frequencies), unique, in order:
 * "每年4月1日前", "7个工作日内", "不超过5个工作日", "11月底前", "一周两次", "每周", "最长不超过10天".
 * Arabic and Chinese numerals are both accepted.
 */
export function extractTimeLimits(text: string): string[] {
  return unique([...normalizeLines(text).join('\n').matchAll(TIME_LIMIT_RE)].map((m) => m[0]));
}

// ---------------------------------------------------------------------------
// 工作要点
// ---------------------------------------------------------------------------

type SegmentKind = 'basis' | 'duties' | null;

/** A numbered paragraph ("1.政策依据:…") or a free paragraph, with its continuation lines. */
interface Segment {
  numbered: boolean;
  label: SegmentKind;
  lines: string[];
}

interface RawPoint {
  sectionNumeral: string;
  section: string;
  itemNumeral: string | null;
  title: string;
  body: string[];
}

function segmentText(segment: Segment): string {
  return segment.lines.join('\n').trim();
}

/** Puts inline labels on their own line ("…公开。牵头科室:局办公室 责任单位:…"). */
function splitInlineLabels(line: string): string[] {
  return line
    .replace(/(?<=\S)\s*(?=(?:牵头(?:科室|单位|部门)|责任(?:单位|科室|部门))\s*[:：])/g, '\n')
    .replace(new RegExp(`(?<=\\S)\\s*(?=\\d{1,2}\\s*[.．、]\\s*(?:${[...BASIS_LABELS, ...DUTY_LABELS].join('|')})\\s*[:：])`, 'g'), '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function splitSegments(lines: string[]): Segment[] {
  const segments: Segment[] = [];
  for (const line of lines) {
    const numbered = NUMBERED_RE.exec(line);
    if (numbered) {
      const rest = numbered[2] ?? '';
      const labelled = LABEL_RE.exec(rest);
      if (labelled?.[1]) {
        const kind: SegmentKind = BASIS_LABELS.includes(labelled[1]) ? 'basis' : 'duties';
        segments.push({ numbered: true, label: kind, lines: [labelled[2] ?? ''] });
      } else {
        segments.push({ numbered: true, label: null, lines: [rest] });
      }
      continue;
    }
    const last = segments.at(-1);
    if (last) last.lines.push(line);
    else segments.push({ numbered: false, label: null, lines: [line] });
  }
  return segments;
}

function looksLikeBasis(text: string): boolean {
  return BASIS_OPENING_RE.test(text) || extractDocumentNumbers(text).length > 0;
}

/**
 * Splits a point body into 政策依据 and 职责分工.
 * - Labelled ("1.政策依据:" / "2.职责分工:"): by label; unlabelled paragraphs count as duties.
 * - Unlabelled: item 1 (with any free text before it) is the basis when it reads like a citation
 *   (starts with 根据/依据/按照/《… or cites a 文号) and something follows it; otherwise all is duties.
 * Numbering markers are dropped from the texts; numbered duty paragraphs are kept as items.
 */
function splitBody(lines: string[]): { policyBasis: string; duties: string; numberedDuties: string[] } {
  const segments = splitSegments(lines);
  const labelled = segments.some((s) => s.label !== null);
  const firstNumbered = segments.findIndex((s) => s.numbered);
  const first = segments[firstNumbered];
  const basisEnd = !labelled && first && firstNumbered < segments.length - 1 && looksLikeBasis(segmentText(first)) ? firstNumbered : -1;
  const basis: string[] = [];
  const duties: string[] = [];
  const numberedDuties: string[] = [];
  segments.forEach((segment, i) => {
    const text = segmentText(segment);
    if (!text) return;
    const isBasis = labelled ? segment.label === 'basis' : i <= basisEnd;
    if (isBasis) {
      basis.push(text);
    } else {
      duties.push(text);
      if (segment.numbered && segment.label === null) numberedDuties.push(text);
    }
  });
  return { policyBasis: basis.join('\n'), duties: duties.join('\n'), numberedDuties };
}

/** "决策公开。主要对…" → title "决策公开" and the rest as body text. */
function splitHeading(rest: string): { title: string; body: string | null } {
  const m = /^(.{1,40}?)[。：:]\s*(.+)$/s.exec(rest);
  if (m?.[1] && m[2]) return { title: stripTrailingPunctuation(m[1].trim()), body: m[2].trim() };
  return { title: stripTrailingPunctuation(rest.trim()), body: null };
}

/** A point's duty items: those marked in its duties, else its numbered duty paragraphs when there are at least two, else none. */
function dutyItemsOf(duties: string, numberedDuties: string[]): string[] {
  const markedItems = extractDutyItems(duties);
  if (markedItems.length > 0) return markedItems;
  if (numberedDuties.length >= 2) return numberedDuties.map(cleanItem);
  return [];
}

function buildWorkPoint(raw: RawPoint, sequence: number): ParsedWorkPoint | null {
  let leads = emptyUnits();
  let responsible = emptyUnits();
  let hasUnits = false;
  const body: string[] = [];
  for (const line of raw.body.flatMap(splitInlineLabels)) {
    const lead = LEAD_RE.exec(line);
    const resp = RESPONSIBLE_RE.exec(line);
    if (lead) {
      leads = mergeUnits(leads, parseUnits(lead[1] ?? ''));
      hasUnits = true;
    } else if (resp) {
      responsible = mergeUnits(responsible, parseUnits(resp[1] ?? ''));
      hasUnits = true;
    } else {
      body.push(line);
    }
  }
  // Only assignable points carry a 牵头科室/责任单位 line; narrative items do not.
  if (!hasUnits) return null;
  const { policyBasis, duties, numberedDuties } = splitBody(body);
  return {
    number: raw.itemNumeral === null ? raw.sectionNumeral : `${raw.sectionNumeral}(${raw.itemNumeral})`,
    sequence,
    section: raw.section,
    title: raw.title,
    policyBasis,
    citedDocuments: extractDocumentNumbers(`${policyBasis}\n${duties}`),
    duties,
    dutyItems: dutyItemsOf(duties, numberedDuties),
    leads,
    responsible,
    // Deadlines the unit must meet are those of its duties; the basis often restates them in other words.
    timeLimits: extractTimeLimits(duties),
    selfInspection: null,
  };
}

/**
 * Parses a 年度政务公开工作要点: title line (contains 工作要点), preamble with basis 文号, sections "一、…",
 * points "(一)…"/"（一）…". Only points with a 牵头科室 or 责任单位 line are returned (narrative sections
 * such as 工作要点 summaries or 保障措施 are skipped); their number is "二(三)" (ASCII parentheses).
 * Lines a section carries before its first point form a point numbered by the section alone.
 */
export function parseWorkPlan(text: string): ParsedPlanDocument {
  const lines = normalizeLines(text).filter((l) => l.length > 0);
  const appendix = lines.findIndex((l) => APPENDIX_RE.test(l));
  const content = appendix >= 0 ? lines.slice(0, appendix) : lines;

  let titleIndex = content.findIndex((l) => l.includes('工作要点') && l.length <= 80 && !SECTION_RE.test(l) && !POINT_RE.test(l));
  if (titleIndex < 0) titleIndex = 0;
  const title = content[titleIndex] ?? '';
  const firstSection = content.findIndex((l, i) => i > titleIndex && SECTION_RE.test(l));
  const preamble = content.slice(titleIndex + 1, firstSection >= 0 ? firstSection : content.length);

  const raws: RawPoint[] = [];
  let current: RawPoint | null = null;
  let sectionNumeral = '';
  let section = '';
  for (const line of firstSection >= 0 ? content.slice(firstSection) : []) {
    const sectionMatch = SECTION_RE.exec(line);
    const pointMatch = POINT_RE.exec(line);
    if (sectionMatch?.[1]) {
      sectionNumeral = sectionMatch[1];
      section = stripTrailingPunctuation((sectionMatch[2] ?? '').trim());
      current = { sectionNumeral, section, itemNumeral: null, title: section, body: [] };
      raws.push(current);
    } else if (pointMatch?.[1]) {
      const heading = splitHeading(pointMatch[2] ?? '');
      current = { sectionNumeral, section, itemNumeral: pointMatch[1], title: heading.title, body: heading.body ? [heading.body] : [] };
      raws.push(current);
    } else if (current) {
      current.body.push(line);
    }
  }

  const points: ParsedWorkPoint[] = [];
  for (const raw of raws) {
    const point = buildWorkPoint(raw, points.length + 1);
    if (point) points.push(point);
  }
  return {
    title,
    issuer: issuerOf(title),
    year: yearOf(title),
    basisDocuments: extractDocumentNumbers(preamble.join('\n')),
    points,
  };
}

// ---------------------------------------------------------------------------
// 自查 lists
// ---------------------------------------------------------------------------

interface Block {
  number: number;
  text: string[];
  verdict: string[] | null;
}

function firstClause(text: string): string {
  return stripTrailingPunctuation(text.split(/[，,。；;！!？?]|…+|\.{3,}/)[0] ?? '').trim();
}

/** "（办公室）" in a requirement names the lead; asides such as "（机构）" or "（如需延长…，…）" do not. */
function departmentsInParens(text: string): ParsedUnits {
  let units = emptyUnits();
  for (const m of text.matchAll(/[（(]([^（）()]{1,20})[）)]/g)) {
    const inner = m[1] ?? '';
    if (/[，。：；,.:;]/.test(inner)) continue;
    const parsed = parseUnits(inner);
    const valid = parsed.departments.every((d) => DEPARTMENT_SUFFIX_RE.test(d)) && parsed.departments.length + parsed.scopes.length > 0;
    if (valid) units = mergeUnits(units, parsed);
  }
  return units;
}

/** "机构信息：公开本部门…" → title + requirement; without a short title the first clause is the title. */
function splitRequirement(text: string): { title: string; duties: string } {
  const m = /^([^：:。，,；;]{1,30})[：:]\s*(.*)$/s.exec(text);
  if (m?.[1] && m[2] !== undefined) return { title: m[1].trim(), duties: m[2].trim() };
  return { title: firstClause(text), duties: text.trim() };
}

function sectionName(text: string): string {
  return stripTrailingPunctuation(text.split(/[：:]/)[0] ?? '').trim();
}

/**
 * Parses a 自查 list: sections "1、 主动公开" and requirements "N、title：text" each followed by
 * "自查情况：verdict". Sections and requirements share the "N、" notation; a numbered line is a
 * requirement when a 自查情况 follows it and its number continues the requirement numbering, a section
 * when nothing is assessed under it or its number continues the section numbering. So a section with an
 * inline requirement and a verdict (the trailing "8、 加分项：…") stays a section and yields no point.
 * "3、 政务舆情回应。13、…" is read as section 3 plus requirement 13. Stops at 附件.
 */
export function parseSelfInspection(text: string): ParsedPlanDocument {
  const lines = normalizeLines(text.replace(NOISE_RE, '')).filter((l) => l.length > 0);
  const appendix = lines.findIndex((l) => APPENDIX_RE.test(l));
  const content = appendix >= 0 ? lines.slice(0, appendix) : lines;

  // Title: the short heading lines at the top, before the preamble sentence.
  const titleLines: string[] = [];
  for (const line of content) {
    if (NUMBERED_RE.test(line) || VERDICT_RE.test(line) || line.length > 40 || /[，,：:]/.test(line) || BASIS_OPENING_RE.test(line)) break;
    titleLines.push(line);
  }
  const title = titleLines.join('');

  const preamble: string[] = [];
  const blocks: Block[] = [];
  for (const line of content.slice(titleLines.length)) {
    const numbered = NUMBERED_RE.exec(line);
    const verdict = VERDICT_RE.exec(line);
    const last = blocks.at(-1);
    if (numbered?.[1]) blocks.push({ number: Number(numbered[1]), text: [numbered[2] ?? ''], verdict: null });
    else if (!last) preamble.push(line);
    else if (verdict) last.verdict = [...(last.verdict ?? []), verdict[1] ?? ''];
    else if (last.verdict) last.verdict.push(line);
    else last.text.push(line);
  }

  const points: ParsedWorkPoint[] = [];
  let section = '';
  let lastSection = 0;
  let lastItem = 0;
  const addItem = (number: number, body: string, verdict: string[]): void => {
    const { title: itemTitle, duties } = splitRequirement(body);
    lastItem = number;
    points.push({
      number: String(number),
      sequence: points.length + 1,
      section,
      title: itemTitle,
      policyBasis: '',
      citedDocuments: extractDocumentNumbers(duties),
      duties,
      dutyItems: extractDutyItems(duties),
      leads: departmentsInParens(duties),
      responsible: emptyUnits(),
      timeLimits: extractTimeLimits(duties),
      selfInspection: verdict.join('\n').trim(),
    });
  };
  const setSection = (number: number, heading: string): void => {
    lastSection = number;
    section = sectionName(heading);
  };

  for (const block of blocks) {
    const body = block.text.join('\n').trim();
    const embedded = /^([^。：:]{1,20}?)[。．]\s*(\d{1,3})\s*[、.．](?!\d)\s*(.+)$/s.exec(body);
    if (block.verdict && block.number !== lastItem + 1 && embedded?.[1] && Number(embedded[2]) === lastItem + 1) {
      setSection(block.number, embedded[1]);
      addItem(Number(embedded[2]), embedded[3] ?? '', block.verdict);
    } else if (block.verdict && block.number === lastItem + 1) {
      addItem(block.number, body, block.verdict);
    } else if (!block.verdict || block.number === lastSection + 1) {
      setSection(block.number, body);
    } else if (/^[^：:。，,；;]{1,30}[：:]/.test(body)) {
      // Numbering matches neither sequence (a skipped number): fall back to shape.
      addItem(block.number, body, block.verdict);
    } else {
      setSection(block.number, body);
    }
  }

  return {
    title,
    issuer: issuerOf(title),
    year: yearOf(title),
    basisDocuments: extractDocumentNumbers(preamble.join('\n')),
    points,
  };
}
