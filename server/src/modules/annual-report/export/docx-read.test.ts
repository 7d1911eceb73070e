import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../errors.js';
import { DOCX_LIMITS, openZip, parseDocumentXml, readDocx } from './docx-read.js';

interface ZipPart {
  readonly name: string;
  readonly content: string | Buffer;
  /** Stored instead of deflated. */
  readonly store?: boolean;
  /** The uncompressed size written in the central directory, when it should lie. */
  readonly declaredSize?: number;
}

/** A minimal zip writer, enough to craft hostile files byte by byte. */
function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8');
    const data = part.store ? raw : deflateRawSync(raw);
    const method = part.store ? 0 : 8;
    const size = part.declaredSize ?? raw.length;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${p(text)}</w:tc>`;

function reasonOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(BadInputError);
    expect((e as BadInputError).field).toBe('file');
    return (e as BadInputError).reason;
  }
}

describe('readDocx', () => {
  it('reads paragraphs and tables on the grid: spans, vertical merges, rows starting after gridBefore', () => {
    const body =
      p('标题') +
      '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
      `<w:tr>${tc('A', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc('B')}</w:tr>` +
      `<w:tr>${tc('', '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc('C')}</w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('D')}</w:tr>` +
      '</w:tbl>' +
      p('结尾');
    const content = parseDocumentXml(documentXml(body));
    expect(content.paragraphs).toEqual(['标题', '结尾']);
    expect(content.tables[0]!.rows).toEqual([
      ['A', '', 'B'],
      ['', '', 'C'],
      ['', '', 'D'],
    ]);
    expect(content.tables[0]!.cells[1]![0]).toEqual({ text: '', gridColumn: 0, gridSpan: 2, vMerge: 'continue' });
    expect(content.blocks).toEqual([
      { kind: 'paragraph', text: '标题' },
      { kind: 'table', table: 0 },
      { kind: 'paragraph', text: '结尾' },
    ]);
  });

  it('joins runs, decodes entities, keeps tabs and breaks of runs but not tab stops, skips text boxes and deleted text', () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' +
      '<w:r><w:t xml:space="preserve">第一&amp;二 </w:t></w:r><w:r><w:tab/><w:t>&#x4E09;&lt;&#22235;&gt;</w:t><w:br/><w:t>五</w:t></w:r>' +
      '<w:del w:id="1"><w:r><w:delText>删去</w:delText></w:r></w:del>' +
      '<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>' +
      p('文本框') +
      '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>' +
      p('文本框副本') +
      '</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>' +
      '<w:p/>' +
      '<!-- <w:p><w:r><w:t>注释</w:t></w:r></w:p> -->';
    expect(parseDocumentXml(documentXml(body)).paragraphs).toEqual(['第一&二 \t三<四>\n五', '']);
  });

  it('keeps nested tables apart from the cell that holds them', () => {
    const inner = `<w:tbl><w:tr>${tc('内')}</w:tr></w:tbl>`;
    const content = parseDocumentXml(documentXml(`<w:tbl><w:tr><w:tc>${p('外')}${inner}</w:tc></w:tr></w:tbl>`));
    expect(content.tables.map((t) => t.rows)).toEqual([[['外']], [['内']]]);
    expect(content.blocks).toEqual([{ kind: 'table', table: 0 }]);
  });

  it('finds the document part through _rels/.rels', () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>';
    const file = zip([
      { name: '_rels/.rels', content: rels },
      { name: 'word/document2.xml', content: documentXml(p('正文')) },
    ]);
    expect(readDocx(file).paragraphs).toEqual(['正文']);
  });

  it('refuses what is not a .docx', () => {
    expect(reasonOf(() => readDocx(Buffer.from('not a zip at all, just some text')))).toBe('INVALID_FILE');
    expect(reasonOf(() => readDocx(Buffer.alloc(0)))).toBe('INVALID_FILE');
    expect(reasonOf(() => readDocx(zip([{ name: 'xl/workbook.xml', content: '<workbook/>' }])))).toBe('INVALID_FILE');
    // A central directory pointing past the end.
    const broken = zip([{ name: 'word/document.xml', content: documentXml(p('x')) }]);
    broken.writeUInt32LE(broken.length, broken.length - 6);
    expect(reasonOf(() => readDocx(broken))).toBe('INVALID_FILE');
  });

  it(`refuses a zip of more than ${DOCX_LIMITS.maxEntries} parts`, () => {
    const parts = Array.from({ length: DOCX_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `word/media/${i}.txt`, content: 'x', store: true }));
    expect(reasonOf(() => openZip(zip(parts)))).toBe('FILE_TOO_COMPLEX');
    expect(reasonOf(() => openZip(zip(parts.slice(1))))).toBeNull();
  });

  it('refuses a zip that declares more than 20 MB uncompressed, before inflating anything', () => {
    const file = zip([
      { name: 'word/document.xml', content: documentXml(p('x')) },
      { name: 'word/media/big.bin', content: 'tiny', declaredSize: 20 * 1024 * 1024 },
    ]);
    expect(reasonOf(() => openZip(file))).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses a part that inflates to more than it declares (a zip bomb with a lying size)', () => {
    const bomb = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const file = zip([{ name: 'word/document.xml', content: Buffer.concat([Buffer.from(documentXml(p('x'))), bomb]), declaredSize: 1000 }]);
    expect(reasonOf(() => readDocx(file))).toBe('FILE_TOO_COMPLEX');
  });

  it('refuses absurd tables: a huge gridSpan, deep nesting, too many cells', () => {
    expect(reasonOf(() => parseDocumentXml(documentXml(`<w:tbl><w:tr>${tc('x', '<w:gridSpan w:val="1000000000"/>')}</w:tr></w:tbl>`)))).toBe('INVALID_FILE');
    expect(reasonOf(() => parseDocumentXml(documentXml(`<w:tbl><w:tr>${tc('x', '<w:gridSpan w:val="-1"/>')}</w:tr></w:tbl>`)))).toBe('INVALID_FILE');
    const nested = '<w:tbl><w:tr><w:tc>'.repeat(DOCX_LIMITS.maxTableNesting + 1);
    expect(reasonOf(() => parseDocumentXml(documentXml(nested)))).toBe('FILE_TOO_COMPLEX');
    const row = `<w:tr>${tc('x', '<w:gridSpan w:val="64"/>').repeat(10)}</w:tr>`;
    expect(reasonOf(() => parseDocumentXml(documentXml(`<w:tbl>${row.repeat(400)}</w:tbl>`)))).toBe('FILE_TOO_COMPLEX');
  });
});
