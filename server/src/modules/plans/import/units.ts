/**
 * Unit lists as plans write them in 牵头/责任/配合 cells and lines: split into names, 牵头 told from 配合,
 * scopes (各科室, 局属各单位, 县直各单位, 各乡镇) recognised, decorations stripped; and a pure matcher of a
 * written name to a department. No I/O.
 */
import { parseUnits } from '../plan-document.parser.js';
import type { ParsedUnits, ScopeKind } from '../plan-document.types.js';

/** How a cell's units take part: leads are 牵头; responsible covers 责任, 配合, 协办, 参与. */
export type UnitRole = 'lead' | 'responsible';

export interface ParsedUnitCell {
  leads: ParsedUnits;
  responsible: ParsedUnits;
  /** Every unit name as written (scopes excluded), in order, unique. */
  names: string[];
}

/** Endings of unit names: used to split "和/及/与" only between two units and to tell a unit list from a sentence. */
const UNIT_SUFFIX_RE =
  /(?:局|科|室|办|中心|队|所|站|委|院|部|处|组|股|镇|街道|乡|单位|部门|政府|管委会|委员会|公司|集团|银行|支行|分行|专班|馆|会|社|厅|署|学校|医院|办事处|社区|村|园区|开发区|武装部|党校|团|中队|大队|支队|法庭|监狱|台)$/;

/** Scope phrases beyond the parser's own (parseUnits), matched on the name with brackets and spaces normalised. */
const EXTRA_SCOPES: ReadonlyArray<readonly [RegExp, ScopeKind]> = [
  [/^(?:局|本局|委|本委|机关|局机关|委机关|本单位)?各(?:业务|职能|相关|有关|责任|内设)?(?:科室|股室|处室|科|股|处|室|科\(室\)|股\(室\))$/, 'OFFICES'],
  [/^(?:局|本局|委)?机关各(?:科室|股室|处室|科|股|处)$/, 'OFFICES'],
  [/^(?:各单位|各直属单位|直属各单位|局直属各单位|各下属单位|所属各单位|局属各单位\(中心\)|各局属事业单位|局属事业单位)$/, 'SUBORDINATE_UNITS'],
  // The government's own departments, at whatever level the plan is written: 县直各单位, 区直各部门, 市级各有关部门,
  // 市政府各部门, 市政府直属各单位 (the same scope as 县直各单位: the level is the plan's own).
  [
    /^(?:[县区市]直(?:各|有关|相关|各有关|各相关)?(?:单位|部门)(?:\((?:单位|部门)\))?|各[县区市][直级](?:有关|相关)?(?:单位|部门)|[县区市]级(?:各|有关|相关|各有关|各相关)?(?:单位|部门)|[县区市]政府(?:各|有关|相关|各有关|各相关)(?:部门|单位)|[县区市]政府(?:直属各|各直属)(?:单位|部门|机构)|各相关单位|各有关单位|各有关部门|各相关部门)$/,
    'COUNTY_UNITS',
  ],
  [
    /^(?:各乡镇|各乡\(镇\)|各镇|各街道|各镇街|各乡镇街道|各乡镇\(街道\)|各镇\(街道\)|各乡\(镇、街道\)|各乡镇\(街道、园区\)|各乡镇人民政府|各镇人民政府|各街道办事处|各乡镇人民政府\(街道办事处\)|各镇人民政府\(街道办事处\))$/,
    'TOWNSHIPS',
  ],
];

/** Role words after (or inside) a unit list; the longest is tried first. */
const ROLE_WORDS: ReadonlyArray<readonly [string, UnitRole]> = [
  ['分别牵头落实', 'lead'],
  ['牵头负责', 'lead'],
  ['分别牵头', 'lead'],
  ['牵头落实', 'lead'],
  ['牵头', 'lead'],
  ['按职责分工负责', 'responsible'],
  ['按职责分工落实', 'responsible'],
  ['按职责负责', 'responsible'],
  ['共同负责', 'responsible'],
  ['具体负责', 'responsible'],
  ['负责落实', 'responsible'],
  ['具体落实', 'responsible'],
  ['配合落实', 'responsible'],
  ['负责', 'responsible'],
  ['落实', 'responsible'],
  ['配合', 'responsible'],
  ['协助', 'responsible'],
  ['协办', 'responsible'],
  ['参与', 'responsible'],
  ['参加', 'responsible'],
];

