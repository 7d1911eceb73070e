import {
  TABLE2_BLOCKS,
  TABLE3_COLUMNS,
  TABLE3_DATA_ROWS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  TABLE4_ROW,
  allCells,
  cellKey,
  type CellAddress,
  type CellValue,
  type ReportTableId,
} from '../format.js';
import { labelKey } from './normalize.js';
import type { Token } from './tokens.js';
import type { Finding } from './types.js';

/**
 * Reads tables 二, 三 and 四 from the token stream. A row is recognised by the words of its label (labelKey:
 * spacing, punctuation, numbering and bracketed notes do not matter; a few common variants are accepted), and
 * takes the figures that follow it, in the column order of the national format. Table 四 has no row labels: it is
 * the first run of figures after its heading (四、政府信息公开行政复议、行政诉讼情况) or its header (行政复议 | 行政诉讼).
 * What could not be read is reported as TABLE-READ warnings; what was read is returned as cells.
 */

export const TABLE_READ_RULE = 'TABLE-READ';

interface Table2RowSpec {
  readonly row: string;
  readonly label: string;
  readonly columns: readonly string[];
}

const TABLE2_ROWS: readonly Table2RowSpec[] = TABLE2_BLOCKS.flatMap((b) =>
  b.rows.map((r) => ({ row: r.id, label: r.label, columns: b.columns.map((c) => c.id) })),
);

const TABLE2_KEYS = new Map<string, Table2RowSpec>();
for (const r of TABLE2_ROWS) TABLE2_KEYS.set(labelKey(r.label), r);
TABLE2_KEYS.set(
  '规范性文件',
  TABLE2_ROWS.find((r) => r.row === 'normativeDocuments')!,
);
TABLE2_KEYS.set(
  '行政事业性收费金额',
  TABLE2_ROWS.find((r) => r.row === 'administrativeFees')!,
);

const TABLE3_KEYS = new Map<string, string>();
for (const r of TABLE3_ROWS) TABLE3_KEYS.set(labelKey(r.label), r.id);
/** Labels that are also column headers of table 三: only rows in the right place. */
const OTHER_KEY = '其他';
const TOTAL_KEYS = new Set(['总计', '合计']);
TABLE3_KEYS.delete(OTHER_KEY);
TABLE3_KEYS.delete('总计');

const TABLE3_PARENT = new Map(TABLE3_ROWS.map((r) => [r.id, r.parent]));
const TABLE3_DATA = new Set(TABLE3_DATA_ROWS);

/** Headers of the 2019 trial format's table 二, whose columns mean something else. */
const LEGACY_TABLE2_HEADERS = new Set(['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增减']);

const FUZZY_MIN = 6;
const FUZZY_SLACK = 3;

/** Exact words, or (for long labels) the same words give or take a few characters at either end. */
function lookup<T>(keys: ReadonlyMap<string, T>, key: string): T | undefined {
  const exact = keys.get(key);
  if (exact !== undefined || key.length < FUZZY_MIN) return exact;
  for (const [k, v] of keys) {
    if (k.length < FUZZY_MIN || Math.abs(k.length - key.length) > FUZZY_SLACK) continue;
    if (key.startsWith(k) || k.startsWith(key) || key.endsWith(k) || k.endsWith(key)) return v;
  }
  return undefined;
}

const isTable4Heading = (key: string): boolean =>
  key.length <= 24 && /^(?:因?政府信息公开(?:工作)?)?(?:被申请)?行政复议(?:提起)?行政诉讼(?:的)?情况$/.test(key);
const isTable3Heading = (key: string): boolean => key.length <= 24 && key.includes('收到和处理政府信息公开申请');
const isTable2Heading = (key: string): boolean => key === '主动公开政府信息情况' || key.startsWith('第二十条第');
const isSectionAfterTables = (key: string): boolean => key.length <= 24 && /^(?:存在的主要问题|其他需要报告|其他事项)/.test(key);

