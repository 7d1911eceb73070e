/**
 * Prose → work points. Three readings: the 工作要点 parser (seed 004's layout: "(一)title" then 政策依据 /
 * 职责分工 / 牵头科室 / 责任单位 lines), the 自查 parser (numbered requirements with 自查情况), and a labelled
 * list read here: numbered items ("1." "(一)" "一、") each followed by 牵头单位：/ 责任单位：/ 完成时限： lines, or
 * ending in a bracket that names them ("（市发改委牵头，各县区负责）"). Without a chosen format, a text with
 * 自查情况 lines is a 自查 list; otherwise the reading that finds more points with units wins (ties: 工作要点;
 * a 工作要点 point that is a whole section counts half).
 */
import { extractDocumentNumbers, extractTimeLimits, parseSelfInspection, parseWorkPlan } from '../plan-document.parser.js';
import type { ParsedPlanDocument, ParsedUnits, ParsedWorkPoint } from '../plan-document.types.js';
import { dutyItemsOf } from './table.js';
import { squeezeCjkSpaces, unique } from './text.js';
import { parseTimeLimit } from './time-limit.js';
import type { ImportWarning, ParsedTimeLimit, PlanLayout, SourcedLine } from './types.js';
import { LEADER_LABEL, LEAD_LABEL, RESPONSIBLE_LABEL, parseUnitCell, splitUnitNames } from './units.js';

/** A point read from prose, before the interpreter adds its sequence and fingerprint. */
export interface ProsePoint extends Omit<ParsedWorkPoint, 'sequence'> {
  unitNames: string[];
  leaders: string[];
  time: ParsedTimeLimit;
  source: string;
}

export interface ProseReading {
  layout: Exclude<PlanLayout, 'TABLE' | 'MIXED'>;
  document: Omit<ParsedPlanDocument, 'points'>;
  points: ProsePoint[];
  warnings: ImportWarning[];
}

// ---------------------------------------------------------------------------
// Document title
// ---------------------------------------------------------------------------

const TITLE_WORDS_RE =
  /工作要点|任务清单|任务分工|分工方案|分解表|责任清单|分解方案|实施方案|工作计划|行动计划|重点任务|一览表|工作方案|工作台账|自查|责任分解|任务分解|标准目录/;

/** A column tag a site puts before a title: "【市政府重点工作及责任分解】滁州市人民政府关于…". */
const COLUMN_TAG_RE = /^\s*[【〖[][^【】〖〗[\]]{1,30}[】〗\]]\s*(?=\S{4,})/;
const BRACKET_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['《', '》'],
  ['〈', '〉'],
  ['（', '）'],
  ['(', ')'],
  ['〔', '〕'],
  ['【', '】'],
];

/** Whether every bracket opened in the text is closed, and none is closed that was not opened. */
function balanced(text: string): boolean {
  return BRACKET_PAIRS.every(([open, close]) => {
    let depth = 0;
    for (const ch of text) {
      if (ch === open) depth++;
      else if (ch === close && --depth < 0) return false;
    }
    return depth === 0;
  });
}

/** A short line that is only a title's last words ("工作要点", "任务分工方案"). */
const TITLE_TAIL_RE = new RegExp(`^.{0,6}(?:${TITLE_WORDS_RE.source})$`);

/**
 * Lines of a title broken over two lines, joined: a line that opens a bracket the next line closes
 * ("舟山市贯彻《浙江省政务公开" + "五年行动计划(2021—2025年)》实施方案"), or a line followed by a short line that is only
 * the title's last words ("某局2024年政务公开" + "工作要点"). Other lines as they are.
 */
