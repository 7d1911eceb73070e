import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../errors.js';
import { assertWorkbookWithinLimits, WORKBOOK_LIMITS } from './workbook-guard.js';

/** A minimal zip writer (deflate), enough to craft hostile workbooks byte by byte. */
function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const data = deflateRawSync(raw);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    // A lying size field: the guard must not trust it.
    central.writeUInt32LE(Math.min(raw.length, 1000), 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(centralDir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, eocd]);
}

const BASE = {
  '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
  'xl/workbook.xml': '<workbook/>',
};

function reasonOf(buffer: Buffer): string | null {
  try {
    assertWorkbookWithinLimits(buffer);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(BadInputError);
    return (e as BadInputError).reason;
  }
}

function sheetWithRows(n: number): string {
  return `<worksheet><sheetData>${Array.from({ length: n }, (_, i) => `<row r="${i + 1}"/>`).join('')}</sheetData></worksheet>`;
}

describe('assertWorkbookWithinLimits', () => {
  it('accepts an ordinary ledger workbook written by a spreadsheet program', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('信息发布台账');
    sheet.addRow(['标题', '发布单位', '发布日期']);
    for (let i = 0; i < 2000; i++) sheet.addRow([`关于第${i}项工作的通知`, '局办公室', new Date(Date.UTC(2026, 0, 1 + (i % 300)))]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(reasonOf(buffer)).toBeNull();
  });

  it('refuses one huge shared string (a 300 KB file that inflates to megabytes of text)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('信息发布台账').addRow(['标题', 'x'.repeat(WORKBOOK_LIMITS.maxStringLength + 1)]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(reasonOf(buffer)).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses a zip bomb whatever its size fields say', () => {
    const bomb = zip({ ...BASE, 'xl/worksheets/sheet1.xml': Buffer.alloc(WORKBOOK_LIMITS.maxPartBytes + 1, 0x20) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(reasonOf(bomb)).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses parts that are each under the cap but too large together', () => {
    const part = Buffer.alloc(WORKBOOK_LIMITS.maxPartBytes - 10, 0x20);
    expect(reasonOf(zip({ ...BASE, 'xl/media/a.bin': part, 'xl/media/b.bin': part, 'xl/media/c.bin': part }))).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses a sheet of a million empty rows, accepts one within the limit', () => {
    expect(reasonOf(zip({ ...BASE, 'xl/worksheets/sheet1.xml': sheetWithRows(WORKBOOK_LIMITS.maxRowsPerSheet + 1) }))).toBe('FILE_TOO_COMPLEX');
    expect(reasonOf(zip({ ...BASE, 'xl/worksheets/sheet1.xml': sheetWithRows(WORKBOOK_LIMITS.maxRowsPerSheet) }))).toBeNull();
  });

  it('refuses too many sheets', () => {
    const sheets = Object.fromEntries(Array.from({ length: WORKBOOK_LIMITS.maxSheets + 1 }, (_, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetWithRows(1)]));
    expect(reasonOf(zip({ ...BASE, ...sheets }))).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses macros and external links', () => {
    expect(reasonOf(zip({ ...BASE, 'xl/vbaProject.bin': 'Attribute VB_Name' }))).toBe('MACROS_NOT_ALLOWED');
    expect(reasonOf(zip({ ...BASE, 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }))).toBe('EXTERNAL_LINKS_NOT_ALLOWED');
  });

  it('refuses something that only starts like a zip', () => {
    expect(reasonOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]))).toBe('INVALID_FILE');
  });
});