interface Run {
  /** null for an empty cell. */
  readonly items: readonly (number | null)[];
  readonly real: number;
  /** Index of the first token after the run. */
  readonly end: number;
}

function collectRun(tokens: readonly Token[], start: number): Run {
  const items: (number | null)[] = [];
  let real = 0;
  let i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'value') {
      items.push(t.value);
      real++;
    } else if (t.kind === 'empty') {
      items.push(null);
    } else {
      break;
    }
  }
  return { items, real, end: i };
}

/**
 * The run's figures for n columns: its n figures when it has exactly n (empty cells are padding); else, without
 * trailing empty cells, n cells positionally (an empty cell is 0); a run of empty cells only is a blank row of 0s.
 */
function fit(run: Run, n: number): number[] | null {
  if (run.real === n) return run.items.filter((v): v is number => v !== null);
  let length = run.items.length;
  while (length > 0 && run.items[length - 1] === null) length--;
  if (length === n || (run.real === 0 && run.items.length >= n)) return run.items.slice(0, n).map((v) => v ?? 0);
  return null;
}

export interface TableReading {
  readonly cells: CellValue[];
  readonly findings: Finding[];
}

interface LabelMatch {
  readonly table2?: Table2RowSpec;
  /** A data row of table 三. */
  readonly table3?: string;
  /** A group heading of table 三 (（三）不予公开 …) seen in the label. */
  readonly group?: string;
}

/** The groups under 三、本年度办理结果: （七）总计 closes one of them. */
const RESULT_GROUPS = new Set(TABLE3_ROWS.filter((r) => r.id === 'results' || r.parent === 'results').map((r) => r.id));

/** 其他 is a row only under （六）其他处理, 总计 only after a result row: elsewhere they are column headers. */
function matchTable3(key: string, lastGroup: string | undefined): string | undefined {
  const row = lookup(TABLE3_KEYS, key);
  if (row !== undefined) return row;
  if (key === OTHER_KEY && lastGroup === 'otherHandling') return 'other_other';
  if (TOTAL_KEYS.has(key) && lastGroup !== undefined && RESULT_GROUPS.has(lastGroup)) return 'resultsTotal';
  return undefined;
}

/**
 * The row (or group heading) a label names. A label that shares its cell with its group heading (PDF copies:
 * `（三）不予公开 1.属于国家秘密 0 0 …`) is tried word by word: the heading first, the row after it.
 */
function matchLabel(text: string, key: string, lastGroup: string | undefined): LabelMatch | null {
  const words = text.split(' ');
  for (let k = 0; k < words.length; k++) {
    const rest = k === 0 ? key : labelKey(words.slice(k).join(''));
    if (rest === '') break;
    const group = k === 0 ? undefined : matchTable3(labelKey(words.slice(0, k).join('')), lastGroup);
    const headed = group !== undefined && !TABLE3_DATA.has(group) ? group : undefined;
    const table2 = lookup(TABLE2_KEYS, rest);
    if (table2) return { table2 };
    const row = matchTable3(rest, headed ?? lastGroup);
    if (row !== undefined) return TABLE3_DATA.has(row) ? { table3: row, group: headed } : { group: row };
  }
  return null;
}

const table3Label = (row: string): string => TABLE3_ROWS.find((r) => r.id === row)?.label ?? row;

