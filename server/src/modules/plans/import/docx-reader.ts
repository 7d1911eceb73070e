/**
 * .docx → blocks, through the project's own reader (annual-report/export/docx-read.ts: a bounded zip reader
 * and a scan of document.xml). Paragraphs are prose; tables are laid out on their grid: a cell spanning columns
 * (gridSpan) fills each, a vertical merge (vMerge) fills the cells it continues into with the text of its first
 * cell, all marked as one merged cell.
 */
import { BadInputError } from '../../../errors.js';
import { openZip, readDocx, type DocxTable } from '../../annual-report/export/docx-read.js';
import { IMPORT_LIMITS, TableBudget, assertFileSize, refuse, type ImportLimits } from './limits.js';
import { cleanCellText } from './text.js';
import type { PlanBlock, SourcedLine, TableRow } from './types.js';

function docxTableRows(table: DocxTable, source: string, budget: TableBudget): TableRow[] {
  const width = Math.max(0, ...table.cells.map((row) => row.reduce((w, c) => Math.max(w, c.gridColumn + c.gridSpan), 0)));
  budget.columns(width, source);
  const grid: Array<Array<{ text: string; id: string }>> = [];
  table.cells.forEach((row, r) => {
    budget.row(`${source} 第${r + 1}行`);
    const cells: Array<{ text: string; id: string }> = Array.from({ length: width }, (_, c) => ({ text: '', id: `${source}:${r}:${c}:empty` }));
    for (const cell of row) {
      const above = grid[r - 1]?.[cell.gridColumn];
      const value = cell.vMerge === 'continue' && above ? above : { text: cleanCellText(cell.text), id: `${source}:${r}:${cell.gridColumn}` };
      budget.cell(value.text, `${source} 第${r + 1}行第${cell.gridColumn + 1}列`);
      for (let c = cell.gridColumn; c < cell.gridColumn + cell.gridSpan && c < width; c++) cells[c] = value;
    }
    grid.push(cells);
  });
  // A cell id used by more than one grid position (across columns or down rows) is a merged cell.
  const uses = new Map<string, number>();
  for (const row of grid) for (const cell of row) uses.set(cell.id, (uses.get(cell.id) ?? 0) + 1);
  return grid.map((row, r) => {
    const merged = row.map((cell) => ((uses.get(cell.id) ?? 0) > 1 ? cell.id : null));
    return { cells: row.map((c) => c.text), ...(merged.some((m) => m !== null) ? { merged } : {}), source: `${source} 第${r + 1}行` };
  });
}

/**
 * Reads a .docx into blocks. Refuses (BadInputError, field "file") a file that is not a Word document (another
 * zip, an .xlsx renamed, not a zip at all), a corrupt or oversized one, and tables over the import limits.
 */
export function readPlanDocx(file: Buffer, limits: ImportLimits = IMPORT_LIMITS): PlanBlock[] {
  assertFileSize(file, 'Word 文件', limits);
  let names: readonly string[];
  try {
    names = openZip(file).names;
  } catch (e) {
    if (e instanceof BadInputError && e.reason === 'INVALID_FILE') refuse('文件无法读取：不是有效的 Word 文档（.docx），或文件已损坏', 'INVALID_FILE', 'file');
    throw e;
  }
  if (!names.includes('word/document.xml')) {
    const what = names.includes('xl/workbook.xml') ? '这是 Excel 工作簿，请按 .xlsx 上传' : '文件中没有 Word 正文（word/document.xml）';
    refuse(`文件不是 Word 文档（.docx）：${what}`, 'INVALID_FILE', 'file');
  }
  const content = readDocx(file);
  const budget = new TableBudget(limits, 'file');
  const blocks: PlanBlock[] = [];
  let prose: SourcedLine[] = [];
  let paragraph = 0;
  let tables = 0;
  for (const block of content.blocks) {
    if (block.kind === 'paragraph') {
      paragraph++;
      for (const text of cleanCellText(block.text).split('\n')) if (text) prose.push({ text, source: `第${paragraph}段` });
      continue;
    }
    const table = content.tables[block.table];
    if (!table || table.cells.length === 0) continue;
    tables++;
    const source = `表${tables}`;
    budget.table(source);
    if (prose.length > 0) blocks.push({ kind: 'prose', lines: prose });
    prose = [];
    blocks.push({ kind: 'table', rows: docxTableRows(table, source, budget), source, grid: 'exact' });
  }
  if (prose.length > 0) blocks.push({ kind: 'prose', lines: prose });
  if (blocks.length === 0) refuse('Word 文档中没有文字内容', 'EMPTY_INPUT', 'file');
  return blocks;
}
