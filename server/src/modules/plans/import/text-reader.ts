/**
 * Pasted text → blocks. A person pastes what they copied: prose, or a table that lost its grid on the way —
 * - tab-separated rows (copied from Word, WPS or Excel; Excel quotes cells with line breaks);
 * - "|"-separated rows, one row per line (markdown, or "a | b | c |" as some sites and tools render tables);
 * - one cell per line with "|" lines between cells ("value |", or "value" then "|"), rows padded with empty
 *   cells or separated by an empty cell, or not separated at all;
 * - one cell per line with nothing between cells, when a header row ("目标 / 任务 / 主要内容 / 责任单位") is
 *   recognisable.
 * Where a row boundary is not written, it is found from the header (the row's width) and from what the last
 * column holds (a time limit, a unit list). Cells under a merged cell are usually missing from such rows: the
 * table is marked `ragged` and the interpreter places each row's cells by what they hold.
 */
import { roleOfLabel, isHeaderRoles, type ColumnRole } from './header.js';
import { IMPORT_LIMITS, TableBudget, assertTextSize, refuse, type ImportLimits } from './limits.js';
import { cleanCellText, normalizeInputText } from './text.js';
import { looksLikeTimeLimit } from './time-limit.js';
import type { PlanBlock, SourcedLine, TableRow } from './types.js';
import { looksLikeUnits } from './units.js';

interface Line {
  text: string;
  /** 1-based line number in the input. */
  number: number;
}

/** A cell read from a stream of cells, with the lines it came from. */
interface Segment {
  lines: Line[];
}

const PIPE = /[|｜]/;
const SEPARATOR_RE = /^\s*[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)*[|｜]?\s*$/;
/** Header labels are short; a cell-per-line header is a run of at least this many of them. */
const MAX_LABEL_CHARS = 12;

const lineSource = (n: number): string => `第${n}行`;
const isBlank = (t: string): boolean => t.trim().length === 0;
const isTabLine = (t: string): boolean => t.includes('\t') && t.replace(/\t/g, '').trim().length > 0;
const isPipeLine = (t: string): boolean => PIPE.test(t);
const endsWithPipe = (t: string): boolean => /[|｜]\s*$/.test(t);

/**
 * The cells of a "|"-separated row: one leading and one trailing pipe are the row's edges. Empty cells at the end
 * are padding (renderers fill a row under merged cells up to the header's width), not cells.
 */
function pipeCells(text: string): string[] {
  const parts = text.split(/[|｜]/);
  if (parts.length > 1 && isBlank(parts[0] ?? '') && /^\s*[|｜]/.test(text)) parts.shift();
  const cells = parts.map(cleanCellText);
  while (cells.length > 1 && !cells.at(-1)) cells.pop();
  return cells;
}

/** A row with at least two cells written on one line (or a markdown row "| x |"). */
function isHorizontal(text: string): boolean {
  if (SEPARATOR_RE.test(text)) return true;
  const cells = pipeCells(text);
  return cells.filter((c) => c.length > 0).length >= 2 || /^\s*[|｜].*[^\s|｜].*[|｜]\s*$/.test(text);
}

/**
 * Reads pasted text into prose and table blocks (see the module comment). Refuses (BadInputError) empty text,
 * text over IMPORT_LIMITS.maxTextChars, and tables over the row, column and cell limits.
 */
export function readPlanText(text: string, limits: ImportLimits = IMPORT_LIMITS): PlanBlock[] {
  assertTextSize(text, '文本', limits);
  const lines: Line[] = normalizeInputText(text)
    .split('\n')
    .map((t, i) => ({ text: t.replace(/^[ \u3000]+|[ \u3000]+$/g, ''), number: i + 1 }));
  if (lines.every((l) => isBlank(l.text))) refuse('内容为空：请粘贴工作要点或任务清单的文字', 'EMPTY_INPUT');
  const budget = new TableBudget(limits);
  const blocks: PlanBlock[] = [];
  let prose: Line[] = [];
  const flush = (): void => {
    blocks.push(...plainTables(prose, budget));
    prose = [];
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isTabLine(line.text)) {
      const { rows, end } = tabRows(lines, i, budget);
      if (rows.length >= 2) {
        flush();
        blocks.push(table(rows, budget));
        i = end;
        continue;
      }
    } else if (isPipeLine(line.text) && isHorizontal(line.text)) {
      const { rows, end } = horizontalRows(lines, i, budget);
      if (rows.length >= 2) {
        flush();
        blocks.push(table(rows, budget));
        i = end;
        continue;
      }
    } else if (isPipeLine(line.text)) {
      const read = verticalTable(lines, i, prose, budget);
      prose = read.proseBefore;
      if (read.blocks.length > 0) flush();
      blocks.push(...read.blocks);
      prose.push(...read.proseAfter);
      i = Math.max(read.end, i + 1);
      continue;
    }
    prose.push(line);
    i++;
  }
  flush();
  return blocks;
}