function joinBrokenTitles(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const line = texts[i]!;
    const next = texts[i + 1];
    const joined = line + (next ?? '');
    const short = next !== undefined && joined.length <= 80 && !/[。；;：:，,！!？?]$/.test(line) && line.length >= 2;
    const bracketJoin = short && !balanced(line) && !balanced(next) && balanced(joined);
    const tailJoin =
      short && next.length <= 12 && TITLE_TAIL_RE.test(next) && !TITLE_WORDS_RE.test(line) && !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(line) && balanced(line);
    if (bracketJoin || tailJoin) {
      out.push(joined);
      i++;
    } else {
      out.push(line);
    }
  }
  return out;
}

/**
 * The document's title among its first lines: a short line (not a sentence) naming a plan, with a column tag before
 * it dropped and a title broken over two lines joined. A title line of its own with a year comes first, then X of a
 * notice "关于印发《X》的通知" with a year, then any. Null when none.
 */
export function documentTitle(lines: readonly SourcedLine[]): string | null {
  const texts = lines.slice(0, 80).map((l) => squeezeCjkSpaces(l.text.trim()).replace(COLUMN_TAG_RE, ''));
  const candidates = joinBrokenTitles(texts)
    .filter((t) => t.length >= 4 && t.length <= 80 && TITLE_WORDS_RE.test(t) && !/^附件/.test(t) && !/[。；;：:]$/.test(t) && !/^[《〈].*[》〉].{6,}/.test(t))
    .map((t) => {
      const notice = /关于印发\s*[《〈]?(.+?)[》〉]?\s*的通知$/.exec(t);
      return { title: notice?.[1] ? squeezeCjkSpaces(notice[1]) : t, notice: notice !== null };
    });
  const withYear = (c: { title: string }): boolean => /(?:19|20)\d{2}\s*年/.test(c.title);
  const pick = candidates.find((c) => !c.notice && withYear(c)) ?? candidates.find((c) => c.notice && withYear(c)) ?? candidates[0];
  return pick?.title ?? null;
}

/** A span of years ("2021—2025年", "2023-2025年", "2021年至2025年"): the period of a plan, not its year. */
const YEAR_RANGE_RE = /(?:19|20)\d{2}\s*年?\s*(?:[—–―\-－~～]+|至|到)\s*(?:19|20)\d{2}\s*年?/g;

/** The text with year ranges blanked (same length, so positions stay). */
function withoutYearRanges(text: string): string {
  return text.replace(YEAR_RANGE_RE, (range) => ' '.repeat(range.length));
}

/** The plan year: the first year written outside a range ("…（2021—2025年）…2023年工作方案" → 2023); null when none. */
export function yearOfTitle(title: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(withoutYearRanges(title));
  return m?.[1] ? Number(m[1]) : null;
}

/** Issuer: the text before 关于, else before the year (not a range) or 贯彻 / 落实; null when too short. */
export function issuerOfTitle(title: string): string | null {
  const about = title.indexOf('关于');
  let candidate = about > 0 ? title.slice(0, about) : '';
  if (!candidate) {
    const cut = /(?:19|20)\d{2}\s*年|贯彻|落实/.exec(withoutYearRanges(title));
    if (cut && cut.index > 0) candidate = title.slice(0, cut.index).replace(/^关于(?:印发)?/, '');
  }
  candidate = candidate.replace(/[(（][^()（）]*[)）]\s*$/, '').trim();
  return candidate.length >= 2 ? candidate : null;
}

// ---------------------------------------------------------------------------
// Labelled lists
// ---------------------------------------------------------------------------

interface Node {
  level: number;
  numeral: string;
  heading: string;
  body: string[];
  source: string;
  parent: Node | null;
  leadsText: string[];
  responsibleText: string[];
  timeText: string[];
  leaders: string[];
}

