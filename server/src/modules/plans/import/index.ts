/**
 * Plan import: the documents offices really receive (工作要点 prose, 任务分工 / 任务清单 tables) from pasted
 * text, an HTML page or fragment, a .docx or an .xlsx, read into one intermediate and interpreted once. Pure:
 * no database, no GraphQL. The service maps `unitNames` to departments (matchUnitName) and stores the points.
 *
 * Flow:
 *
 *   const input = planInputFromFile(buffer, 'xxx.docx');              // or { kind: 'text', text }
 *   const result = await importPlanDocument(input, { year: 2024 });   // throws BadInputError when unreadable
 *   // preview: result.points (with source, leads/responsible incl. scopes, timeLimit, dueDate, recurrence,
 *   //          ongoing, fingerprint), result.warnings (with source), result.unitNames (to map)
 *   // commit:  skip points whose fingerprint is already stored for the plan (or refuse when result.fingerprint
 *   //          equals the stored plan's): importing the same document twice does not duplicate.
 *
 * Steps, each usable alone:
 * - readers → PlanBlock[]: readPlanText, readPlanHtml, readPlanDocx, readPlanXlsx (readPlanInput picks one);
 *   every reader bounds its input (IMPORT_LIMITS: 2 MB of text, 10 MB files, 5,000 rows, 50 columns, 20,000
 *   characters a cell) and refuses with a BadInputError whose Chinese message names the problem and the place;
 * - interpretPlanBlocks(blocks, options) → PlanImportResult; refuses NO_WORK_POINTS_FOUND saying why;
 * - parseTimeLimit(text, year), parseUnitCell(text, role), splitUnitNames(text), matchUnitName(name, departments).
 *
 * Errors (BadInputError): reason EMPTY_INPUT, INPUT_TOO_LARGE, TABLE_TOO_LARGE, CELL_TOO_LONG, INVALID_FILE (field
 * "file"), NO_WORK_POINTS_FOUND (details.warnings: what was skipped and why).
 */
import { decodeText } from '../../publications/csv.js';
import { readPlanDocx } from './docx-reader.js';
import { readPlanHtml } from './html-reader.js';
import { interpretPlanBlocks } from './interpret.js';
import { IMPORT_LIMITS, refuse, type ImportLimits } from './limits.js';
import { readPlanText } from './text-reader.js';
import type { InterpretOptions, PlanBlock, PlanImportResult } from './types.js';
import { readPlanXlsx } from './xlsx-reader.js';

export type PlanInput = { kind: 'text'; text: string } | { kind: 'html'; html: string } | { kind: 'docx'; file: Buffer } | { kind: 'xlsx'; file: Buffer };

/** Pasted content that is markup (a page's source, or HTML from the clipboard) rather than text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 2000).toLowerCase();
  return head.startsWith('<') && /<(?:table|p|div|body|html|tr|br|span|h[1-6])[\s>/]/.test(head) && /<\/[a-z]+>/.test(text.slice(0, 200_000).toLowerCase());
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The input an uploaded file stands for, by its name's extension, checked against its first bytes: a .docx or
 * .xlsx must be a zip (an old .doc/.xls, a PDF or anything else renamed is refused with a message saying what it
 * is); .html/.htm and .txt are decoded as UTF-8, else GB18030 (GBK pages).
 */
export function planInputFromFile(file: Buffer, fileName: string, limits: ImportLimits = IMPORT_LIMITS): PlanInput {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const name = fileName.trim() || '文件';
  if (file.length > limits.maxFileBytes)
    refuse(`文件“${name}”过大（${(file.length / 1024 / 1024).toFixed(1)} MB，上限 ${limits.maxFileBytes / 1024 / 1024} MB）`, 'INPUT_TOO_LARGE', 'file');
  if (file.length === 0) refuse(`文件“${name}”是空的`, 'EMPTY_INPUT', 'file');
  const isZip = file.subarray(0, 4).equals(ZIP_SIGNATURE);
  const isOle = file.subarray(0, 8).equals(OLE_SIGNATURE);
  const isPdf = file.subarray(0, 5).toString('latin1') === '%PDF-';
  const notA = (what: string): never => {
    if (isOle) return refuse(`文件“${name}”是旧版 Office 格式（.doc/.xls），请用 Word/WPS 或 Excel 另存为 .docx 或 .xlsx 后上传`, 'INVALID_FILE', 'file');
    if (isPdf) return refuse(`文件“${name}”是 PDF，不能直接导入：请复制其中的文字粘贴，或上传 Word/Excel 原件`, 'INVALID_FILE', 'file');
    return refuse(`文件“${name}”不是有效的${what}，可能已损坏或扩展名不符`, 'INVALID_FILE', 'file');
  };
  switch (extension) {
    case 'docx':
      return isZip ? { kind: 'docx', file } : notA('Word 文档（.docx）');
    case 'xlsx':
      return isZip ? { kind: 'xlsx', file } : notA('Excel 工作簿（.xlsx）');
    case 'html':
    case 'htm':
      if (isZip || isOle || isPdf) return notA('网页文件（.html）');
      return { kind: 'html', html: decodeText(file).text };
    case 'txt':
      if (isZip || isOle || isPdf) return notA('文本文件（.txt）');
      return { kind: 'text', text: decodeText(file).text };
    case 'doc':
    case 'xls':
      return refuse(`文件“${name}”是旧版 Office 格式，请另存为 .docx 或 .xlsx 后上传`, 'INVALID_FILE', 'file');
    default:
      return refuse(`不支持的文件类型“${name}”：请上传 .docx、.xlsx、.html 或 .txt 文件，或直接粘贴文字`, 'INVALID_FILE', 'file');
  }
}

/** The blocks of an input, by its kind; pasted text that is HTML markup is read as HTML. */
export async function readPlanInput(input: PlanInput, limits: ImportLimits = IMPORT_LIMITS): Promise<PlanBlock[]> {
  switch (input.kind) {
    case 'text':
      return looksLikeHtml(input.text) ? readPlanHtml(input.text, limits) : readPlanText(input.text, limits);
    case 'html':
      return readPlanHtml(input.html, limits);
    case 'docx':
      return readPlanDocx(input.file, limits);
    case 'xlsx':
      return readPlanXlsx(input.file, limits);
  }
}

/** Reads and interprets an input: what previewPlanImport shows and importPlan stores. */
export async function importPlanDocument(input: PlanInput, options: InterpretOptions = {}, limits: ImportLimits = IMPORT_LIMITS): Promise<PlanImportResult> {
  return interpretPlanBlocks(await readPlanInput(input, limits), options);
}

export { interpretPlanBlocks } from './interpret.js';
export { blocksToHtml } from './blocks-html.js';
export { readPlanText } from './text-reader.js';
export { readPlanHtml } from './html-reader.js';
export { readPlanDocx } from './docx-reader.js';
export { readPlanXlsx } from './xlsx-reader.js';
export { parseTimeLimit, periodDueDates } from './time-limit.js';
export { parseUnitCell, splitUnitNames, scopeOf, matchUnitName, normalizeUnitName } from './units.js';
export type { DepartmentRef, UnitMatch, MatchContext, ParsedUnitCell, UnitRole } from './units.js';
export { pointFingerprint, planFingerprint } from './fingerprint.js';
export { IMPORT_LIMITS } from './limits.js';
export type { ImportLimits } from './limits.js';
export type * from './types.js';