const UNIT_WORD = '(?:单位|科室|部门|股室|处室)';
/** Label of the lead units: 牵头单位, 牵头责任单位, 牵头负责单位, 牵头科室, 主责单位 (a regular-expression source). */
export const LEAD_LABEL = `(?:牵头(?:责任|负责)?|主责|主办)${UNIT_WORD}`;
/** Label of the other units: 责任单位, 协同责任单位, 配合责任单位, 配合单位, 协办科室, 具体责任单位, 承办单位. */
export const RESPONSIBLE_LABEL = `(?:(?:协同|配合|协办|协助|参与)(?:责任)?|(?:具体)?责任|承办|落实)${UNIT_WORD}`;
/**
 * Label of persons, never units: 责任领导, 牵头责任领导, 牵头负责领导, 分管领导, 负责领导, 牵头领导, 分管市领导,
 * 责任人. A bare 领导 is not one ("加强组织领导：…" is a heading), nor 联系人 (a notice's contact line, with a phone).
 */
export const LEADER_LABEL = '(?:牵头|协调|联系)?(?:负责|责任|分管|联系|包保)(?:市|县|区|局)?领导|牵头(?:市|县|区|局)?领导|(?:具体|主要)?责任人';

/** Labels inside a cell or line ("牵头单位：XX；协同责任单位：YY"), the longest first: 牵头责任单位 is one label. */
const LABEL_RE = new RegExp(`(${LEAD_LABEL})\\s*[:：]|(${RESPONSIBLE_LABEL})\\s*[:：]`, 'g');
/** A person named in a unit cell ("责任领导：张三"): dropped from the units, up to the end of its sentence. */
const LEADER_IN_CELL_RE = new RegExp(`(?:${LEADER_LABEL})\\s*[:：][^；;。\\n]*`, 'g');

/**
 * Lower-level governments written as an enumeration of levels ("各县、市、区政府", "各县、区"): the 、 inside are
 * not list separators. Matched where such a name ends (政府, a bracket, a separator or the end).
 */
