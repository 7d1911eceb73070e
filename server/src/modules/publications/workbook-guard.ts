import { inflateRawSync } from 'node:zlib';
import { BadInputError } from '../../errors.js';

/**
 * Limits an uploaded .xlsx must keep before any spreadsheet library sees it. A workbook is a zip of
 * XML: a 300 KB file can inflate to gigabytes (one huge shared string, a million empty rows) and the
 * library builds objects for all of it. We read the zip's central directory ourselves and inflate
 * every part with a hard output cap (zlib's maxOutputLength, so a lying size field does not help),
 * then count what the sheets hold.
 */
export const WORKBOOK_LIMITS = {
  /** Parts in the zip. */
  maxEntries: 400,
  /** Worksheets in the workbook. */
  maxSheets: 20,
  /** Inflated size of one part. */
  maxPartBytes: 24 * 1024 * 1024,
  /** Inflated size of all parts together. */
  maxTotalBytes: 48 * 1024 * 1024,
  /** `<row>` elements in one worksheet (the import takes 5,000 data rows). */
  maxRowsPerSheet: 20_000,
  /** Cells in one worksheet. */
  maxCellsPerSheet: 400_000,
  /** Longest text of one shared string (Excel's own cell limit). */
  maxStringLength: 32_767,
} as const;

type Limits = typeof WORKBOOK_LIMITS;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function refuse(message: string, reason: string): never {
  throw new BadInputError(message, reason, 'file');
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function centralDirectory(zip: Buffer, limits: Limits): Entry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('文件无法读取：不是有效的 .xlsx 文件', 'INVALID_FILE');
  const count = zip.readUInt16LE(eocd + 10);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) refuse('文件过大或格式不受支持（ZIP64），请另存为普通 .xlsx 后导入', 'FILE_TOO_COMPLEX');
  if (count > limits.maxEntries) refuse(`文件结构过于复杂（${count} 个部件），请另存为仅含台账的 .xlsx`, 'FILE_TOO_COMPLEX');
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL_SIGNATURE) refuse('文件无法读取：.xlsx 已损坏', 'INVALID_FILE');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function inflate(zip: Buffer, entry: Entry, cap: number): Buffer {
  const p = entry.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_SIGNATURE) refuse('文件无法读取：.xlsx 已损坏', 'INVALID_FILE');
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > cap) refuse('文件内容过大，请分批导入', 'FILE_TOO_COMPLEX');
    return data;
  }
  if (entry.method !== 8) refuse('文件使用了不受支持的压缩方式，请用 Excel/WPS 另存为 .xlsx 后导入', 'INVALID_FILE');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      refuse('文件解压后过大（可能是压缩炸弹或含大量空行），请只保留台账内容后分批导入', 'FILE_TOO_COMPLEX');
    refuse('文件无法读取：.xlsx 已损坏', 'INVALID_FILE');
  }
}

function count(text: string, needle: RegExp): number {
  let n = 0;
  needle.lastIndex = 0;
  while (needle.exec(text)) n++;
  return n;
}

/**
 * Refuses (BadInputError, field "file") a workbook that is over the limits, holds macros or links
 * to other files; returns quietly otherwise. Synchronous and bounded: at most `maxTotalBytes` inflated.
 */
export function assertWorkbookWithinLimits(zip: Buffer, limits: Limits = WORKBOOK_LIMITS): void {
  const entries = centralDirectory(zip, limits);
  const names = entries.map((e) => e.name.toLowerCase());
  if (names.some((n) => n.includes('..') || n.startsWith('/'))) refuse('文件无法读取：.xlsx 含有非法路径', 'INVALID_FILE');
  if (names.some((n) => n.endsWith('vbaproject.bin'))) refuse('文件含有宏，不予导入：请另存为不含宏的 .xlsx', 'MACROS_NOT_ALLOWED');
  if (names.some((n) => n.startsWith('xl/externallinks/')))
    refuse('文件含有指向其他文件的外部链接，不予导入：请粘贴为数值后另存', 'EXTERNAL_LINKS_NOT_ALLOWED');
  const sheets = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).length;
  if (sheets > limits.maxSheets) refuse(`工作表过多（${sheets} 个，上限 ${limits.maxSheets} 个），请只保留台账工作表`, 'FILE_TOO_COMPLEX');

  let total = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const cap = Math.min(limits.maxPartBytes, limits.maxTotalBytes - total);
    const part = inflate(zip, entry, cap);
    total += part.length;
    const name = entry.name.toLowerCase();
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      const xml = part.toString('utf8');
      const rows = count(xml, /<row[\s>/]/g);
      if (rows > limits.maxRowsPerSheet)
        refuse(`工作表行数过多（${rows} 行，上限 ${limits.maxRowsPerSheet} 行，含空行），请删除多余的行后分批导入`, 'FILE_TOO_COMPLEX');
      const cells = count(xml, /<c[\s>/]/g);
      if (cells > limits.maxCellsPerSheet) refuse(`工作表单元格过多（${cells} 个），请只保留台账的列后导入`, 'FILE_TOO_COMPLEX');
    } else if (name === 'xl/sharedstrings.xml') {
      const xml = part.toString('utf8');
      // The longest text node is a safe upper bound of the longest shared string.
      for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) {
        if (m[1]!.length > limits.maxStringLength) refuse(`单元格文字过长（超过 ${limits.maxStringLength} 字），请检查文件`, 'FILE_TOO_COMPLEX');
      }
    }
  }
}
