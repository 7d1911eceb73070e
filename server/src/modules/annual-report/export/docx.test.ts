import { describe, expect, it } from 'vitest';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROW, allCells, cellKey, type CellValue } from '../format.js';
import type { AnnualReportDocument } from '../report-document.js';
import { renderAnnualReportDocx } from './docx.js';
import { openZip, readDocx, type DocxCell, type DocxContent, type DocxTable } from './docx-read.js';

const FEE = 31.42;

/** Every cell a different figure (its index + 1), the fee an amount with decimals. */
function distinctDocument(): AnnualReportDocument {
  return {
    organizationName: '沅江市城市管理和综合执法局',
    year: 2023,
    preamble: '2023年，根据《中华人民共和国政府信息公开条例》，现将本局2023年度政府信息公开工作报告如下：',
    overview: '（一）高度重视，健全信息公开制度\n一是加强组织领导。\n\n（二）分门别类，认真落实信息公开。一是强化信息主动公开，全年主动公开各类信息119条。',
    proactiveText: '2023年度，我局通过市政府网站发布信息74条。',
    problems: '一是信息公开意识有待提升。\n二是信息公开渠道有待拓宽。',
    otherMatters: '无',
    cells: allCells().map((c, i) => ({ ...c, value: c.column === 'feeAmount' ? FEE : i + 1 })),
    signedOn: '2024-01-04',
  };
}

const zeroDocument = (): AnnualReportDocument => ({
  ...distinctDocument(),
  cells: [],
  preamble: '',
  overview: '',
  problems: '',
  otherMatters: '',
  signedOn: null,
});

const HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/** The cell of a row that covers grid column j. */
const covering = (row: readonly DocxCell[], j: number) => row.find((c) => c.gridColumn <= j && j < c.gridColumn + c.gridSpan);

/** The header texts above grid column j, outermost first; a cell merged down from above counts once. */
function headerPath(table: DocxTable, headerRows: number, j: number): string[] {
  const path: string[] = [];
  for (let r = 0; r < headerRows; r++) {
    const cell = covering(table.cells[r]!, j);
    if (cell && cell.vMerge !== 'continue') path.push(cell.text);
  }
  return path;
}

/** The text of the cell covering (r, j), following a vertical merge up to the cell that starts it. */
function mergedText(table: DocxTable, r: number, j: number): string {
  for (let i = r; i >= 0; i--) {
    const cell = covering(table.cells[i]!, j);
    if (!cell) return '';
    if (cell.vMerge !== 'continue') return cell.text;
  }
  return '';
}

function figure(text: string): number {
  expect(text).toMatch(/^-?\d+(\.\d+)?$/);
  return Number(text);
}

/**
 * The figures of tables 二, 三 and 四 read back from the document, found through the printed labels:
 * each figure is addressed by the block, row label and column header it is printed under.
 */
function readFigures(content: DocxContent): Map<string, number> {
  const figures = new Map<string, number>();
  const [t2, t3, t4] = content.tables;

  // Table 二: a block label row, its 信息内容 header row, its rows.
  let block: (typeof TABLE2_BLOCKS)[number] | undefined;
  let header: readonly string[] = [];
  for (const row of t2!.rows) {
    const found = TABLE2_BLOCKS.find((b) => b.label === row[0]);
    if (found) {
      expect(row.slice(1).every((t) => t === '')).toBe(true);
      block = found;
    } else if (row[0] === '信息内容') header = row;
    else {
      const r = block!.rows.find((x) => x.label === row[0]);
      expect(r, `table 二 row ${row[0]}`).toBeDefined();
      for (const column of block!.columns) figures.set(cellKey('table2', r!.id, column.id), figure(row[header.indexOf(column.label)]!));
    }
  }

  // Table 三: three header rows, three label columns.
  const labelColumns = 3;
  const columnAt = new Map<string, number>();
  for (let j = labelColumns; j < t3!.rows[0]!.length; j++) {
    const path = headerPath(t3!, 3, j);
    const column = TABLE3_COLUMNS.find((c) => ['申请人情况', ...(c.group ? [c.group] : []), c.label].join('/') === path.join('/'));
    expect(column, `table 三 column ${path.join('/')}`).toBeDefined();
    columnAt.set(column!.id, j);
  }
  expect(columnAt.size).toBe(TABLE3_COLUMNS.length);
  for (let r = 3; r < t3!.rows.length; r++) {
    const labels = t3!.rows[r]!.slice(0, labelColumns);
    const own = labels.filter((t) => t !== '').at(-1)!;
    const row = TABLE3_ROWS.find((x) => x.label === own);
    expect(row, `table 三 row ${own}`).toBeDefined();
    expect(labels.indexOf(own)).toBe(row!.level);
    // The group headings it is printed under, in the label columns left of it.
    for (
      let p = row!.parent ? TABLE3_ROWS.find((x) => x.id === row!.parent) : undefined;
      p;
      p = p.parent ? TABLE3_ROWS.find((x) => x.id === p!.parent) : undefined
    )
      expect(mergedText(t3!, r, p.level)).toBe(p.label);
    for (const column of TABLE3_COLUMNS) figures.set(cellKey('table3', row!.id, column.id), figure(t3!.rows[r]![columnAt.get(column.id)!]!));
  }

  // Table 四: three header rows, one row of figures.
  expect(t4!.rows).toHaveLength(4);
  for (let j = 0; j < TABLE4_COLUMNS.length; j++) {
    const path = headerPath(t4!, 3, j).join('/');
    const column = TABLE4_COLUMNS.find((c) => [...(c.group ? c.group.split('/') : []), c.label].join('/') === path);
    expect(column, `table 四 column ${path}`).toBeDefined();
    figures.set(cellKey('table4', TABLE4_ROW, column!.id), figure(t4!.rows[3]![j]!));
  }
  return figures;
}