export function readTables(tokens: readonly Token[]): TableReading {
  const values = new Map<string, CellValue>();
  const findings: Finding[] = [];
  const warn = (message: string, cells: CellAddress[] = []): void => {
    findings.push({ rule: TABLE_READ_RULE, severity: 'WARNING', message, cells });
  };

  let mode: 'none' | 'table4' = 'none';
  let table4Read = false;
  let legacyTable2 = false;
  let lastGroup: string | undefined;

  /** Stores a row's figures; a second, different copy of a row is reported and ignored. */
  const store = (table: ReportTableId, row: string, columns: readonly string[], figures: readonly number[], label: string): void => {
    const existing = columns.map((c) => values.get(cellKey(table, row, c)));
    if (existing.every((e) => e === undefined)) {
      columns.forEach((column, k) => values.set(cellKey(table, row, column), { table, row, column, value: figures[k] }));
    } else if (existing.some((e, k) => e?.value !== figures[k])) {
      warn(
        `${label}出现两次且数字不同，采用第一次出现的数字`,
        columns.map((column) => ({ table, row, column })),
      );
    }
  };

  const nextTextKey = (i: number): string | undefined => {
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.kind === 'text') return t.key;
    }
    return undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'text') {
      if (mode === 'table4') {
        const run = collectRun(tokens, i);
        i = run.end - 1;
        if (run.real === 0) continue;
        const figures = fit(run, TABLE4_COLUMNS.length);
        if (figures)
          store(
            'table4',
            TABLE4_ROW,
            TABLE4_COLUMNS.map((c) => c.id),
            figures,
            '表四',
          );
        else warn(`表四读到${run.real}个数字，应为${TABLE4_COLUMNS.length}个，未读取表四`);
        table4Read = true;
        mode = 'none';
      }
      continue;
    }
    const key = t.key;
    if (key === '') continue;
    if (isTable4Heading(key) || (key === '行政复议' && nextTextKey(i) === '行政诉讼')) {
      if (!table4Read) mode = 'table4';
      continue;
    }
    if (mode === 'table4') {
      if (isSectionAfterTables(key)) mode = 'none';
      continue;
    }
    if (isTable2Heading(key) || isTable3Heading(key)) continue;
    if (LEGACY_TABLE2_HEADERS.has(key)) {
      if (!legacyTable2) warn('表二是2019年试行格式（本年新制作数量、本年新公开数量、对外公开总数量等列），与现行格式的列不同，未读取表二');
      legacyTable2 = true;
      continue;
    }

    const match = matchLabel(t.text, key, lastGroup);
    if (!match) continue;
    if (match.group) lastGroup = match.group;
    if (match.table2) {
      const t2 = match.table2;
      const run = collectRun(tokens, i + 1);
      const figures = fit(run, t2.columns.length);
      if ((run.real === 0 && !figures) || legacyTable2) continue;
      i = run.end - 1;
      const label = `表二“${t2.label}”行`;
      if (figures) store('table2', t2.row, t2.columns, figures, label);
      else warn(`${label}读到${run.real}个数字，应为${t2.columns.length}个，未读取该行`);
      continue;
    }
    const row = match.table3;
    if (row === undefined) continue;
    lastGroup = TABLE3_PARENT.get(row);
    const run = collectRun(tokens, i + 1);
    const figures = fit(run, TABLE3_COLUMNS.length);
    if (run.real === 0 && !figures) continue;
    i = run.end - 1;
    const label = `表三“${table3Label(row)}”行`;
    if (figures)
      store(
        'table3',
        row,
        TABLE3_COLUMNS.map((c) => c.id),
        figures,
        label,
      );
    else warn(`${label}读到${run.real}个数字，应为${TABLE3_COLUMNS.length}个，未读取该行`);
  }

  const cells = allCells()
    .map((a) => values.get(cellKey(a.table, a.row, a.column)))
    .filter((c): c is CellValue => c !== undefined);

  // A table that was found but not read whole: say which rows are missing.
  for (const table of ['table2', 'table3'] as const) {
    if (!cells.some((c) => c.table === table)) continue;
    const missing = allCells().filter((a) => a.table === table && !values.has(cellKey(a.table, a.row, a.column)));
    if (missing.length === 0) continue;
    const rows = [...new Set(missing.map((a) => a.row))];
    const labels = rows.map((r) => `“${table === 'table2' ? (TABLE2_ROWS.find((x) => x.row === r)?.label ?? r) : table3Label(r)}”`);
    warn(`${table === 'table2' ? '表二' : '表三'}未读到以下行的数字：${labels.join('、')}`, missing);
  }
  return { cells, findings };
}
