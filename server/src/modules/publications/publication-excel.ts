import { utcMs } from '../../time/calendar-date.js';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { QUOTA_STATUS_LABEL } from '../quotas/quota-pace.js';
import type { QuotaBoard, QuotaFigures } from '../quotas/quota-board.js';
import { decodeText, parseCsv } from './csv.js';
import { INTERPRETATION_FORM_LABEL, type InterpretationForm } from './publication-enums.js';

/** A column of the 信息发布台账 as offices keep it; `aliases` are the other headers accepted on import. */
export interface LedgerColumn {
  key: 'seq' | 'title' | 'department' | 'category' | 'channel' | 'publishedOn' | 'url' | 'indexNumber' | 'summary' | 'interpretationForm' | 'workPoint';
  header: string;
  aliases: string[];
  width: number;
  /** Shown in the template's 填写说明. */
  note: string;
  required?: boolean;
  /** Written by the export, ignored by the import. */
  exportOnly?: boolean;
}

export const LEDGER_COLUMNS: LedgerColumn[] = [
  { key: 'seq', header: '序号', aliases: ['编号', 'No', 'no'], width: 6, note: '可留空，导入时忽略' },
  { key: 'title', header: '信息标题', aliases: ['标题', '信息名称', '名称', '文件名称', '题目'], width: 48, required: true, note: '必填，不超过500字' },
  {
    key: 'department',
    header: '发布单位',
    aliases: ['单位', '发布机构', '责任单位', '科室', '单位名称', '单位编码'],
    width: 18,
    note: '单位名称或单位编码；信息员、科室负责人可留空（默认本单位）',
  },
  {
    key: 'category',
    header: '目录分类',
    aliases: ['分类', '信息类别', '类别', '栏目分类', '组配分类', '公开目录'],
    width: 12,
    required: true,
    note: '必填，须为系统中的目录分类名称（见“可选值”）',
  },
  {
    key: 'channel',
    header: '发布渠道',
    aliases: ['渠道', '发布平台', '发布栏目', '栏目', '平台'],
    width: 24,
    required: true,
    note: '必填，须为系统中的发布渠道名称（门户网站栏目、政务新媒体账号或政府公报，见“可选值”）',
  },
  {
    key: 'publishedOn',
    header: '发布日期',
    aliases: ['日期', '发布时间', '公开日期', '生成日期'],
    width: 12,
    required: true,
    note: '必填，如 2026-11-17、2026/11/17 或 2026年11月17日，不能晚于今天',
  },
  {
    key: 'url',
    header: '网址链接',
    aliases: ['链接', '网址', 'URL', 'url', '链接地址', '访问地址'],
    width: 48,
    required: true,
    note: '必填，http:// 或 https:// 开头；同一链接只登记一次',
  },
  { key: 'indexNumber', header: '索引号', aliases: ['索引'], width: 32, note: '可留空（系统按模板自动编号）；填写时原样保留，同一索引号只登记一次' },
  { key: 'summary', header: '内容概述', aliases: ['摘要', '概述', '内容摘要', '备注'], width: 40, note: '可留空' },
  {
    key: 'interpretationForm',
    header: '解读形式',
    aliases: ['形式', '政策解读形式'],
    width: 10,
    note: '政策解读类必填：文字、图表、视频、动漫或在线访谈；其他类须留空',
  },
  { key: 'workPoint', header: '对应工作要点', aliases: [], width: 20, exportOnly: true, note: '仅导出，导入时忽略' },
];

export interface LedgerRow {
  title: string;
  department: string;
  category: string;
  channel: string;
  publishedOn: string;
  url: string;
  indexNumber: string;
  summary: string | null;
  interpretationForm: InterpretationForm | null;
  workPoint: string | null;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A calendar date as an Excel date cell (UTC midnight: Excel dates have no time zone). */
function excelDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(utcMs(y!, m!, d!));
}

function ledgerValues(row: LedgerRow, seq: number): unknown[] {
  return [
    seq,
    row.title,
    row.department,
    row.category,
    row.channel,
    excelDate(row.publishedOn),
    { text: row.url, hyperlink: row.url },
    row.indexNumber,
    row.summary ?? '',
    row.interpretationForm ? INTERPRETATION_FORM_LABEL[row.interpretationForm] : '',
    row.workPoint ?? '',
  ];
}

function setUpLedgerSheet(sheet: ExcelJS.Worksheet, columns: LedgerColumn[]): void {
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.key === 'publishedOn' ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
}

/** The header row stays in view. */
const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

/**
 * Streams the ledger to `out` as .xlsx, batch by batch (constant memory whatever the size).
 * Columns: LEDGER_COLUMNS, the layout the import reads back.
 */
export async function writeLedgerXlsx(out: Writable, batches: AsyncIterable<LedgerRow[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = '政务公开督办台';
  const sheet = workbook.addWorksheet('信息发布台账', FROZEN_HEADER);
  setUpLedgerSheet(sheet, LEDGER_COLUMNS);
  sheet.getRow(1).commit();
  let seq = 0;
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(ledgerValues(row, ++seq)).commit();
  }
  sheet.commit();
  await workbook.commit();
  return seq;
}