const MARKERS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^([一二三四五六七八九十百]+)\s*[、.．]\s*(.*)$/s, 1],
  [/^[(（]\s*([一二三四五六七八九十百]+)\s*[)）]\s*[、.．]?\s*(.*)$/s, 2],
  [/^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$/s, 3],
  [/^[(（]\s*(\d{1,3})\s*[)）]\s*(.*)$/s, 4],
  [/^([\u2474-\u2487])\s*(.*)$/s, 4],
];
const TIME_LABEL = '(?:完成|办结)?时限(?:要求)?|完成时间|时间节点';
/** Every label of a labelled list, as one alternation (a regular-expression source). */
const LABELS = `${LEAD_LABEL}|${RESPONSIBLE_LABEL}|${LEADER_LABEL}|${TIME_LABEL}`;
const UNIT_LABEL_RE = new RegExp(`^(${LABELS})\\s*[:：]\\s*(.*)$`, 's');
/** Labels inside a line; scanned left to right, so the longest label wins (牵头责任单位, not 责任单位). */
const INLINE_LABEL_RE = new RegExp(`(?:${LABELS})\\s*[:：]`, 'g');
const LEADER_LABEL_RE = new RegExp(`^(?:${LEADER_LABEL})$`);
const LEAD_LABEL_RE = new RegExp(`^(?:${LEAD_LABEL})$`);
const RESPONSIBLE_LABEL_RE = new RegExp(`^(?:${RESPONSIBLE_LABEL})$`);

/** A line cut before each label it holds after some text ("1.规范答复 牵头单位：办公室 责任单位：法规科" → three). */
function labelPieces(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const m of text.matchAll(INLINE_LABEL_RE)) {
    const before = text.slice(from, m.index);
    if (!before.trim()) continue;
    pieces.push(before.replace(/[\s；;，,]+$/, ''));
    from = m.index;
  }
  pieces.push(text.slice(from));
  return pieces;
}
/** A closing bracket that names the units: "（市发改委牵头，各县市区政府负责）", "（责任单位：区财政局）". */
const TRAILING_UNITS_RE = /[（(]([^（）()]*(?:牵头|负责|配合|落实|参与|责任单位|牵头单位|责任科室|牵头科室)[^（）()]*)[）)]\s*[。．.；;]?\s*$/;
/** Numbered paragraphs that are parts of a point, not points ("1.政策依据：…", "2.职责分工：…"). */
const PART_LABEL_RE = /^(?:政策依据|依据|职责分工|责任分工|任务分工|工作任务|工作要求|工作内容|具体要求)\s*[:：]/;

function splitHeadingText(text: string): { title: string; rest: string } {
  const m = /^(.{1,40}?)[。：:]\s*(.+)$/s.exec(text);
  if (m?.[1] && m[2]) return { title: m[1].trim(), rest: m[2].trim() };
  return { title: text.replace(/[\s。．.；;，,]+$/, '').trim(), rest: '' };
}

function chineseNumeral(level: number, numeral: string): string {
  return level === 2 || level === 4 ? `(${numeral})` : numeral;
}