const LEVEL_ENUMERATION_RE = /各[县市区旗](?:、[县市区旗])+(?=(?:人民)?政府|[(（〔、，,；;。\s]|$)/g;
/** Stands for a protected 、 while a list is split. */
const KEPT_COMMA = '\uE000';

function protectEnumerations(text: string): string {
  return text.replace(LEVEL_ENUMERATION_RE, (m) => m.replace(/、/g, KEPT_COMMA));
}

function restoreEnumerations(text: string): string {
  return text.split(KEPT_COMMA).join('、');
}

/**
 * The lower-level governments, in any written form ("各县、市、区人民政府", "各县（市、区）政府", "各区县市政府"):
 * one key, so the forms match one department. Null for other names.
 */
function lowerGovernmentsKey(name: string): string | null {
  const m = /^各([县市区旗、]+)(?:[(〔]([县市区旗、]+)[)〕])?(?:人民)?政府$/.exec(name);
  if (!m?.[1]) return null;
  const levels = new Set((m[1] + (m[2] ?? '')).replace(/、/g, ''));
  return `各${['县', '市', '区', '旗'].filter((l) => levels.has(l)).join('')}政府`;
}

/** Brackets and spaces as one form: full-width brackets → ASCII, 〔〕【】 kept, spaces dropped. */
function canonicalBrackets(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
}

/** The scope a single name stands for (the parser's own words first), or null. */
export function scopeOf(name: string): ScopeKind | null {
  const own = parseUnits(name);
  if (own.departments.length === 0 && own.scopes.length === 1) return own.scopes[0] ?? null;
  const canonical = canonicalBrackets(name).replace(/〔/g, '(').replace(/〕/g, ')');
  return EXTRA_SCOPES.find(([re]) => re.test(canonical))?.[1] ?? null;
}

function endsLikeUnit(name: string): boolean {
  return UNIT_SUFFIX_RE.test(canonicalBrackets(name).replace(/\([^()]*\)$/, ''));
}

/** Strips what is not part of a name: "由", "请", "（牵头）", trailing "等", role words, punctuation. */
function stripDecorations(raw: string): string {
  let name = raw.trim();
  let previous = '';
  while (previous !== name) {
    previous = name;
    name = name
      .replace(/^[\s、，,；;：:。.]+|[\s、，,；;：:。.！!]+$/g, '')
      .replace(/^(?:由|请|各自|并由)/, '')
      .replace(/[(（]\s*(?:牵头|负责|配合|协办|参与)\s*[)）]$/, '')
      .replace(/(?:等(?:单位|部门)?|分别|共同|具体|按职责分工|按照职责分工|按职责|各自)$/, '');
  }
  return name;
}

/**
 * Splits a unit list into names as written: on 、，,；;/ and whitespace (never inside brackets), on "等"
 * after a unit ("市住建局等政府各有关部门"), and on 和/及/与/以及 only between two names that both end like a
 * unit (局 科 室 办 中心 队 所 站 委 院 部 处 组 股 镇 街道 乡 单位 …), so "住房和城乡建设局" stays whole.
 */
export function splitUnitNames(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of protectEnumerations(list)) {
    if ('(（〔【[《'.includes(ch)) depth++;
    if (')）〕】]》'.includes(ch) && depth > 0) depth--;
    if (depth === 0 && /[、，,;；/\s]/.test(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const names: string[] = [];
  for (const part of parts) {
    for (const piece of splitAfterDeng(part)) names.push(...splitOnConjunction(piece));
  }
  return unique(names.map((n) => restoreEnumerations(stripDecorations(n))).filter((n) => n.length >= 2));
}

/** "A局等各有关单位" → "A局", "各有关单位"; a trailing "等" is a decoration. */
function splitAfterDeng(part: string): string[] {
  const m = /^(.+?[局科室办心队所站委院部处组股镇乡位门])等(.+)$/.exec(part);
  return m?.[1] && m[2] ? [m[1], m[2]] : [part];
}

function splitOnConjunction(part: string): string[] {
  const conjunction = /以及|和|及|与/g;
  for (const m of part.matchAll(conjunction)) {
    const left = part.slice(0, m.index);
    const right = part.slice(m.index + m[0].length);
    const leftName = stripDecorations(left);
    if (left.length >= 2 && right.length >= 2 && (endsLikeUnit(leftName) || scopeOf(leftName)) && (endsLikeUnit(right) || scopeOf(stripDecorations(right)))) {
      return [left, ...splitOnConjunction(right)];
    }
  }
  return [part];
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function emptyUnits(): ParsedUnits {
  return { departments: [], scopes: [] };
}

function addName(units: ParsedUnits, name: string): void {
  const scope = scopeOf(name);
  if (scope) {
    if (!units.scopes.includes(scope)) units.scopes.push(scope);
  } else if (!units.departments.includes(name)) {
    units.departments.push(name);
  }
}

interface ClauseEntry {
  list: string;
  role: UnitRole | null;
}

const MARKER_SOURCE = '[(（]\\s*(牵头|负责|配合|协办|参与)\\s*[)）]';
const CLAUSE_RE = new RegExp(`${MARKER_SOURCE}|${ROLE_WORDS.map(([w]) => w).join('|')}`, 'g');

function roleOfWord(word: string): UnitRole {
  return ROLE_WORDS.find(([w]) => w === word)?.[1] ?? (word === '牵头' ? 'lead' : 'responsible');
}

/** Splits on 、 outside brackets (and not inside "各县、市、区政府"). */
function splitEnumeration(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of protectEnumerations(text)) {
    if ('(（〔【[《'.includes(ch)) depth++;
    if (')）〕】]》'.includes(ch) && depth > 0) depth--;
    if (depth === 0 && ch === '、') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map(restoreEnumerations);
}

/**
 * The unit lists of one clause with their roles: "XX牵头、YY参与" → XX lead, YY responsible; "XX（牵头）、YY" →
 * XX lead, YY unknown; "区司法局牵头区级规范性文件集中公开工作" → 区司法局 lead (what follows a role word up to
 * the next 、 is its object, not a unit); "牵头：XX" → XX lead.
 */
function readClause(clause: string): ClauseEntry[] {
  const entries: ClauseEntry[] = [];
  let pos = 0;
  let leadingRole: UnitRole | null = null;
  for (const m of clause.matchAll(CLAUSE_RE)) {
    if (m.index < pos) continue;
    const before = clause.slice(pos, m.index);
    if (m[1]) {
      // A bracket marker names the unit right before it.
      const parts = splitEnumeration(before);
      const last = parts.pop() ?? '';
      for (const part of parts) entries.push({ list: part, role: leadingRole });
      entries.push({ list: last, role: m[1] === '牵头' ? 'lead' : 'responsible' });
      pos = m.index + m[0].length;
      continue;
    }
    const role = roleOfWord(m[0]);
    if (!before.replace(/[\s、，,：:]/g, '')) {
      // The role word comes first ("牵头：XX"): the list follows it.
      leadingRole = role;
      pos = m.index + m[0].length;
      continue;
    }
    entries.push({ list: before, role });
    leadingRole = null;
    // What follows the role word up to the next 、 is its object ("牵头区级规范性文件集中公开工作").
    const next = clause.indexOf('、', m.index + m[0].length);
    pos = next < 0 ? clause.length : next;
  }
  const rest = clause.slice(pos);
  if (rest.replace(/[\s、，,：:]/g, '')) entries.push({ list: rest, role: leadingRole });
  return entries;
}

/**
 * Reads a 牵头/责任/配合 cell or line. Sentences (；; 。 and line breaks) are read one by one; in a sentence
 * each clause (，,) is "units + role word + whatever follows" ("区司法局牵头区级规范性文件集中公开工作"), and a
 * clause without a role word takes the role of the next clause that has one ("A，B负责落实": both responsible),
 * else the cell's own (`defaultRole`). Labels inside the text ("牵头单位：X；责任单位：Y") set the role too.
 * 配合/协办/参与 units count as responsible.
 */
export function parseUnitCell(text: string, defaultRole: UnitRole): ParsedUnitCell {
  const leads = emptyUnits();
  const responsible = emptyUnits();
  const names: string[] = [];
  const labelled = text.replace(LEADER_IN_CELL_RE, '\n').replace(LABEL_RE, (_, lead: string | undefined) => `\n${lead ? '牵头' : '负责'}：`);
  for (const sentence of labelled.split(/[；;。\n]+/)) {
    const entries = splitClauses(sentence).flatMap(readClause);
    entries.forEach((entry, i) => {
      const role = entry.role ?? entries.slice(i + 1).find((e) => e.role)?.role ?? defaultRole;
      for (const name of splitUnitNames(entry.list)) {
        addName(role === 'lead' ? leads : responsible, name);
        if (!scopeOf(name) && !names.includes(name)) names.push(name);
      }
    });
  }
  return { leads, responsible, names };
}

/** Clauses of a sentence: split on ，, but not inside brackets, and not between names of one list. */
function splitClauses(sentence: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of sentence) {
    if ('(（〔【[《'.includes(ch)) depth++;
    if (')）〕】]》'.includes(ch) && depth > 0) depth--;
    if (depth === 0 && (ch === '，' || ch === ',')) {
      clauses.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  clauses.push(current);
  return clauses.filter((c) => c.trim().length > 0);
}

/**
 * Whether a text reads as a unit list (for placing cells of a table copied as text): short, and either every
 * name ends like a unit or is a scope, or a role word follows a unit ("办公室牵头，各科室配合").
 */
export function looksLikeUnits(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 120) return false;
  if (/^\d+$/.test(t)) return false;
  const sentences = t.split(/[；;。\n]+/).filter((s) => s.trim());
  let units = 0;
  for (const sentence of sentences) {
    for (const { list, role } of splitClauses(sentence).flatMap(readClause)) {
      const names = splitUnitNames(list);
      if (names.length === 0) continue;
      const unitNames = names.filter((n) => scopeOf(n) || endsLikeUnit(n));
      if (role && unitNames.length > 0) units++;
      else if (unitNames.length === names.length && list.length <= 40) units++;
      else return false;
    }
  }
  return units > 0;
}

/** The share of the names in a text (split on 、，, …) that end like a unit or are scopes; 0 for none. */
export function unitShare(text: string): number {
  const names = splitUnitNames(text);
  if (names.length === 0) return 0;
  return names.filter((n) => scopeOf(n) || endsLikeUnit(n)).length / names.length;
}

// ---------------------------------------------------------------------------
// Matching a written name to a department
// ---------------------------------------------------------------------------

export interface DepartmentRef {
  id: string;
  name: string;
  aliases?: readonly string[];
}

export interface UnitMatch {
  id: string;
  how: 'exact' | 'alias' | 'normalized';
}

export interface MatchContext {
  /** The organisation's own name (e.g. "平顶山市城市管理局"): its prefixes are dropped ("平顶山市城市管理局办公室" ↔ "办公室"). */
  organizationName?: string;
}

/** Prefixes that stand for the organisation itself inside a unit name, longest first. */
function organizationPrefixes(organizationName: string | undefined): string[] {
  const org = canonicalBrackets((organizationName ?? '').normalize('NFKC')).replace(/\([^()]*\)$/, '');
  const prefixes = new Set<string>(['本局', '本委', '本单位', '本中心']);
  if (org) {
    prefixes.add(org);
    // Without its place ("平顶山市城市管理局" → "城市管理局"), and with 市/区/县 before that ("市城市管理局").
    const place = /^(.{2,}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区|镇|乡|街道))(.{2,})$/.exec(org);
    if (place?.[2]) {
      prefixes.add(place[2]);
      for (const level of ['市', '区', '县']) prefixes.add(level + place[2]);
    }
    // 局办公室 ↔ 办公室 when the organisation is a 局 (委, 办 likewise).
    const kind = /(局|委|办|中心)$/.exec(org)?.[1];
    if (kind) prefixes.add(kind);
  }
  return [...prefixes].sort((a, b) => b.length - a.length);
}

/**
 * A unit name in the form names are compared in: NFKC (全角 → 半角), no spaces, brackets as (), no trailing
 * "等" or punctuation, and without the organisation's own name in front ("局办公室" → "办公室" for a 局).
 */
export function normalizeUnitName(name: string, context: MatchContext = {}): string {
  let n = canonicalBrackets(stripDecorations(name.normalize('NFKC')));
  const governments = lowerGovernmentsKey(n);
  if (governments) return governments;
  for (const prefix of organizationPrefixes(context.organizationName)) {
    if (n.startsWith(prefix) && n.length - prefix.length >= 2) {
      n = n.slice(prefix.length);
      break;
    }
  }
  return n;
}

/**
 * The department a written unit name stands for: exact name first, then a known alias, then equal normalised
 * forms (see normalizeUnitName). Null when none, or when the normalised form fits more than one department
 * (a person decides). Pure: the caller passes the organisation's departments.
 */
export function matchUnitName(name: string, departments: readonly DepartmentRef[], context: MatchContext = {}): UnitMatch | null {
  const written = name.trim();
  if (!written) return null;
  const exact = departments.filter((d) => d.name.trim() === written);
  if (exact.length === 1) return { id: exact[0]!.id, how: 'exact' };
  if (exact.length > 1) return null;
  const alias = departments.filter((d) => (d.aliases ?? []).some((a) => a.trim() === written));
  if (alias.length === 1) return { id: alias[0]!.id, how: 'alias' };
  if (alias.length > 1) return null;
  const target = normalizeUnitName(written, context);
  if (!target) return null;
  const normalized = departments.filter((d) => [d.name, ...(d.aliases ?? [])].some((n) => normalizeUnitName(n, context) === target));
  return normalized.length === 1 ? { id: normalized[0]!.id, how: 'normalized' } : null;
}
