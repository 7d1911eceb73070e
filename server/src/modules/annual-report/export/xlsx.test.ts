import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROW, allCells, cellKey, type CellValue } from '../format.js';
import type { AnnualReportDocument } from '../report-document.js';
import { renderAnnualReportXlsx } from './xlsx.js';

function document(cells: readonly CellValue[]): AnnualReportDocument {
  return {
    organizationName: '沅江市城市管理和综合执法局',
    year: 2023,
    preamble: '',
    overview: '',
    proactiveText: '',
    problems: '',
    otherMatters: '',
    cells,
    signedOn: '2024-01-04',
  };
}

const distinctCells = (): CellValue[] => allCells().map((c, i) => ({ ...c, value: c.column === 'feeAmount' ? 31.42 : i + 1 }));

async function load(doc: AnnualReportDocument): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await renderAnnualReportXlsx(doc)) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The text of the merged range covering (r, c), or null when that range starts in a row above. */
function headerText(sheet: ExcelJS.Worksheet, r: number, c: number): string | null {
  const master = sheet.getCell(r, c).master;
  return master.fullAddress.row === r ? String(master.value ?? '') : null;
}

/** The header texts above column c, outermost first; a cell merged down from above counts once. */
function headerPath(sheet: ExcelJS.Worksheet, firstRow: number, rows: number, c: number): string[] {
  const path: string[] = [];
  for (let r = firstRow; r < firstRow + rows; r++) {
    const text = headerText(sheet, r, c);
    if (text !== null) path.push(text);
  }
  return path;
}

function number(cell: ExcelJS.Cell): number {
  expect(typeof cell.value).toBe('number');
  return cell.value as number;
}

/** The figures of the three sheets, found through their printed labels and headers. */
function readFigures(workbook: ExcelJS.Workbook): Map<string, number> {
  const figures = new Map<string, number>();

  const t2 = workbook.getWorksheet('表二')!;
  let block: (typeof TABLE2_BLOCKS)[number] | undefined;
  let header = new Map<string, number>();
  for (let r = 2; r <= t2.rowCount; r++) {
    const label = String(t2.getCell(r, 1).value ?? '');
    const found = TABLE2_BLOCKS.find((b) => b.label === label);
    if (found) block = found;
    else if (label === '信息内容') header = new Map([2, 3, 4].map((c) => [String(t2.getCell(r, c).master.value), c]));
    else {
      const row = block!.rows.find((x) => x.label === label)!;
      expect(row, `表二 row ${label}`).toBeDefined();
      for (const column of block!.columns) figures.set(cellKey('table2', row.id, column.id), number(t2.getCell(r, header.get(column.label)!)));
    }
  }

  // 表三: title row, three header rows (2–4), three label columns (A–C).
  const t3 = workbook.getWorksheet('表三')!;
  const columnAt = new Map<string, number>();
  for (let c = 4; c <= 3 + TABLE3_COLUMNS.length; c++) {
    const path = headerPath(t3, 2, 3, c).join('/');
    const column = TABLE3_COLUMNS.find((x) => ['申请人情况', ...(x.group ? [x.group] : []), x.label].join('/') === path);
    expect(column, `表三 column ${path}`).toBeDefined();
    columnAt.set(column!.id, c);
  }
  for (let r = 5; r <= t3.rowCount; r++) {
    // The row's own label is the range covering column C; it starts in the label column of its level.
    const own = t3.getCell(r, 3).master;
    const row = TABLE3_ROWS.find((x) => x.label === own.value);
    expect(row, `表三 row ${String(own.value)}`).toBeDefined();
    expect([own.fullAddress.row, own.fullAddress.col]).toEqual([r, 1 + row!.level]);
    if (row!.parent) expect(t3.getCell(r, row!.level).master.value).toBe(TABLE3_ROWS.find((x) => x.id === row!.parent)!.label);
    for (const column of TABLE3_COLUMNS) figures.set(cellKey('table3', row!.id, column.id), number(t3.getCell(r, columnAt.get(column.id)!)));
  }

  // 表四: title row, three header rows, one row of figures.
  const t4 = workbook.getWorksheet('表四')!;
  expect(t4.rowCount).toBe(5);
  for (let c = 1; c <= TABLE4_COLUMNS.length; c++) {
    const path = headerPath(t4, 2, 3, c).join('/');
    const column = TABLE4_COLUMNS.find((x) => [...(x.group ? x.group.split('/') : []), x.label].join('/') === path);
    expect(column, `表四 column ${path}`).toBeDefined();
    figures.set(cellKey('table4', TABLE4_ROW, column!.id), number(t4.getCell(5, c)));
  }
  return figures;
}

function withValues(cells: readonly CellValue[]): Map<string, number> {
  const map = new Map(allCells().map((c) => [cellKey(c.table, c.row, c.column), 0]));
  for (const c of cells) map.set(cellKey(c.table, c.row, c.column), c.value);
  return map;
}

describe('renderAnnualReportXlsx', () => {
  it('has a cover sheet and one sheet per table', async () => {
    const workbook = await load(document(distinctCells()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '表二', '表三', '表四']);
    const cover = workbook.getWorksheet('说明')!;
    expect(cover.getCell('A1').value).toBe('沅江市城市管理和综合执法局2023年政府信息公开工作年度报告');
    const rows = new Map([3, 4, 5].map((r) => [cover.getCell(r, 1).value, cover.getCell(r, 2).value]));
    expect(rows).toEqual(
      new Map<unknown, unknown>([
        ['报告单位', '沅江市城市管理和综合执法局'],
        ['报告年度', 2023],
        ['落款日期', '2024年1月4日'],
      ]),
    );
  });

  it('writes every figure as a number under its row label and column header', async () => {
    const cells = distinctCells();
    expect(readFigures(await load(document(cells)))).toEqual(withValues(cells));
  });

  it('merges the headers as the national format does, freezes them and sets column widths', async () => {
    const workbook = await load(document(distinctCells()));
    const merges = (name: string) => workbook.getWorksheet(name)!.model.merges;
    expect(merges('表二')).toEqual(expect.arrayContaining(['A1:D1', 'A2:D2', 'B7:D7', 'B8:D8', 'A9:D9']));
    expect(merges('表三')).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4', 'A5:C5', 'A7:A28', 'B7:C7', 'B9:B16', 'A29:C29']));
    expect(merges('表四')).toEqual(expect.arrayContaining(['A2:E2', 'F2:O2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:J3', 'K3:O3']));
    expect(merges('表四')).toHaveLength(1 + 2 + 5 + 2);
    const t3 = workbook.getWorksheet('表三')!;
    expect(t3.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 4 });
    expect(workbook.getWorksheet('表四')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(t3.getColumn(3).width).toBeGreaterThan(t3.getColumn(4).width!);
    for (let c = 1; c <= 10; c++) expect(t3.getColumn(c).width).toBeGreaterThanOrEqual(10);
    expect(t3.getCell('A2').border?.top?.style).toBe('thin');
  });

  it('exports an all-zero document: every figure 0', async () => {
    expect(readFigures(await load(document([])))).toEqual(withValues([]));
  });
});