/** Reads a labelled list (see the module comment); points are the items that name units. */
export function parseLabelledList(lines: readonly SourcedLine[]): { points: ProsePoint[]; basisDocuments: string[]; warnings: ImportWarning[] } {
  const nodes: Node[] = [];
  const preamble: string[] = [];
  let current = null as Node | null;
  const attach = (label: string, value: string): void => {
    if (!current) return;
    // Units under "2.职责分工：…" belong to the point the paragraph is part of.
    let target: Node = current;
    while (target.parent && target.level >= 3 && PART_LABEL_RE.test(target.heading)) target = target.parent;
    // Persons first: 牵头责任领导 is a leader, not a lead unit.
    if (LEADER_LABEL_RE.test(label)) target.leaders.push(...splitUnitNames(value));
    else if (LEAD_LABEL_RE.test(label)) target.leadsText.push(value);
    else if (RESPONSIBLE_LABEL_RE.test(label)) target.responsibleText.push(value);
    else target.timeText.push(value);
  };
  for (const line of lines) {
    for (const piece of labelPieces(line.text).map((p) => p.trim())) {
      if (!piece) continue;
      const label = UNIT_LABEL_RE.exec(piece);
      if (label?.[1]) {
        attach(label[1], (label[2] ?? '').trim());
        continue;
      }
      const marker = MARKERS.find(([re]) => re.test(piece));
      if (marker) {
        const m = marker[0].exec(piece)!;
        const level = marker[1];
        let parent: Node | null = current;
        while (parent && parent.level >= level) parent = parent.parent;
        current = {
          level,
          numeral: m[1] ?? '',
          heading: (m[2] ?? '').trim(),
          body: [],
          source: line.source,
          parent,
          leadsText: [],
          responsibleText: [],
          timeText: [],
          leaders: [],
        };
        nodes.push(current);
      } else if (current) {
        current.body.push(piece);
      } else {
        preamble.push(piece);
      }
    }
  }

  const read: Array<{ point: ProsePoint; node: Node }> = [];
  for (const node of nodes) {
    let text = [node.heading, ...node.body].join('\n').trim();
    const trailing = TRAILING_UNITS_RE.exec(text);
    if (trailing?.[1] && node.leadsText.length + node.responsibleText.length === 0) {
      node.responsibleText.push(trailing[1]);
      text = text.slice(0, trailing.index).trim();
    }
    if (node.leadsText.length + node.responsibleText.length === 0) continue;
    let leads: ParsedUnits = { departments: [], scopes: [] };
    let responsible: ParsedUnits = { departments: [], scopes: [] };
    const names: string[] = [];
    const readUnits = (value: string, role: 'lead' | 'responsible'): void => {
      const parsed = parseUnitCell(value, role);
      leads = { departments: unique([...leads.departments, ...parsed.leads.departments]), scopes: unique([...leads.scopes, ...parsed.leads.scopes]) };
      responsible = {
        departments: unique([...responsible.departments, ...parsed.responsible.departments]),
        scopes: unique([...responsible.scopes, ...parsed.responsible.scopes]),
      };
      names.push(...parsed.names);
    };
    node.leadsText.forEach((v) => readUnits(v, 'lead'));
    node.responsibleText.forEach((v) => readUnits(v, 'responsible'));
    const { title, rest } = splitHeadingText(text);
    const duties = rest || text;
    let top: Node = node;
    while (top.parent) top = top.parent;
    const section = top === node ? title : splitHeadingText(top.heading).title;
    const timeText = node.timeText.join('；');
    const phrases = timeText ? [timeText] : extractTimeLimits(duties);
    const point: ProsePoint = {
      number: numberOf(node),
      section,
      title,
      policyBasis: '',
      citedDocuments: extractDocumentNumbers(duties),
      duties,
      dutyItems: dutyItemsOf(duties),
      leads,
      responsible,
      timeLimits: phrases,
      selfInspection: null,
      unitNames: unique(names),
      leaders: unique(node.leaders),
      time: readTimeLimits(phrases, null),
      source: node.source,
    };
    read.push({ point, node });
  }
  // Numbers restart under each 一、: keep them unique by prefixing the section numeral.
  const counts = new Map<string, number>();
  for (const { point } of read) counts.set(point.number, (counts.get(point.number) ?? 0) + 1);
  if ([...counts.values()].some((n) => n > 1)) {
    for (const { point, node } of read) {
      let top: Node = node;
      while (top.parent) top = top.parent;
      if (top !== node && node.level >= 3) point.number = `${top.numeral}.${point.number}`;
    }
  }
  const points = read.map((r) => r.point);
  return { points, basisDocuments: extractDocumentNumbers(preamble.join('\n')), warnings: [] };
}

function numberOf(node: Node): string {
  const own = chineseNumeral(node.level, node.numeral);
  if (node.level === 2 && node.parent?.level === 1) return `${node.parent.numeral}${own}`;
  if (node.level === 4 && node.parent) return `${numberOf(node.parent)}${own}`;
  return own;
}

// ---------------------------------------------------------------------------
// The parsers' points, with sources and time limits
// ---------------------------------------------------------------------------

