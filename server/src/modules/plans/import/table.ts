/**
 * A table block → work points. The header is found by its words; for a full grid (HTML, .docx, .xlsx) each
 * column has its label, for a table copied as text (`ragged`) the cells of a short row are placed by what they
 * hold and the cells of merged columns are carried down. Rows that share their merged 工作任务 and assignment
 * cells and have no number of their own are one point (their requirements are its duty items); a heading row
 * ("一、主动公开" across the width) is the section of the rows below it.
 */
import { extractDocumentNumbers, extractDutyItems, extractTimeLimits } from '../plan-document.parser.js';
import type { ParsedUnits } from '../plan-document.types.js';
import { headerRoles, isHeaderWord, normalizeLabel, resolveRoles, roleOfLabel, type ColumnRole } from './header.js';
import { parseTimeLimit, looksLikeTimeLimit } from './time-limit.js';
import { squeezeCjkSpaces, sourceRange, unique } from './text.js';
import type { ImportWarning, ParsedTimeLimit, PlanBlock, SourcedLine, TableRow } from './types.js';
import { looksLikeUnits, parseUnitCell, unitShare } from './units.js';

type TableBlock = Extract<PlanBlock, { kind: 'table' }>;

/** A point read from a table, before the interpreter adds its sequence and fingerprint. */
export interface TablePoint {
  number: string;
  section: string;
  title: string;
  duties: string;
  dutyItems: string[];
  policyBasis: string;
  citedDocuments: string[];
  leads: ParsedUnits;
  responsible: ParsedUnits;
  unitNames: string[];
  leaders: string[];
  timeLimits: string[];
  time: ParsedTimeLimit;
  selfInspection: string | null;
  source: string;
}

export interface TableReading {
  points: TablePoint[];
  warnings: ImportWarning[];
  /** Whether a header was found (a table without one is skipped with a warning). */
  headerFound: boolean;
}

interface Cell {
  text: string;
  /** Same id = same original (merged or carried-down) cell. */
  id: string;
}

interface GridRow {
  cells: Cell[];
  source: string;
  cellSource(col: number): string;
}

/** A cell that is only a number: "1", "12.", "一", "（三）". */
const NUMBER_CELL_RE = /^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[(（]\s*[\d一二三四五六七八九十]{1,3}\s*[)）])\s*[.．、]?$/;
/** A leading number of a requirement or title: "1.", "2、", "（3）", "⑷". */
const LEADING_NUMBER_RE = /^\s*(?:(\d{1,3})\s*[.．、](?!\d)|[(（]\s*(\d{1,3})\s*[)）])\s*/;
/** Heading numerals: "一、", "（一）", "第一部分". */
const HEADING_RE = /^\s*(?:([一二三四五六七八九十百]+)\s*[、.．]|[(（]\s*([一二三四五六七八九十百]+)\s*[)）]|第[一二三四五六七八九十百]+(?:部分|章|节|项))\s*/;
const UNIT_ROLES: ReadonlySet<ColumnRole> = new Set(['lead', 'responsible', 'cooperate']);
const ASSIGNMENT_ROLES: ReadonlySet<ColumnRole> = new Set(['section', 'title', 'lead', 'responsible', 'cooperate', 'time', 'leader']);

function stripHeading(text: string): string {
  return text
    .replace(HEADING_RE, '')
    .replace(/[\s。．.，,；;：:]+$/, '')
    .trim();
}

function headingLevel(text: string): number | null {
  const m = HEADING_RE.exec(text);
  if (!m) return null;
  if (m[1] || text.trim().startsWith('第')) return 1;
  return 2;
}

function oneLine(text: string): string {
  return squeezeCjkSpaces(text.split('\n').join(''));
}