/** The import template: the ledger's header row, a sheet of instructions, and the values accepted. */
export async function buildImportTemplate(choices: { categories: string[]; channels: { name: string; kind: string; owner: string }[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政务公开督办台';
  const columns = LEDGER_COLUMNS.filter((c) => !c.exportOnly);
  const sheet = workbook.addWorksheet('信息发布台账', FROZEN_HEADER);
  setUpLedgerSheet(sheet, columns);
  for (const c of columns) if (c.required) sheet.getRow(1).getCell(c.key).font = { bold: true, color: { argb: 'FFC00000' } };

  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'header', width: 14 },
    { header: '说明', key: 'note', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ header: c.header, note: c.note });
  help.addRow({});
  help.addRow({ header: '规则', note: '整表校验后一次性导入：任一行有误则全部不导入，并按行号、列名列出错误。' });
  help.addRow({ header: '', note: '已登记过的链接或索引号视为重复，自动跳过，重复导入同一文件不会重复计数。' });
  help.addRow({ header: '', note: '也可导入 CSV（UTF-8 或 GBK 编码，首行为表头）。' });
  help.addRow({
    header: '示例',
    note: '关于开展城市道路扬尘专项整治的通知 | 局办公室 | 工作动态 | 门户网站·政务公开 | 2026-11-17 | https://www.example.gov.cn/zwgk/202611/t20261117_1.html',
  });

  const values = workbook.addWorksheet('可选值');
  values.columns = [
    { header: '目录分类', key: 'category', width: 16 },
    { header: '发布渠道', key: 'channel', width: 36 },
    { header: '渠道类型', key: 'kind', width: 12 },
    { header: '渠道所属单位', key: 'owner', width: 20 },
    { header: '解读形式', key: 'form', width: 10 },
  ];
  values.getRow(1).font = { bold: true };
  const forms = Object.values(INTERPRETATION_FORM_LABEL);
  const n = Math.max(choices.categories.length, choices.channels.length, forms.length);
  for (let i = 0; i < n; i++) {
    const ch = choices.channels[i];
    values.addRow({ category: choices.categories[i] ?? '', channel: ch?.name ?? '', kind: ch?.kind ?? '', owner: ch?.owner ?? '', form: forms[i] ?? '' });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The quota board as .xlsx: one row per department (and per-category quota), indented by depth, with its roll-up. */
export async function buildQuotaBoardWorkbook(board: QuotaBoard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '政务公开督办台';
  const sheet = workbook.addWorksheet(`发布指标 ${board.period.key}`);
  sheet.addRow([
    `${board.period.label}信息发布指标完成情况（截至 ${board.period.asOf}，已过工作日 ${board.period.workingDaysElapsed}/${board.period.workingDays}）`,
  ]).font = { bold: true, size: 13 };
  sheet.mergeCells(1, 1, 1, 14);
  const header = sheet.addRow([
    '单位',
    '目录分类',
    '指标',
    '已发布',
    '按进度应发布',
    '完成率',
    '状态',
    '政策解读',
    '其中非文字',
    '非文字占比',
    '含下级·指标',
    '含下级·已发布',
    '含下级·应发布',
    '含下级·状态',
  ]);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  const widths = [28, 10, 8, 8, 12, 8, 10, 9, 10, 10, 12, 13, 13, 12];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const status = (f: QuotaFigures | null) => (f?.status ? QUOTA_STATUS_LABEL[f.status] : '');
  for (const row of board.rows) {
    const r = sheet.addRow([
      `${'　'.repeat(row.depth)}${row.department.name}`,
      row.category?.name ?? '全部',
      row.target ?? '',
      row.published,
      row.expectedByToday ?? '',
      row.completion ?? '',
      status(row),
      row.interpretations,
      row.nonTextInterpretations,
      row.nonTextRatio ?? '',
      row.rollup?.target ?? '',
      row.rollup?.published ?? '',
      row.rollup?.expectedByToday ?? '',
      status(row.rollup),
    ]);
    r.getCell(6).numFmt = '0.0%';
    r.getCell(10).numFmt = '0.0%';
  }
  const totals = sheet.addRow([
    '合计',
    '全部',
    board.totals.target ?? '',
    board.totals.published,
    board.totals.expectedByToday ?? '',
    board.totals.completion ?? '',
    status(board.totals),
    board.totals.interpretations,
    board.totals.nonTextInterpretations,
    board.totals.nonTextRatio ?? '',
  ]);
  totals.font = { bold: true };
  totals.getCell(6).numFmt = '0.0%';
  totals.getCell(10).numFmt = '0.0%';
  sheet.addRow([]);
  sheet.addRow([
    `状态：达标＝已完成指标；正常＝不低于按工作日进度应发布数的90%；滞后＝60%–90%；严重滞后＝低于60%，或期末未达标。政策解读非文字形式占比应不低于50%。`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell as the import sees it: text, a date (Excel date cell) or a number, and a hyperlink if any. */
export interface SheetCell {
  text: string;
  date?: Date;
  number?: number;
  hyperlink?: string;
}

export type SheetTable = SheetCell[][];

/** The first sheet of an .xlsx (or the one named 信息发布台账) as cells; null if the file is not a workbook. */
export async function readXlsx(buffer: Buffer): Promise<SheetTable | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheet = workbook.getWorksheet('信息发布台账') ?? workbook.worksheets[0];
  if (!sheet) return [];
  const table: SheetTable = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(toCell(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** A CSV file as cells (see csv.ts for the encodings understood). */
export function readCsv(buffer: Buffer): SheetTable {
  return parseCsv(decodeText(buffer).text).map((row) => row.map((text) => ({ text: text.trim() })));
}

function toCell(value: ExcelJS.CellValue): SheetCell {
  if (value == null) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), date: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if ('richText' in value)
    return {
      text: value.richText
        .map((t) => t.text)
        .join('')
        .trim(),
    };
  if ('hyperlink' in value) {
    const text = typeof value.text === 'string' ? value.text : toCell(value.text as ExcelJS.CellValue).text;
    return { text: text.trim(), hyperlink: value.hyperlink };
  }
  if ('formula' in value || 'sharedFormula' in value) return toCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return { text: '' };
  return { text: String(value).trim() };
}
