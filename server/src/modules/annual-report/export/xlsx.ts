/**
 * The annual report's tables as a workbook: a sheet 说明 (organisation, year, date) and one sheet per table
 * (表二, 表三, 表四) with the merged headers of the national format, figures as numbers, frozen headers.
 */
import ExcelJS from 'exceljs';
import type { AnnualReportDocument } from '../report-document.js';
import { chineseDate, layoutTable2, layoutTable3, layoutTable4, reportTitle, type GridCell, type GridTable } from './layout.js';

export const XLSX_SHEET_NAMES = { cover: '说明', table2: '表二', table3: '表三', table4: '表四' } as const;

const FONT = { name: '宋体', size: 11 } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Points per line of 11 pt text, and the padding of a row. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 4;

/** Width of text in Excel's column units: about 2 for a CJK character, 1 for a digit or Latin letter. */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.codePointAt(0)! > 0x2e80 ? 2 : 1.1;
  return units;
}

/** Sheet column widths (characters) from the table's widths in twips. */
function sheetWidths(table: GridTable): number[] {
  return table.columnWidths.map((twips) => Math.max(10, Math.round(twips / 80)));
}

function writeTable(sheet: ExcelJS.Worksheet, table: GridTable): void {
  const widths = sheetWidths(table);
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  const lastColumn = table.columnCount;

  sheet.mergeCells(1, 1, 1, lastColumn);
  const title = sheet.getCell(1, 1);
  title.value = table.heading;
  title.font = { ...FONT, size: 14, bold: true };
  title.alignment = { vertical: 'middle', horizontal: 'left' };
  sheet.getRow(1).height = 24;

  const firstRow = 2;
  const lines = new Map<number, number>();
  for (const cells of table.rows) {
    for (const cell of cells) {
      const row = firstRow + cell.row;
      const col = 1 + cell.col;
      const target = sheet.getCell(row, col);
      target.value = cell.value ?? cell.text;
      target.font = { ...FONT, bold: cell.role === 'block' };
      target.border = BORDER;
      target.alignment = { vertical: 'middle', horizontal: cell.alignLeft ? 'left' : 'center', wrapText: true };
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        sheet.mergeCells(row, col, row + cell.rowSpan - 1, col + cell.colSpan - 1);
        // Borders on every cell of the merged range, so that every side of it is drawn.
        for (let r = row; r < row + cell.rowSpan; r++) for (let c = col; c < col + cell.colSpan; c++) sheet.getCell(r, c).border = BORDER;
      }
      if (cell.rowSpan === 1) lines.set(row, Math.max(lines.get(row) ?? 1, lineCount(cell, widths)));
    }
  }
  for (const [row, count] of lines) sheet.getRow(row).height = count * LINE_HEIGHT + ROW_PADDING;

  sheet.views = [{ state: 'frozen', xSplit: table.labelColumnCount, ySplit: firstRow - 1 + table.headerRowCount, activeCell: 'A1' }];
  // A4 (paper size 9), one page wide; table 四's fifteen columns print across the page.
  const orientation = table.columnCount > 10 ? 'landscape' : 'portrait';
  sheet.pageSetup = { paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };
}

/** Lines a cell's text wraps to in the sheet's column widths. */
function lineCount(cell: GridCell, widths: readonly number[]): number {
  const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 1;
  return Math.max(1, Math.ceil(textUnits(cell.text) / Math.max(1, width)));
}

function writeCover(sheet: ExcelJS.Worksheet, doc: AnnualReportDocument, tables: readonly GridTable[]): void {
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 64;
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  sheet.mergeCells(1, 1, 1, 2);
  const title = sheet.getCell(1, 1);
  title.value = reportTitle(doc);
  title.font = { ...FONT, size: 16, bold: true };
  title.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  sheet.getRow(1).height = 40;
  const rows: [string, string | number][] = [
    ['报告单位', doc.organizationName.trim()],
    ['报告年度', doc.year],
    ['落款日期', doc.signedOn ? chineseDate(doc.signedOn) : '（未落款）'],
    ['格式依据', '《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）'],
    ['填报说明', '各表按国家格式排列，空白处按 0 计；收费金额单位为万元，最多保留 4 位小数。正文见同名 Word 文档。'],
    ...tables.map((t): [string, string] => [XLSX_SHEET_NAMES[t.id], t.heading.replace(/^[一二三四五六]、/, '')]),
  ];
  rows.forEach(([label, value], i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(2).value = value;
    row.getCell(2).font = FONT;
    row.getCell(2).alignment = { vertical: 'middle', horizontal: 'left', wrapText: true };
    row.height = Math.max(1, Math.ceil(textUnits(String(value)) / 62)) * LINE_HEIGHT + ROW_PADDING;
  });
}

export async function renderAnnualReportXlsx(doc: AnnualReportDocument): Promise<Buffer> {
  const tables = [layoutTable2(doc), layoutTable3(doc), layoutTable4(doc)];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = doc.organizationName.trim();
  workbook.title = reportTitle(doc);
  writeCover(workbook.addWorksheet(XLSX_SHEET_NAMES.cover), doc, tables);
  for (const table of tables) writeTable(workbook.addWorksheet(XLSX_SHEET_NAMES[table.id]), table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