/** The first clause of a requirement, as a title: up to the first ，。；： (at most 40 characters). */
function firstClause(text: string): string {
  const labelled = /^([^：:。，,；;]{1,30})[：:]/.exec(text);
  const clause = labelled?.[1] ?? text.split(/[，,。；;！!？?\n]/)[0] ?? '';
  const trimmed = clause.replace(/[\s。．.，,；;：:]+$/, '').trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

/** Duty items of one requirement cell: ⑴⑵ / ①② / (1)(2), else numbered lines "1." "2.", else "一是…二是…". */
export function dutyItemsOf(text: string): string[] {
  const marked = extractDutyItems(text).map((item) => item.replace(/[。；;，,\s]+$/, ''));
  if (marked.length > 0) return marked;
  const lines = text.split('\n').map((l) => l.trim());
  const numbered = lines.filter((l) => /^\d{1,2}\s*[.．、](?!\d)/.test(l));
  if (numbered.length >= 2 && numbered.length === lines.filter((l) => l).length)
    return numbered.map((l) => l.replace(/^\d{1,2}\s*[.．、]\s*/, '').replace(/[；;，,。]$/, ''));
  const parts = text.split(/(?=[一二三四五六七八九十]是)/);
  if (parts.length >= 3 && /^一是/.test(parts[1] ?? '') && /^二是/.test(parts[2] ?? ''))
    return parts
      .slice(1)
      .map((p) => p.replace(/^[一二三四五六七八九十]是/, '').replace(/[；;，,。\s]+$/, ''))
      .filter((p) => p);
  return [];
}

// ---------------------------------------------------------------------------
// Header and columns
// ---------------------------------------------------------------------------

interface Header {
  /** Index of the first row after the header. */
  bodyStart: number;
  roles: (ColumnRole | null)[];
  width: number;
}

function isNumberCell(text: string): boolean {
  return NUMBER_CELL_RE.test(text.trim());
}

/** Columns where most data cells are bare numbers become the number column (序号 under a merged label, or unlabelled). */
function markNumberColumns(roles: (ColumnRole | null)[], rows: string[][]): void {
  if (roles.includes('number')) return;
  for (let c = 0; c < roles.length; c++) {
    if (roles[c] !== null && roles[c] !== 'title' && roles[c] !== 'duties' && roles[c] !== 'section') continue;
    const values = rows.map((r) => r[c]?.trim() ?? '').filter((v) => v);
    if (values.length > 0 && values.filter(isNumberCell).length >= Math.max(1, values.length * 0.8)) {
      roles[c] = 'number';
      return;
    }
  }
}

/** Unlabelled columns: section when left of the title, else ignored. */
function fillUnlabelled(roles: (ColumnRole | null)[]): (ColumnRole | null)[] {
  const title = roles.findIndex((r) => r === 'title' || r === 'duties');
  return roles.map((r, c) => r ?? (c < title ? 'section' : 'ignore'));
}

function findHeaderRow(rows: readonly TableRow[]): number {
  for (let r = 0; r < Math.min(rows.length, 15); r++) if (headerRoles(rows[r]!.cells)) return r;
  return -1;
}

/** The text of the rows above a table's header (a title row "2024年政务公开重点任务清单" spanning the width). */
export function captionLines(block: TableBlock): SourcedLine[] {
  const at = findHeaderRow(block.rows);
  return block.rows
    .slice(0, Math.max(0, at))
    .flatMap((row) => unique(row.cells.map((c) => c.trim()).filter((c) => c)).map((text) => ({ text, source: row.source })));
}

/** A short word as headings write it: no digits, no sentence punctuation. */
function labelLike(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 10 && !/[\d。，,；;：:！!？?]/.test(t);
}

/**
 * A full grid: each column's label, and the rows under the header that continue it. A row right under the header
 * whose cells are each a copy of a header cell (rowspan), empty, a header word, or a short word under a heading
 * spanning columns ("责任分工" over 牵头单位 | 配合单位, "公开对象" over 全社会 | 特定群体) is a header row, not a task.
 * A header word labels its column (牵头单位); other words leave the column to the heading above (公开对象).
 */
function exactHeader(rows: TableRow[], at: number, width: number): Header {
  const top = rows[at]!;
  const labels = Array.from({ length: width }, (_, c) => top.cells[c] ?? '');
  const merged = Array.from({ length: width }, (_, c) => top.merged?.[c] ?? null);
  const spansColumns = (c: number): boolean => merged[c] !== null && (merged[c - 1] === merged[c] || merged[c + 1] === merged[c]);
  const headerRows = [top];
  let bodyStart = at + 1;
  while (headerRows.length < 3 && rows[bodyStart]) {
    const row = rows[bodyStart]!;
    const sub = Array.from({ length: width }, (_, c) => {
      const cell = row.cells[c] ?? '';
      const id = row.merged?.[c] ?? null;
      const copy = id !== null && headerRows.some((h) => h.merged?.[c] === id);
      return { cell, copy, role: copy ? null : roleOfLabel(cell) };
    });
    const fresh = sub.filter((s) => !s.copy && s.cell.trim());
    const continues = fresh.length > 0 && sub.every((s, c) => s.copy || !s.cell.trim() || isHeaderWord(s.cell) || (spansColumns(c) && labelLike(s.cell)));
    if (!continues) break;
    sub.forEach((s, c) => {
      if (!s.copy && s.role !== null) {
        labels[c] = s.cell;
        merged[c] = null;
      }
    });
    headerRows.push(row);
    bodyStart++;
  }
  const roles = resolveRoles(labels, merged);
  const body = rows.slice(bodyStart).map((r) => r.cells);
  markNumberColumns(roles, body);
  return { bodyStart, roles: fillUnlabelled(roles), width };
}

/**
 * Rows right after a header copied as text that continue it (a second header row under headings spanning columns:
 * 全社会 | 特定群体 | 主动 | 依申请): at least two cells, all of them header words. Their count.
 */
function continuationRows(rows: string[][], at: number): number {
  let count = 0;
  for (let row = rows[at + 1]; row && count < 2; row = rows[at + 1 + count]) {
    const words = row.map((c) => c.trim()).filter((c) => c);
    if (words.length < 2 || !words.every(isHeaderWord)) break;
    count++;
  }
  return count;
}

/**
 * The roles of a header row written across the whole width, an empty heading continuing the heading to its left
 * (Excel and pasted tables write a heading spanning two columns as the heading and an empty cell, e.g. a trailing
 * tab): the spanned columns share the heading's role as in a full grid (工作任务 over two: a section, then the title).
 */
function positionalRoles(written: string[]): (ColumnRole | null)[] {
  const labels: string[] = [];
  const merged: (string | null)[] = [];
  let heading = -1;
  written.forEach((label, c) => {
    if (label.trim()) {
      heading = c;
      labels.push(label);
      merged.push(null);
    } else if (heading >= 0) {
      labels.push(written[heading]!);
      merged[heading] = `h${heading}`;
      merged.push(`h${heading}`);
    } else {
      labels.push('');
      merged.push(null);
    }
  });
  return resolveRoles(labels, merged);
}

/**
 * A table copied as text. Rows right under the header made only of header words continue it (continuationRows). When
 * the header row is written across the whole width (empty cells under a heading that spans columns), each column
 * takes its heading by position. Otherwise the labels may be fewer than the columns (a label spanned two columns and
 * was written once): full rows show the columns: a column of bare numbers is the 序号; the labels go right to left
 * onto the other columns, and the leftmost label covers the columns left over (工作任务 over "一、…" and "(一)…":
 * sections, then the title).
 */
function raggedHeader(rows: string[][], at: number): Header {
  const written = rows[at] ?? [];
  const labels = written.filter((l) => l.trim());
  const continuations = continuationRows(rows, at);
  const bodyStart = at + 1 + continuations;
  const body = rows.slice(bodyStart);
  const width = Math.max(labels.length, ...body.map((r) => r.length));
  const full = body.filter((r) => r.length === width);
  if (written.length === width && labels.length < width) {
    const roles = positionalRoles(written);
    // A continuation row written across the width too labels the columns under the spanning heading (牵头单位 | 配合单位).
    for (const row of rows.slice(at + 1, bodyStart)) {
      if (row.length !== width) continue;
      row.forEach((cell, c) => {
        const role = roleOfLabel(cell);
        if (cell.trim() && role !== null) roles[c] = role;
      });
    }
    markNumberColumns(roles, full);
    return { bodyStart, roles: fillUnlabelled(roles), width };
  }
  if (labels.length >= width || full.length === 0) {
    const roles = resolveRoles(labels, undefined);
    while (roles.length < width) roles.push(null);
    markNumberColumns(roles, full.length > 0 ? full : body);
    return { bodyStart, roles: fillUnlabelled(roles), width };
  }
  const roles: (ColumnRole | null)[] = Array.from({ length: width }, () => null);
  const probe: (ColumnRole | null)[] = Array.from({ length: width }, () => 'section');
  markNumberColumns(probe, full);
  const numberColumn = probe.indexOf('number');
  if (numberColumn >= 0) roles[numberColumn] = 'number';
  const free = Array.from({ length: width }, (_, c) => c).filter((c) => c !== numberColumn);
  const labelRoles = resolveRoles(labels, undefined);
  let f = free.length - 1;
  for (let l = labels.length - 1; l >= 1 && f >= 0; l--, f--) roles[free[f]!] = labelRoles[l] ?? null;
  // The first label takes the remaining columns: its role in the rightmost, sections before.
  if (f >= 0) {
    roles[free[f]!] = labelRoles[0] ?? null;
    for (let k = f - 1; k >= 0; k--) roles[free[k]!] = labelRoles[0] === 'title' || labelRoles[0] === 'section' ? 'section' : (labelRoles[0] ?? null);
  }
  return { bodyStart, roles: fillUnlabelled(roles), width };
}

// ---------------------------------------------------------------------------
// Placing the cells of short rows (tables copied as text)
// ---------------------------------------------------------------------------

function fit(text: string, role: ColumnRole | null): number {
  const t = text.trim();
  if (!t) return 0;
  switch (role) {
    case 'number':
      return isNumberCell(t) ? 3 : -3;
    case 'time':
      if (looksLikeTimeLimit(t)) return 3;
      return t.length <= 12 ? 0 : -3;
    case 'lead':
    case 'responsible':
    case 'cooperate':
      // "XX牵头…" names the lead: in a table with both columns it sits in the 牵头 column.
      if (looksLikeUnits(t)) {
        if (!/牵头/.test(t)) return 3;
        return role === 'lead' ? 4 : 2;
      }
      if (t.length > 40 || /。/.test(t)) return -3;
      return unitShare(t) >= 0.6 ? 1 : -1;
    case 'duties':
      if (isNumberCell(t)) return -3;
      if (looksLikeTimeLimit(t) || looksLikeUnits(t) || unitShare(t) >= 0.6) return -2;
      return t.length >= 12 ? 2 : 0;
    case 'title':
    case 'section':
      if (isNumberCell(t)) return -3;
      if (looksLikeTimeLimit(t) || looksLikeUnits(t) || unitShare(t) >= 0.6) return -2;
      return t.length <= 40 ? 1 : -1;
    default:
      return 0;
  }
}

/** Ways to choose `k` of `n` columns, in order (bounded by the caller). */
function* combinations(n: number, k: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let c = from; c <= n - (k - chosen.length); c++) yield* combinations(n, k, c + 1, [...chosen, c]);
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

/**
 * Where the cells of a short row go: the columns whose content they fit best; the others are carried from the
 * row above. Ties go to leaving out the leftmost columns (the merged groups). Wide tables: right-aligned.
 */
function placeRow(cells: string[], roles: (ColumnRole | null)[], above: Cell[] | null): number[] {
  const width = roles.length;
  const n = cells.length;
  if (n >= width) return cells.map((_, c) => c);
  if (binomial(width, n) > 5000) return cells.map((_, i) => width - n + i);
  // How well cell i fits column c, computed once (the checks are regular expressions).
  const fits = cells.map((cell) => roles.map((role) => fit(cell, role)));
  let best: number[] = [];
  let bestScore = -Infinity;
  for (const columns of combinations(width, n)) {
    let score = 0;
    columns.forEach((col, i) => (score += fits[i]![col]!));
    for (let col = 0; col < width; col++) {
      if (columns.includes(col)) continue;
      // A number is the row's own; carrying one down is unlikely.
      if (roles[col] === 'number' && above?.[col]?.text) score -= 2;
      score -= col * 0.001;
    }
    if (score > bestScore) {
      bestScore = score;
      best = columns;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// Rows → grid
// ---------------------------------------------------------------------------

function cellSourceOf(row: TableRow, col: number): string {
  return row.cellSources?.[col] ?? `${row.source}第${col + 1}列`;
}

function exactGrid(rows: TableRow[], header: Header, blockIndex: string): GridRow[] {
  return rows.slice(header.bodyStart).map((row, r) => ({
    cells: Array.from({ length: header.width }, (_, c) => ({ text: row.cells[c] ?? '', id: row.merged?.[c] ?? `${blockIndex}:${r}:${c}` })),
    source: row.source,
    cellSource: (c) => cellSourceOf(row, c),
  }));
}

function raggedGrid(rows: TableRow[], header: Header, blockIndex: string): GridRow[] {
  const grid: GridRow[] = [];
  let above: Cell[] | null = null;
  rows.slice(header.bodyStart).forEach((row, r) => {
    const cells = row.cells;
    if (cells.every((c) => !c.trim())) return;
    const columns = placeRow(cells, header.roles, above);
    const placed: Cell[] = Array.from({ length: header.width }, (_, c) => above?.[c] ?? { text: '', id: `${blockIndex}:${r}:${c}` });
    const sources: string[] = Array.from({ length: header.width }, () => row.source);
    columns.forEach((col, i) => {
      placed[col] = { text: cells[i] ?? '', id: `${blockIndex}:${r}:${col}` };
      sources[col] = cellSourceOf(row, i);
    });
    // A row holding only a heading ("一、主动公开") is not placed: it is a section row.
    const single = cells.length === 1 && header.width > 1 && headingLevel(cells[0]!) !== null && cells[0]!.length <= 40 && !looksLikeUnits(cells[0]!);
    const gridRow: GridRow = single
      ? {
          cells: Array.from({ length: header.width }, () => ({ text: cells[0]!, id: `${blockIndex}:${r}:heading` })),
          source: row.source,
          cellSource: () => row.source,
        }
      : { cells: placed, source: row.source, cellSource: (c) => sources[c] ?? row.source };
    grid.push(gridRow);
    if (!single) above = placed;
  });
  return grid;
}

// ---------------------------------------------------------------------------
// Grid → points
// ---------------------------------------------------------------------------

function sectionRowText(row: GridRow): string | null {
  const texts = unique(row.cells.map((c) => c.text.trim()).filter((t) => t));
  if (texts.length !== 1) return null;
  const nonEmpty = row.cells.filter((c) => c.text.trim());
  const ids = unique(nonEmpty.map((c) => c.id));
  const text = texts[0]!;
  const spansRow = ids.length === 1 && nonEmpty.length >= Math.max(2, Math.ceil(row.cells.length * 0.6));
  if (spansRow || (nonEmpty.length === 1 && headingLevel(text) !== null && text.length <= 40)) return text;
  return null;
}

interface Group {
  rows: GridRow[];
  sections: string[];
}

function valuesOf(group: Group, roles: (ColumnRole | null)[], role: ColumnRole): string[] {
  const values: string[] = [];
  const seen = new Set<string>();
  for (const row of group.rows) {
    roles.forEach((r, c) => {
      const cell = row.cells[c];
      if (r !== role || !cell || !cell.text.trim() || seen.has(cell.id)) return;
      seen.add(cell.id);
      values.push(cell.text.trim());
    });
  }
  return values;
}

function leadingNumber(text: string): string | null {
  const m = LEADING_NUMBER_RE.exec(text);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function stripLeadingNumber(text: string): string {
  return text.replace(LEADING_NUMBER_RE, '').trim();
}

function normalizeNumber(text: string): string {
  return text
    .trim()
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, '')
    .replace(/[.．、]$/, '');
}

function mergeUnits(a: ParsedUnits, b: ParsedUnits): ParsedUnits {
  return { departments: unique([...a.departments, ...b.departments]), scopes: unique([...a.scopes, ...b.scopes]) };
}

/** Reads one table block. `year` resolves time limits written without a year. */
export function interpretTable(block: TableBlock, year: number | null, blockIndex: string): TableReading {
  const warnings: ImportWarning[] = [];
  const headerAt = findHeaderRow(block.rows);
  if (headerAt < 0) {
    warnings.push({
      message: `${block.source}未找到可识别的表头（应有“工作任务”“具体要求”“责任单位”“完成时限”等列名），已跳过该表`,
      source: block.source,
    });
    return { points: [], warnings, headerFound: false };
  }
  const width = Math.max(...block.rows.map((r) => r.cells.length));
  const header =
    block.grid === 'exact'
      ? exactHeader(block.rows, headerAt, width)
      : raggedHeader(
          block.rows.map((r) => r.cells),
          headerAt,
        );
  const roles = header.roles;
  const grid = block.grid === 'exact' ? exactGrid(block.rows, header, blockIndex) : raggedGrid(block.rows, header, blockIndex);
  const headerLabels = block.rows[headerAt]!.cells.map(normalizeLabel).join('|');

  // Rows → groups (one group = one point).
  const groups: Group[] = [];
  const headings: string[] = [];
  let lastTitle: Cell | null = null;
  for (const row of grid) {
    if (row.cells.every((c) => !c.text.trim())) continue;
    if (row.cells.map((c) => normalizeLabel(c.text)).join('|') === headerLabels) continue; // a header repeated on each page
    const heading = sectionRowText(row);
    if (heading !== null) {
      const level = headingLevel(heading) ?? 1;
      headings.splice(level - 1, headings.length, stripHeading(heading));
      continue;
    }
    // An empty title in a full grid is the one above (a clerk left it blank rather than merging).
    const titleCol = roles.indexOf('title');
    if (block.grid === 'exact' && titleCol >= 0) {
      const title = row.cells[titleCol]!;
      if (!title.text.trim() && lastTitle) row.cells[titleCol] = lastTitle;
      else lastTitle = title;
    }
    const current = groups.at(-1);
    const first = current?.rows[0];
    const numberCol = roles.indexOf('number');
    const ownNumber =
      (numberCol >= 0 && row.cells[numberCol]!.text.trim() !== '' && row.cells[numberCol]!.id !== first?.cells[numberCol]?.id) ||
      roles.some((r, c) => r === 'duties' && leadingNumber(row.cells[c]!.text) !== null);
    const sameAssignment =
      first !== undefined && roles.every((r, c) => !r || !ASSIGNMENT_ROLES.has(r) || !row.cells[c]!.text.trim() || row.cells[c]!.id === first.cells[c]!.id);
    if (current && first && !ownNumber && sameAssignment && current.sections.join('/') === headings.join('/')) current.rows.push(row);
    else groups.push({ rows: [row], sections: [...headings] });
  }

  if (groups.length === 0) {
    warnings.push({ message: `${block.source}只有表头，没有任务行`, source: block.source });
    return { points: [], warnings, headerFound: true };
  }

  const points: TablePoint[] = [];
  for (const group of groups) {
    const point = buildPoint(group, roles, year, points.length + 1);
    points.push(point);
    if (point.leads.departments.length + point.leads.scopes.length + point.responsible.departments.length + point.responsible.scopes.length === 0)
      warnings.push({ message: `${point.source}：第${point.number}项“${point.title}”未写明牵头或责任单位`, source: point.source });
    if (point.time.warning) warnings.push({ message: `${point.source}：${point.time.warning}`, source: point.source });
  }
  return { points, warnings, headerFound: true };
}

function buildPoint(group: Group, roles: (ColumnRole | null)[], year: number | null, running: number): TablePoint {
  const first = group.rows[0]!;
  const last = group.rows.at(-1)!;
  const titles = valuesOf(group, roles, 'title');
  const dutyCells = valuesOf(group, roles, 'duties');
  const numbers = valuesOf(group, roles, 'number');
  const sections = [...group.sections, ...valuesOf(group, roles, 'section').map((s) => stripHeading(oneLine(s)))].filter((s) => s);

  const ownNumber = numbers[0] ? normalizeNumber(numbers[0]) : null;
  const dutyNumber = dutyCells[0] ? leadingNumber(dutyCells[0]) : null;
  const number = ownNumber ?? dutyNumber ?? String(running);
  const duties = dutyCells.map((d, i) => (i === 0 && !ownNumber && dutyNumber ? stripLeadingNumber(d) : d));
  const dutyText = duties.join('\n') || titles.join('\n');
  const title = titles.length > 0 ? stripHeading(oneLine(titles[0]!)) : firstClause(stripLeadingNumber(dutyText));
  const dutyItems = duties.length > 1 ? duties.map((d) => stripLeadingNumber(d).replace(/[；;，,。\s]+$/, '')).filter((d) => d) : dutyItemsOf(duties[0] ?? '');

  let leads: ParsedUnits = { departments: [], scopes: [] };
  let responsible: ParsedUnits = { departments: [], scopes: [] };
  const unitNames: string[] = [];
  roles.forEach((role, c) => {
    if (!role || !UNIT_ROLES.has(role)) return;
    const seen = new Set<string>();
    for (const row of group.rows) {
      const cell = row.cells[c]!;
      if (!cell.text.trim() || seen.has(cell.id)) continue;
      seen.add(cell.id);
      const parsed = parseUnitCell(cell.text, role === 'lead' ? 'lead' : 'responsible');
      leads = mergeUnits(leads, parsed.leads);
      responsible = mergeUnits(responsible, parsed.responsible);
      unitNames.push(...parsed.names);
    }
  });
  const leaders = valuesOf(group, roles, 'leader').flatMap((t) =>
    t
      .split(/[、，,;；\s]+/)
      .map((s) => s.trim())
      .filter((s) => s),
  );

  const timeText = valuesOf(group, roles, 'time').join('；');
  const phrases = timeText ? [timeText] : extractTimeLimits(dutyText);
  let time = parseTimeLimit(timeText, year);
  if (!timeText) {
    const readings = phrases.map((p) => parseTimeLimit(p, year));
    time = readings.find((r) => r.dueDate) ?? readings.find((r) => r.recurrence || r.ongoing) ?? time;
    time = { ...time, asWritten: phrases.join('；') };
  }

  const policyBasis = valuesOf(group, roles, 'basis').join('\n');
  const verdict = valuesOf(group, roles, 'verdict').join('\n');
  return {
    number,
    section: unique(sections).join(' / '),
    title,
    duties: dutyText,
    dutyItems,
    policyBasis,
    citedDocuments: extractDocumentNumbers(`${policyBasis}\n${dutyText}`),
    leads,
    responsible,
    unitNames: unique(unitNames),
    leaders: unique(leaders),
    timeLimits: phrases,
    time,
    selfInspection: verdict || null,
    source: sourceRange(first.source, last.source),
  };
}