function hasUnits(p: { leads: ParsedUnits; responsible: ParsedUnits }): boolean {
  return p.leads.departments.length + p.leads.scopes.length + p.responsible.departments.length + p.responsible.scopes.length > 0;
}

/** The reading of a point's time-limit phrases: the first with a date, else a recurrence or ongoing one. */
export function readTimeLimits(phrases: readonly string[], year: number | null): ParsedTimeLimit {
  const readings = phrases.map((p) => parseTimeLimit(p, year));
  const chosen = readings.find((r) => r.dueDate) ?? readings.find((r) => r.recurrence || r.ongoing) ?? parseTimeLimit('', year);
  return { ...chosen, asWritten: phrases.join('；'), warning: chosen.dueDate || chosen.ongoing ? null : (readings.find((r) => r.warning)?.warning ?? null) };
}

/** Where a parsed point starts: the first line (from `from` on) holding its title. */
function locate(lines: readonly SourcedLine[], title: string, from: number): number {
  const probe = title.slice(0, 12);
  for (let i = from; i < lines.length; i++) if (lines[i]!.text.includes(probe)) return i;
  return -1;
}

function fromParsed(doc: ParsedPlanDocument, lines: readonly SourcedLine[], year: number | null): ProsePoint[] {
  let cursor = 0;
  return doc.points.map((p) => {
    const at = locate(lines, p.title, cursor);
    if (at >= 0) cursor = at;
    const { sequence: _sequence, ...rest } = p;
    return {
      ...rest,
      unitNames: unique([...p.leads.departments, ...p.responsible.departments]),
      leaders: [],
      time: readTimeLimits(p.timeLimits, year),
      source: at >= 0 ? lines[at]!.source : (lines[0]?.source ?? ''),
    };
  });
}

/**
 * Reads prose lines. `format` forces a parser; `year` resolves dates without one (default: the title's year).
 */
export function interpretProse(
  lines: readonly SourcedLine[],
  format: 'WORK_PLAN' | 'SELF_INSPECTION' | undefined,
  year: number | undefined,
): ProseReading | null {
  if (lines.length === 0) return null;
  const text = lines.map((l) => l.text).join('\n');
  const selfInspection = format === 'SELF_INSPECTION' || (!format && lines.filter((l) => /^\s*自查情况/.test(l.text)).length >= 2);
  if (selfInspection) {
    const doc = parseSelfInspection(text);
    const { points: _points, ...document } = doc;
    return { layout: 'SELF_INSPECTION', document, points: fromParsed(doc, lines, year ?? yearOfTitle(doc.title)), warnings: [] };
  }
  const workPlan = parseWorkPlan(text);
  const workPlanPoints = fromParsed(workPlan, lines, year ?? yearOfTitle(workPlan.title));
  const { points: _points, ...workPlanDocument } = workPlan;
  if (format === 'WORK_PLAN') return { layout: 'WORK_PLAN', document: workPlanDocument, points: workPlanPoints, warnings: [] };

  // The labelled list wins when it finds more points with units; a 工作要点 point that is a whole section
  // (no "(一)" item) counts half, as the list then usually splits that section into its items.
  const list = parseLabelledList(lines);
  const workPlanScore = workPlanPoints.filter(hasUnits).reduce((sum, p) => sum + (p.number.includes('(') ? 1 : 0.5), 0);
  if (list.points.filter(hasUnits).length > workPlanScore) {
    const title = documentTitle(lines) ?? '';
    const y = year ?? yearOfTitle(title);
    const points = list.points.map((p) => ({ ...p, time: readTimeLimits(p.timeLimits, y) }));
    return {
      layout: 'LABELLED_LIST',
      document: { title, issuer: issuerOfTitle(title), year: yearOfTitle(title), basisDocuments: list.basisDocuments },
      points,
      warnings: list.warnings,
    };
  }
  return { layout: 'WORK_PLAN', document: workPlanDocument, points: workPlanPoints, warnings: [] };
}
