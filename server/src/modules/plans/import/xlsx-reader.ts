/**
 * .xlsx → blocks: every non-empty worksheet is a table (the interpreter skips, with a warning, those without a
 * recognisable header; a title row above the header is fine). Merged ranges are filled like spans: each cell of
 * the range holds the text of its top-left cell, marked as one merged cell. Dates are written as 2024年6月30日.
 *
 * The zip is checked before exceljs sees it (exceljs builds objects for whatever the sheets declare): parts,
 * declared and real inflated sizes (through docx-read's bounded zip reader), rows and cells per sheet.
 */
import ExcelJS from 'exceljs';
import { BadInputError } from '../../../errors.js';
import { DOCX_LIMITS, openZip } from '../../annual-report/export/docx-read.js';
import { IMPORT_LIMITS, TableBudget, assertFileSize, refuse, type ImportLimits } from './limits.js';
import { cleanCellText } from './text.js';
import type { PlanBlock, TableRow } from './types.js';

/** Zip limits for a plan workbook: a few hundred rows of text fit in far less. */
const ZIP_LIMITS = { ...DOCX_LIMITS, maxEntries: 400, maxUncompressedBytes: 16 * 1024 * 1024 };

/** A cell's value as text: rich text joined, formulas by their result, dates as 2024年6月30日 (Excel dates are UTC). */
function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
  if ('error' in value) return '';
  return '';
}

/** Checks the zip is a workbook within limits, inflating every part (a part that lies about its size is refused). */
function checkWorkbookZip(file: Buffer, limits: ImportLimits): void {
  let zip: ReturnType<typeof openZip>;
  try {
    zip = openZip(file, ZIP_LIMITS);
  } catch (e) {
    if (e instanceof BadInputError && e.reason === 'INVALID_FILE')
      refuse('文件无法读取：不是有效的 Excel 工作簿（.xlsx），或文件已损坏', 'INVALID_FILE', 'file');
    if (e instanceof BadInputError) refuse(e.message.replaceAll('.docx', '.xlsx'), 'INPUT_TOO_LARGE', 'file');
    throw e;
  }
  if (!zip.names.includes('xl/workbook.xml')) {
    const what = zip.names.includes('word/document.xml') ? '这是 Word 文档，请按 .docx 上传' : '文件中没有工作簿（xl/workbook.xml）';
    refuse(`文件不是 Excel 工作簿（.xlsx）：${what}`, 'INVALID_FILE', 'file');
  }
  if (zip.names.some((n) => n.toLowerCase().endsWith('vbaproject.bin'))) refuse('文件含有宏，不予导入：请另存为不含宏的 .xlsx', 'INVALID_FILE', 'file');
  for (const name of zip.names) {
    const part = zip.read(name);
    if (!part || !/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = part.toString('utf8');
    const rows = xml.match(/<row[\s>]/g)?.length ?? 0;
    const cells = xml.match(/<c[\s>]/g)?.length ?? 0;
    if (rows > limits.maxRows * 2) refuse(`工作表行数过多（${rows} 行，含空行），请只保留任务清单后重试`, 'TABLE_TOO_LARGE', 'file');
    if (cells > limits.maxRows * limits.maxColumns) refuse(`工作表单元格过多（${cells} 个），请只保留任务清单后重试`, 'TABLE_TOO_LARGE', 'file');
  }
}

/**
 * Reads an .xlsx into blocks (see the module comment). Refuses (BadInputError, field "file") a file that is not
 * a workbook (a .docx or anything renamed), a corrupt, encrypted or macro-enabled one, and sheets over the limits.
 */
export async function readPlanXlsx(file: Buffer, limits: ImportLimits = IMPORT_LIMITS): Promise<PlanBlock[]> {
  assertFileSize(file, 'Excel 文件', limits);
  checkWorkbookZip(file, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  } catch {
    refuse('文件无法读取：Excel 工作簿已损坏或格式不受支持，请用 Excel/WPS 另存为 .xlsx 后重试', 'INVALID_FILE', 'file');
  }
  const budget = new TableBudget(limits, 'file');
  const blocks: PlanBlock[] = [];
  workbook.worksheets.forEach((sheet, s) => {
    const source = `工作表“${sheet.name}”`;
    const rows: string[][] = [];
    const merged: (string | null)[][] = [];
    const last = Math.min(sheet.rowCount, limits.maxRows * 2);
    for (let r = 1; r <= last; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      const ids: (string | null)[] = [];
      const count = row.cellCount;
      for (let c = 1; c <= count; c++) {
        const cell = row.getCell(c);
        const master = cell.isMerged ? cell.master : cell;
        const text = cleanCellText(valueText(master.value));
        if (c > limits.maxColumns && text) budget.columns(c, `${source} 第${r}行`);
        if (c > limits.maxColumns) continue;
        budget.cell(text, `${source} 第${r}行第${c}列`);
        cells.push(text);
        ids.push(cell.isMerged ? `s${s}:${master.address}` : null);
      }
      rows.push(cells);
      merged.push(ids);
    }
    // Trailing empty rows and columns are formatting, not content.
    while (rows.length > 0 && rows.at(-1)!.every((c) => !c)) {
      rows.pop();
      merged.pop();
    }
    const width = Math.max(0, ...rows.map((cells) => cells.reduce((w, c, i) => (c ? i + 1 : w), 0)));
    if (rows.length === 0 || width === 0) return;
    budget.table(source);
    const tableRows: TableRow[] = rows.map((cells, r) => {
      budget.row(`${source} 第${r + 1}行`);
      const ids = Array.from({ length: width }, (_, c) => merged[r]?.[c] ?? null);
      return {
        cells: Array.from({ length: width }, (_, c) => cells[c] ?? ''),
        ...(ids.some((m) => m !== null) ? { merged: ids } : {}),
        source: `${source} 第${r + 1}行`,
      };
    });
    blocks.push({ kind: 'table', rows: tableRows, source, grid: 'exact' });
  });
  if (blocks.length === 0) refuse('Excel 工作簿中没有内容', 'EMPTY_INPUT', 'file');
  return blocks;
}