/** Every cell of the format with its figure in `cells`, 0 when absent. */
function withValues(cells: readonly CellValue[]): Map<string, number> {
  const map = new Map(allCells().map((c) => [cellKey(c.table, c.row, c.column), 0]));
  for (const c of cells) map.set(cellKey(c.table, c.row, c.column), c.value);
  return map;
}

describe('renderAnnualReportDocx', () => {
  it('prints the title, the preamble, headings 一–六 in order with the tables under 二, 三 and 四, and the signature', async () => {
    const content = readDocx(await renderAnnualReportDocx(distinctDocument()));
    const texts = content.blocks.map((b) => (b.kind === 'table' ? `#table${b.table}` : b.text)).filter((t) => t !== '');
    // A title too long for one line breaks after the organisation.
    expect(texts[0]).toBe('沅江市城市管理和综合执法局\n2023年政府信息公开工作年度报告');
    expect(texts[1]).toMatch(/^2023年，根据/);
    const at = (t: string) => texts.indexOf(t);
    expect(HEADINGS.map(at).every((i, k, all) => i > 1 && (k === 0 || i > all[k - 1]!))).toBe(true);
    expect(at('#table0')).toBe(at(HEADINGS[1]!) + 2);
    expect(at('#table1')).toBe(at(HEADINGS[2]!) + 1);
    expect(at('#table2')).toBe(at(HEADINGS[3]!) + 1);
    expect(at(HEADINGS[4]!)).toBe(at('#table2') + 1);
    expect(texts.slice(-2)).toEqual(['沅江市城市管理和综合执法局', '2024年1月4日']);
    expect(texts).toContain('（一）高度重视，健全信息公开制度');
  });

  it('prints every figure under its row label and column header (tables 二, 三, 四)', async () => {
    const doc = distinctDocument();
    const content = readDocx(await renderAnnualReportDocx(doc));
    expect(content.tables).toHaveLength(3);
    expect(readFigures(content)).toEqual(withValues(doc.cells));
    // The fee as written, integers without decimals.
    const fee = content.tables[0]!.rows.find((r) => r[0] === '行政事业性收费')!;
    expect(fee[1]).toBe('31.42');
    expect(content.tables.flatMap((t) => t.rows.flat()).filter((t) => /^\d+\.\d+$/.test(t))).toEqual(['31.42']);
  });

  it('merges the header cells as the national format does', async () => {
    const [t2, t3, t4] = readDocx(await renderAnnualReportDocx(distinctDocument())).tables;
    const shape = (c: DocxCell | undefined) => c && [c.text.slice(0, 8), c.gridColumn, c.gridSpan, c.vMerge];
    // Table 二: the block label over the four columns, a single-column block's column over three.
    expect(shape(t2!.cells[0]![0])).toEqual(['第二十条第（一）', 0, 4, null]);
    expect(t2!.cells[5]!.map(shape)).toEqual([
      ['信息内容', 0, 1, null],
      ['本年处理决定数量', 1, 3, null],
    ]);
    // Table 三: the corner note over 3 × 3, 申请人情况 over 7, 法人或其他组织 over 5, 自然人 and 总计 down 2 rows.
    expect(t3!.cells[0]!.map(shape)).toEqual([
      ['（本列数据的勾稽', 0, 3, 'restart'],
      ['申请人情况', 3, 7, null],
    ]);
    expect(t3!.cells[1]!.map(shape)).toEqual([
      ['', 0, 3, 'continue'],
      ['自然人', 3, 1, 'restart'],
      ['法人或其他组织', 4, 5, null],
      ['总计', 9, 1, 'restart'],
    ]);
    expect(shape(covering(t3!.cells[2]!, 3))).toEqual(['', 3, 1, 'continue']);
    expect(t3!.rows[2]!.slice(4, 9)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    // 一、… over the three label columns; 三、本年度办理结果 down its 22 rows; （三）不予公开 down its 8.
    expect(shape(t3!.cells[3]![0])).toEqual(['一、本年新收政府', 0, 3, null]);
    const results = t3!.rows.findIndex((r) => r[0] === '三、本年度办理结果');
    expect(t3!.cells.slice(results, results + 22).map((r) => r[0]!.vMerge)).toEqual(['restart', ...Array(21).fill('continue')]);
    expect(t3!.cells[results + 22]![0]!.text).toBe('四、结转下年度继续办理');
    expect(shape(t3!.cells[results]![1])).toEqual(['（一）予以公开', 1, 2, null]);
    const denied = t3!.rows.findIndex((r) => r[1] === '（三）不予公开');
    expect(t3!.cells.slice(denied, denied + 9).map((r) => covering(r, 1)!.vMerge)).toEqual(['restart', ...Array(7).fill('continue'), 'restart']);
    expect(t3!.rows[denied]![2]).toBe('1.属于国家秘密');
    // Table 四: 行政复议 over 5, 行政诉讼 over 10, the review columns down 2 rows.
    expect(t4!.cells[0]!.map(shape)).toEqual([
      ['行政复议', 0, 5, null],
      ['行政诉讼', 5, 10, null],
    ]);
    expect(t4!.cells[1]!.map(shape).slice(4)).toEqual([
      ['总计', 4, 1, 'restart'],
      ['未经复议直接起诉', 5, 5, null],
      ['复议后起诉', 10, 5, null],
    ]);
    expect(t4!.cells[2]!.slice(0, 5).every((c) => c.vMerge === 'continue')).toBe(true);
  });

  it('lays out an A4 page with the margins and fonts of official documents', async () => {
    const file = await renderAnnualReportDocx(distinctDocument());
    const zip = openZip(file);
    const xml = zip.read('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // Fixed-layout tables exactly as wide as the text block.
    expect(xml.match(/<w:tblW w:type="dxa" w:w="8845"\/>/g)).toHaveLength(3);
    expect(xml.match(/<w:tblLayout w:type="fixed"\/>/g)).toHaveLength(3);
    const styles = zip.read('word/styles.xml')!.toString('utf8');
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)![0];
    expect(style('ReportTitle')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style('ReportTitle')).toContain('<w:sz w:val="44"/>');
    expect(style('ReportHeading')).toContain('w:eastAsia="黑体"');
    expect(style('ReportBody')).toContain('w:eastAsia="仿宋_GB2312"');
    expect(style('ReportBody')).toContain('<w:sz w:val="32"/>');
    expect(style('ReportBody')).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    expect(style('ReportBody')).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(style('ReportTableText')).toContain('w:eastAsia="宋体"');
    const fonts = zip.read('word/fontTable.xml')!.toString('utf8');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    // A sub-heading （一）… is bold.
    expect(xml).toMatch(/<w:b\/>(?:<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">（一）高度重视，健全信息公开制度<\/w:t>/);
  });

  it('exports an all-zero document with no text and reads it back', async () => {
    const content = readDocx(await renderAnnualReportDocx(zeroDocument()));
    expect(readFigures(content)).toEqual(withValues([]));
    const texts = content.paragraphs.filter((t) => t !== '');
    expect(texts.slice(-3)).toEqual(['六、其他需要报告的事项', '无', '沅江市城市管理和综合执法局']);
  });

  it('round-trips the figures: export, read the tables back, the same figures', async () => {
    const doc = distinctDocument();
    const cells = doc.cells.map((c, i) => ({ ...c, value: c.column === 'feeAmount' ? 0.0105 : (i * 7919) % 100_000 }));
    const figures = readFigures(readDocx(await renderAnnualReportDocx({ ...doc, cells })));
    const back: CellValue[] = allCells().map((c) => ({ ...c, value: figures.get(cellKey(c.table, c.row, c.column))! }));
    expect(back).toEqual(cells);
  });
});
