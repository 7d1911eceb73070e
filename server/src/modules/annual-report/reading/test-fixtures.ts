/** The two reference reports (seeds/reference) and helpers shared by the reading tests. */
import fs from 'node:fs';
import path from 'node:path';
import { TABLE3_DATA_ROWS, TABLE4_COLUMNS, allCells, type CellAddress, type CellValue } from '../format.js';

const reference = (name: string): string => fs.readFileSync(path.resolve(import.meta.dirname, '../../../../../seeds/reference', name), 'utf8');

/** Seed 001: 沅江市城市管理和综合执法局 2023, traditional characters with pinyin, one `value |` cell per line. */
export const SEED_001 = reference('yuanjiang-cgzf-2023-annual-report.txt');
/** Seed 003: 安棚镇 2022, markdown-like tables, narrative printed twice, every figure 0. */
export const SEED_003 = reference('anpeng-2022-annual-report.txt');

/** Cells in the order of the printed format from the figures of tables 二, 三 (25 rows × 7) and 四 (15). */
export function cellsFrom(table2: readonly number[], table3: readonly (readonly number[])[], table4: readonly number[]): CellValue[] {
  const flat = [...table2, ...table3.flat(), ...table4];
  const addresses = allCells();
  if (flat.length !== addresses.length || table3.length !== TABLE3_DATA_ROWS.length || table4.length !== TABLE4_COLUMNS.length)
    throw new Error(`expected ${addresses.length} figures, got ${flat.length}`);
  return addresses.map((a, i) => ({ ...a, value: flat[i] }));
}

/**
 * Where each table figure of a seed is written: the seeds print every cell as `value |`, so the n-th such number is
 * the n-th cell of allCells().
 */
export function figurePositions(text: string): { readonly start: number; readonly end: number; readonly cell: CellAddress }[] {
  const addresses = allCells();
  return [...text.matchAll(/(?<=^|\|)[ ]*(\d+(?:\.\d+)?)[ ]*(?=\|)/gm)].map((m, i) => {
    const start = m.index + m[0].indexOf(m[1]);
    return { start, end: start + m[1].length, cell: addresses[i] };
  });
}

/** The text with one table figure rewritten. */
export function withFigure(text: string, cell: CellAddress, value: string): string {
  const at = figurePositions(text).find((p) => p.cell.table === cell.table && p.cell.row === cell.row && p.cell.column === cell.column);
  if (!at) throw new Error(`no figure for ${cell.table}.${cell.row}.${cell.column}`);
  return text.slice(0, at.start) + value + text.slice(at.end);
}