function proseBlock(lines: Line[]): PlanBlock[] {
  const sourced: SourcedLine[] = lines
    .map((l) => ({ text: l.text.replace(/[|｜]/g, ' ').trim(), source: lineSource(l.number) }))
    .filter((l) => l.text.length > 0);
  return sourced.length > 0 ? [{ kind: 'prose', lines: sourced }] : [];
}

function table(rows: TableRow[], budget: TableBudget): PlanBlock {
  const first = rows[0]?.source ?? '';
  const last = rows.at(-1)?.source ?? first;
  const source = first === last ? first : `${first.replace(/行$/, '')}–${last.replace(/^第/, '')}`;
  budget.table(source);
  for (const row of rows) {
    budget.row(row.source);
    budget.columns(row.cells.length, row.source);
    row.cells.forEach((cell, c) => budget.cell(cell, row.cellSources?.[c] ?? `${row.source}第${c + 1}列`));
  }
  return { kind: 'table', rows, source, grid: 'ragged' };
}

// ---------------------------------------------------------------------------
// Tab-separated rows
// ---------------------------------------------------------------------------

/** One tab-separated record from line `start`; a cell in double quotes may hold tabs and line breaks (Excel). */
function tabRecord(lines: Line[], start: number): { cells: string[]; next: number } {
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  let li = start;
  let s = lines[li]!.text;
  let p = 0;
  for (;;) {
    if (p >= s.length) {
      if (quoted && li + 1 < lines.length && li - start < 50) {
        field += '\n';
        li++;
        s = lines[li]!.text;
        p = 0;
        continue;
      }
      cells.push(field);
      break;
    }
    const ch = s[p]!;
    if (atStart && ch === '"') {
      quoted = true;
      atStart = false;
      p++;
    } else if (quoted && ch === '"') {
      if (s[p + 1] === '"') {
        field += '"';
        p += 2;
      } else {
        quoted = false;
        p++;
      }
    } else if (!quoted && ch === '\t') {
      cells.push(field);
      field = '';
      atStart = true;
      p++;
    } else {
      field += ch;
      atStart = false;
      p++;
    }
  }
  return { cells: cells.map(cleanCellText), next: li + 1 };
}

function tabRows(lines: Line[], start: number, budget: TableBudget): { rows: TableRow[]; end: number } {
  const rows: TableRow[] = [];
  let j = start;
  while (j < lines.length) {
    budget.wouldFit(rows.length + 1, lineSource(lines[j]!.number));
    const t = lines[j]!.text;
    if (isTabLine(t)) {
      const { cells, next } = tabRecord(lines, j);
      rows.push({ cells, source: lineSource(lines[j]!.number) });
      j = next;
    } else if (!isBlank(t) && rows.length > 0 && j + 1 < lines.length && isTabLine(lines[j + 1]!.text)) {
      // A line without tabs between tab rows is a one-cell row (a heading across the width: "一、主动公开").
      rows.push({ cells: [cleanCellText(t)], source: lineSource(lines[j]!.number) });
      j++;
    } else {
      break;
    }
  }
  return { rows, end: j };
}

// ---------------------------------------------------------------------------
// "|" rows, one per line
// ---------------------------------------------------------------------------

function horizontalRows(lines: Line[], start: number, budget: TableBudget): { rows: TableRow[]; end: number } {
  const rows: TableRow[] = [];
  const rowsEndWithPipe = endsWithPipe(lines[start]!.text);
  let j = start;
  while (j < lines.length) {
    budget.wouldFit(rows.length + 1, lineSource(lines[j]!.number));
    const t = lines[j]!.text;
    if (isBlank(t) || !isPipeLine(t)) break;
    if (SEPARATOR_RE.test(t)) {
      j++;
      continue;
    }
    if (!isHorizontal(t)) break;
    // A row whose last cell goes on over the next lines: they belong to it up to the line that ends with "|".
    let text = t;
    let k = j;
    if (rowsEndWithPipe && !endsWithPipe(t)) {
      let close = -1;
      for (let m = j + 1; m < lines.length && m - j <= 30 && !isBlank(lines[m]!.text); m++) {
        if (endsWithPipe(lines[m]!.text)) {
          close = m;
          break;
        }
      }
      if (close > 0) {
        for (k = j + 1; k <= close; k++) text += `\n${lines[k]!.text}`;
        k = close;
      }
    }
    rows.push({ cells: pipeCells(text), source: lineSource(lines[j]!.number) });
    j = k + 1;
  }
  return { rows, end: j };
}

// ---------------------------------------------------------------------------
// One cell per line
// ---------------------------------------------------------------------------

function segmentText(segment: Segment): string {
  return cleanCellText(segment.lines.map((l) => l.text).join('\n'));
}

