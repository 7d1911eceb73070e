/**
 * Reads the text of a .docx: its tables (rows of cell texts laid out on the table grid) and its paragraphs.
 * For checking the export and for importing a report a clerk typed in Word or WPS. A .docx is a zip of XML
 * that a stranger may have made: the zip's central directory is read here with hard limits (entries,
 * declared sizes, inflated sizes capped by zlib itself), and document.xml is scanned, not parsed into a tree.
 *
 * The .xlsx guard (publications/workbook-guard.ts) is not reused: its limits and messages are the ledger
 * workbook's and its zip reading is internal to it.
 */
import { inflateRawSync } from 'node:zlib';
import { BadInputError } from '../../../errors.js';

export const DOCX_LIMITS = {
  /** Parts in the zip. */
  maxEntries: 2_000,
  /** Declared uncompressed size of all parts together. */
  maxUncompressedBytes: 20 * 1024 * 1024,
  /** Columns one cell may span (Word's own limit is 63 columns). */
  maxGridSpan: 64,
  /** Grid positions (cells × their spans) in all tables together. */
  maxTableCells: 200_000,
  /** Tables inside tables. */
  maxTableNesting: 8,
} as const;

export type DocxLimits = { readonly [K in keyof typeof DOCX_LIMITS]: number };

function refuse(message: string, reason: 'INVALID_FILE' | 'FILE_TOO_COMPLEX'): never {
  throw new BadInputError(message, reason, 'file');
}
const corrupt = (): never => refuse('文件无法读取：不是有效的 .docx 文件或已损坏', 'INVALID_FILE');

export interface ZipArchive {
  readonly names: readonly string[];
  /** The inflated part, or undefined when the zip has no part of that name. */
  read(name: string): Buffer | undefined;
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Opens a zip after checking its central directory: refuses (BadInputError, field "file") more than
 * `maxEntries` parts, a declared uncompressed total over `maxUncompressedBytes`, ZIP64 and encryption.
 * Each part is inflated on demand with its declared size as a hard cap, so a lying size field gets nothing more.
 */
export function openZip(zip: Buffer, limits: DocxLimits = DOCX_LIMITS): ZipArchive {
  if (zip.length < 22) corrupt();
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) corrupt();
  const count = zip.readUInt16LE(eocd + 10);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) refuse('文件过大或格式不受支持（ZIP64），请另存为普通 .docx 后导入', 'FILE_TOO_COMPLEX');
  if (count > limits.maxEntries) refuse(`文件结构过于复杂（${count} 个部件，上限 ${limits.maxEntries} 个）`, 'FILE_TOO_COMPLEX');

  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL_SIGNATURE) corrupt();
    const nameLength = zip.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
      refuse('文件过大或格式不受支持（ZIP64），请另存为普通 .docx 后导入', 'FILE_TOO_COMPLEX');
    declared += entry.size;
    if (declared > limits.maxUncompressedBytes)
      refuse(`文件解压后过大（超过 ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB），请删除图片等内容后重试`, 'FILE_TOO_COMPLEX');
    if (!entries.has(entry.name)) entries.set(entry.name, entry);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }

  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      return entry && inflateEntry(zip, entry);
    },
  };
}

function inflateEntry(zip: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x1) refuse('文件已加密，请取消密码保护后重试', 'INVALID_FILE');
  const p = entry.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_SIGNATURE) corrupt();
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  if (start + entry.compressedSize > zip.length) corrupt();
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length !== entry.size) corrupt();
    return data;
  }
  if (entry.method !== 8) refuse('文件使用了不受支持的压缩方式，请用 Word/WPS 另存为 .docx 后重试', 'INVALID_FILE');
  if (entry.size === 0) return Buffer.alloc(0);
  try {
    return inflateRawSync(data, { maxOutputLength: entry.size });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') refuse('文件内容与其声明的大小不符（可能是压缩炸弹），不予读取', 'FILE_TOO_COMPLEX');
    return corrupt();
  }
}

