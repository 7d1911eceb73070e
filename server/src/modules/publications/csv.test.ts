import { describe, expect, it } from 'vitest';
import { csvField, decodeText, parseCsv } from './csv.js';

describe('CSV', () => {
  it('parses quotes, doubled quotes, delimiters and line breaks inside quotes', () => {
    expect(parseCsv('标题,链接\r\n"关于""扬尘""整治,的通知",https://a.example/1\n"两行\n标题",x\n')).toEqual([
      ['标题', '链接'],
      ['关于"扬尘"整治,的通知', 'https://a.example/1'],
      ['两行\n标题', 'x'],
    ]);
  });

  it('keeps empty fields and rows, and reads a last line without a line break', () => {
    expect(parseCsv('a,,c\n\n,b,')).toEqual([['a', '', 'c'], [''], ['', 'b', '']]);
    expect(parseCsv('a\rb')).toEqual([['a'], ['b']]);
  });

  it('reads tab-separated text', () => {
    expect(parseCsv('标题\t日期\n一\t2026-11-02')).toEqual([
      ['标题', '日期'],
      ['一', '2026-11-02'],
    ]);
  });

  it('decodes UTF-8 with and without BOM, GB18030/GBK and UTF-16', () => {
    const utf8 = Buffer.from('标题,日期', 'utf8');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ text: '标题,日期', encoding: 'utf-8' });
    expect(decodeText(utf8).encoding).toBe('utf-8');
    // "标题" in GBK
    expect(decodeText(Buffer.from([0xb1, 0xea, 0xcc, 0xe2]))).toEqual({ text: '标题', encoding: 'gb18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('标题', 'utf16le')]))).toEqual({ text: '标题', encoding: 'utf-16le' });
  });

  it('quotes what must be quoted and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('普通')).toBe('普通');
  });
});