function lastLine(segment: Segment): Line | undefined {
  return [...segment.lines].reverse().find((l) => !isBlank(l.text));
}

/** The header in a stream of cells: a run of header words (the first one may be the last line of a longer cell). */
function findHeader(segments: Segment[]): { at: number; labels: string[]; roles: ColumnRole[] } | null {
  for (let h = 0; h < segments.length; h++) {
    const first = lastLine(segments[h]!);
    if (!first || first.text.length > MAX_LABEL_CHARS || roleOfLabel(first.text) === null) continue;
    const labels = [first.text.trim()];
    for (let k = h + 1; k < segments.length; k++) {
      const t = segmentText(segments[k]!);
      if (!t || t.length > MAX_LABEL_CHARS || roleOfLabel(t) === null) break;
      labels.push(t);
    }
    const roles = labels.map((l) => roleOfLabel(l)!);
    if (labels.length >= 2 && isHeaderRoles(roles)) return { at: h, labels, roles };
  }
  return null;
}

/** Whether a cell ends its row, judged by what the last column holds; null when that cannot tell. */
function rowEnd(lastRole: ColumnRole | undefined): ((text: string) => boolean) | null {
  if (lastRole === 'time') return looksLikeTimeLimit;
  if (lastRole === 'lead' || lastRole === 'responsible' || lastRole === 'cooperate') return looksLikeUnits;
  return null;
}

/**
 * Rows from cells with no row boundary written: a row ends at a cell that fits the last column (a time limit,
 * a unit list); without such a column, every `width` cells. A row that grows past the width by more than three
 * cells means the table has ended: the rest is returned.
 */
function rowsByContent(data: Segment[], roles: ColumnRole[]): { rows: Segment[][]; rest: Segment[] } {
  const width = roles.length;
  const ends = rowEnd(roles.at(-1));
  const rows: Segment[][] = [];
  let current: Segment[] = [];
  let currentStart = 0;
  for (let i = 0; i < data.length; i++) {
    const segment = data[i]!;
    if (current.length === 0) currentStart = i;
    current.push(segment);
    const text = segmentText(segment);
    if (ends ? current.length >= 2 && ends(text) : current.length === width) {
      rows.push(current);
      current = [];
    } else if (current.length > width + 3) {
      return { rows, rest: data.slice(currentStart) };
    }
  }
  if (current.length > 0) rows.push(current);
  return { rows, rest: [] };
}

/** Rows of a cell stream after its header (see the module comment for the three ways rows are delimited). */
function streamRows(data: Segment[], labels: string[], roles: ColumnRole[]): { rows: Segment[][]; rest: Segment[] } {
  const empty = (s: Segment): boolean => segmentText(s) === '';
  let pads = 0;
  while (pads < data.length && empty(data[pads]!)) pads++;
  // Every row padded to the header's width with empty cells ("||||").
  if (pads > 0) {
    const width = labels.length + pads;
    const body = data.slice(pads);
    const chunks: Segment[][] = [];
    for (let i = 0; i < body.length; i += width) chunks.push(body.slice(i, i + width));
    const complete = chunks.filter((c) => c.length === width);
    const prefixForm = (chunk: Segment[]): boolean => {
      const firstEmpty = chunk.findIndex(empty);
      return !empty(chunk[0]!) && (firstEmpty < 0 || chunk.slice(firstEmpty).every(empty));
    };
    if (complete.length > 0 && chunks.every(prefixForm)) return { rows: chunks.map((c) => c.filter((s) => !empty(s))), rest: [] };
  }
  // Rows separated by an empty cell.
  if (data.some(empty)) {
    const rows: Segment[][] = [];
    let current: Segment[] = [];
    for (const segment of data) {
      if (empty(segment)) {
        if (current.length > 0) rows.push(current);
        current = [];
      } else {
        current.push(segment);
      }
    }
    if (current.length > 0) rows.push(current);
    if (rows.length > 0 && rows.every((r) => r.length <= labels.length + 2)) return { rows, rest: [] };
  }
  return rowsByContent(
    data.filter((s) => !empty(s)),
    roles,
  );
}

function segmentRow(segments: Segment[]): TableRow {
  const sources = segments.map((s) => lineSource((lastLine(s) ?? s.lines[0]!).number));
  const firstLine = segments[0]?.lines.find((l) => !isBlank(l.text)) ?? segments[0]?.lines[0];
  return { cells: segments.map(segmentText), source: firstLine ? lineSource(firstLine.number) : '', cellSources: sources };
}

/**
 * A table written one cell per line with "|" between cells, starting at the pipe line `start`. The cell before
 * the first pipe is in the prose read so far: up to 20 of its last lines are taken back. When the cells have no
 * recognisable header, the lines are prose.
 */