/** A cell as Word stores it: its text, the grid column it starts in, the columns it spans and its vertical merge. */
export interface DocxCell {
  readonly text: string;
  readonly gridColumn: number;
  readonly gridSpan: number;
  /** restart: the first cell of a vertical merge; continue: a cell covered by the one above. */
  readonly vMerge: 'restart' | 'continue' | null;
}

export interface DocxTable {
  /** Cell texts by grid column: a cell spanning n columns is its text then n−1 '', a merged-over cell is ''. */
  readonly rows: readonly (readonly string[])[];
  readonly cells: readonly (readonly DocxCell[])[];
}

export type DocxBlock = { readonly kind: 'paragraph'; readonly text: string } | { readonly kind: 'table'; readonly table: number };

export interface DocxContent {
  /** Paragraphs of the body outside tables, in order (empty ones included as ''). */
  readonly paragraphs: readonly string[];
  /** All tables, nested ones too, in the order they start. */
  readonly tables: readonly DocxTable[];
  /** The body in order: paragraphs and top-level tables (by index into `tables`). */
  readonly blocks: readonly DocxBlock[];
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its XML entity and character references resolved. */
export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITY[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

const attributePatterns = new Map<string, RegExp>();

/** The decoded value of attribute `name` in the attribute text of a start tag, or undefined when it has none. */
export function attribute(attributes: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = pattern.exec(attributes);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

/** Elements whose content is not the body's text: text boxes (also in mc:Fallback copies) and deleted runs. */
const SKIPPED = new Set(['mc:Fallback', 'w:txbxContent', 'w:del', 'w:moveFrom']);

interface OpenCell {
  paragraphs: string[];
  gridSpan: number;
  vMerge: DocxCell['vMerge'];
}
interface OpenTable {
  index: number;
  rows: DocxCell[][];
  row: DocxCell[] | null;
  column: number;
  cell: OpenCell | null;
}

/** The tables and paragraphs of document.xml. */
export function parseDocumentXml(xml: string, limits: DocxLimits = DOCX_LIMITS): DocxContent {
  const paragraphs: string[] = [];
  const blocks: DocxBlock[] = [];
  const tables: DocxTable[] = [];
  const open: OpenTable[] = [];
  let positions = 0;
  let paragraph: string[] | null = null;
  let paragraphDepth = 0;
  let runDepth = 0;
  let inText = false;
  let skipDepth = 0;

  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*|[A-Za-z_][\w.-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (inText && paragraph && skipDepth === 0) {
      if (m.index > last) paragraph.push(decodeXml(xml.slice(last, m.index)));
      if (m[1] !== undefined) paragraph.push(m[1]);
    }
    last = token.lastIndex;
    const name = m[3];
    if (!name) continue;
    const closing = m[2] === '/';
    const selfClosing = m[5] === '/';
    const attributes = m[4] ?? '';

    if (SKIPPED.has(name)) {
      if (selfClosing) continue;
      skipDepth += closing ? -1 : 1;
      continue;
    }
    if (skipDepth > 0) continue;
    const table = open[open.length - 1];

    switch (name) {
      case 'w:tbl':
        if (!closing) {
          if (open.length >= limits.maxTableNesting) refuse('文件中的表格嵌套过深', 'FILE_TOO_COMPLEX');
          const index = tables.length;
          tables.push({ rows: [], cells: [] });
          open.push({ index, rows: [], row: null, column: 0, cell: null });
          if (selfClosing) closeTable();
        } else closeTable();
        break;
      case 'w:tr':
        if (!table) break;
        if (!closing) {
          table.row = [];
          table.column = 0;
        }
        if (closing || selfClosing) {
          if (table.row) table.rows.push(table.row);
          table.row = null;
        }
        break;
      case 'w:gridBefore':
        if (table?.row && !closing) table.column += span(attribute(attributes, 'w:val'));
        break;
      case 'w:tc':
        if (!table?.row) break;
        if (!closing) table.cell = { paragraphs: [], gridSpan: 1, vMerge: null };
        if ((closing || selfClosing) && table.cell) {
          const cell = table.cell;
          positions += cell.gridSpan;
          if (positions > limits.maxTableCells) refuse('文件中的表格过大', 'FILE_TOO_COMPLEX');
          table.row.push({ text: cell.paragraphs.join('\n').trim(), gridColumn: table.column, gridSpan: cell.gridSpan, vMerge: cell.vMerge });
          table.column += cell.gridSpan;
          table.cell = null;
        }
        break;
      case 'w:gridSpan':
        if (table?.cell && !closing) table.cell.gridSpan = span(attribute(attributes, 'w:val'));
        break;
      case 'w:vMerge':
        if (table?.cell && !closing) table.cell.vMerge = attribute(attributes, 'w:val') === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:p':
        if (!closing) {
          paragraphDepth++;
          if (paragraphDepth === 1) paragraph = [];
        }
        if (closing || selfClosing) {
          paragraphDepth = Math.max(0, paragraphDepth - 1);
          if (paragraphDepth === 0 && paragraph) endParagraph(paragraph.join(''));
          if (paragraphDepth === 0) paragraph = null;
        }
        break;
      case 'w:r':
        if (!selfClosing) runDepth = Math.max(0, runDepth + (closing ? -1 : 1));
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        if (runDepth > 0 && paragraph && !closing) paragraph.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (runDepth > 0 && paragraph && !closing) paragraph.push('\n');
        break;
      case 'w:noBreakHyphen':
        if (runDepth > 0 && paragraph && !closing) paragraph.push('-');
        break;
      default:
        break;
    }
  }
  while (open.length > 0) closeTable();
  return { paragraphs, tables, blocks };

  function span(value: string | undefined): number {
    const n = value === undefined ? 1 : Number(value);
    if (!Number.isInteger(n) || n < 1 || n > limits.maxGridSpan) refuse('文件中的表格结构无效（合并的列数不正确）', 'INVALID_FILE');
    return n;
  }

  function endParagraph(text: string): void {
    const table = open[open.length - 1];
    if (table) {
      table.cell?.paragraphs.push(text);
      return;
    }
    paragraphs.push(text);
    blocks.push({ kind: 'paragraph', text });
  }

  function closeTable(): void {
    const table = open.pop();
    if (!table) return;
    if (table.row) table.rows.push(table.row);
    const rows = table.rows.map((cells) => {
      const texts: string[] = [];
      for (const cell of cells) {
        while (texts.length < cell.gridColumn) texts.push('');
        texts.push(cell.vMerge === 'continue' ? '' : cell.text);
        for (let i = 1; i < cell.gridSpan; i++) texts.push('');
      }
      return texts;
    });
    tables[table.index] = { rows, cells: table.rows };
    if (open.length === 0) blocks.push({ kind: 'table', table: table.index });
  }
}

/** The part that holds the document's body, as _rels/.rels names it (word/document.xml in practice). */
export function documentPartName(zip: ZipArchive): string {
  const rels = zip.read('_rels/.rels')?.toString('utf8') ?? '';
  for (const m of rels.matchAll(/<Relationship\b([^>]*)>/g)) {
    const type = attribute(m[1]!, 'Type') ?? '';
    const target = attribute(m[1]!, 'Target');
    if (target && /\/officeDocument$/.test(type)) return target.replace(/^\//, '');
  }
  return 'word/document.xml';
}

/**
 * The tables and paragraphs of a .docx. Refuses (BadInputError, field "file") a file that is not a
 * .docx, is over the limits of DOCX_LIMITS or is corrupt.
 */
export function readDocx(file: Buffer, limits: DocxLimits = DOCX_LIMITS): DocxContent {
  const zip = openZip(file, limits);
  const part = zip.read(documentPartName(zip)) ?? zip.read('word/document.xml');
  if (!part) refuse('文件无法读取：不是 Word 文档（.docx）', 'INVALID_FILE');
  return parseDocumentXml(part.toString('utf8'), limits);
}