function verticalTable(
  lines: Line[],
  start: number,
  prose: Line[],
  budget: TableBudget,
): { blocks: PlanBlock[]; proseBefore: Line[]; proseAfter: Line[]; end: number } {
  let back = prose.length;
  while (back > 0 && prose.length - back < 20 && !isBlank(prose[back - 1]!.text)) back--;
  const region: Line[] = prose.slice(back);
  let j = start;
  let blanks = 0;
  while (j < lines.length) {
    const t = lines[j]!.text;
    if (isTabLine(t) || (isPipeLine(t) && isHorizontal(t) && !/^[\s|｜]*$/.test(t))) break;
    if (isPipeLine(t)) {
      blanks = 0;
      region.push(lines[j]!);
      j++;
      continue;
    }
    if (isBlank(t)) {
      blanks++;
      if (blanks >= 2) break;
      region.push(lines[j]!);
      j++;
      continue;
    }
    // Text: part of the next cell when a pipe follows before a blank line; else the last cell runs to the blank.
    let next = j;
    while (next < lines.length && next - j < 30 && !isBlank(lines[next]!.text) && !isPipeLine(lines[next]!.text)) next++;
    const pipeFollows = next < lines.length && isPipeLine(lines[next]!.text) && !isHorizontal(lines[next]!.text);
    if (!pipeFollows) {
      if (blanks === 0) for (; j < next; j++) region.push(lines[j]!);
      break;
    }
    blanks = 0;
    for (; j < next; j++) region.push(lines[j]!);
  }
  // Cells: a pipe closes the cell that is open; the text before it (on this and earlier lines) is its content.
  const segments: Segment[] = [{ lines: [] }];
  for (const line of region) {
    const parts = line.text.split(/[|｜]/);
    parts.forEach((part, k) => {
      if (k > 0) segments.push({ lines: [] });
      segments.at(-1)!.lines.push({ text: part.trim(), number: line.number });
    });
  }
  const header = findHeader(segments);
  // No header: the lines are prose (and are not tried again line by line).
  if (!header) return { blocks: [], proseBefore: prose, proseAfter: lines.slice(start, j), end: j };

  const labelLine = lastLine(segments[header.at]!)!;
  const proseBefore = [...prose.slice(0, back), ...region.filter((l) => l.number < labelLine.number)];
  const { rows, rest } = streamRows(segments.slice(header.at + header.labels.length), header.labels, header.roles);
  const headerRow: TableRow = {
    cells: header.labels,
    source: lineSource(labelLine.number),
    cellSources: segments.slice(header.at, header.at + header.labels.length).map((s) => lineSource((lastLine(s) ?? s.lines[0]!).number)),
  };
  // Cells left over when the rows stopped fitting are prose again (their whole lines).
  const restNumbers = new Set(rest.flatMap((s) => s.lines.map((l) => l.number)));
  const proseAfter = region.filter((l) => restNumbers.has(l.number));
  return { blocks: [table([headerRow, ...rows.map(segmentRow)], budget)], proseBefore, proseAfter, end: j };
}

/**
 * Prose that may hold a table written one cell per line with nothing between cells: found by a run of at least
 * three header words on consecutive lines ("目标 / 任务 / 主要内容 / 责任单位"); the table runs to two blank
 * lines or the end, rows found by content. Everything else stays prose.
 */
function plainTables(lines: Line[], budget: TableBudget): PlanBlock[] {
  for (let h = 0; h < lines.length; h++) {
    const labels: Line[] = [];
    for (let k = h; k < lines.length; k++) {
      const t = lines[k]!.text.trim();
      if (!t || t.length > MAX_LABEL_CHARS || roleOfLabel(t) === null) break;
      labels.push(lines[k]!);
    }
    const roles = labels.map((l) => roleOfLabel(l.text)!);
    if (labels.length < 3 || !isHeaderRoles(roles)) continue;
    let end = h + labels.length;
    let blanks = 0;
    while (end < lines.length) {
      blanks = isBlank(lines[end]!.text) ? blanks + 1 : 0;
      if (blanks >= 2) break;
      end++;
    }
    const cells: Segment[] = lines
      .slice(h + labels.length, end)
      .filter((l) => !isBlank(l.text))
      .map((l) => ({ lines: [l] }));
    const { rows, rest } = rowsByContent(cells, roles);
    if (rows.length === 0) continue;
    const headerRow: TableRow = {
      cells: labels.map((l) => l.text.trim()),
      source: lineSource(labels[0]!.number),
      cellSources: labels.map((l) => lineSource(l.number)),
    };
    const restLines = rest.flatMap((s) => s.lines);
    return [...proseBlock(lines.slice(0, h)), table([headerRow, ...rows.map(segmentRow)], budget), ...plainTables([...restLines, ...lines.slice(end)], budget)];
  }
  return proseBlock(lines);
}
