import { describe, expect, it } from 'vitest';
import { allCells } from '../format.js';
import type { AnnualReportDocument } from '../report-document.js';
import { PAGE } from './docx.js';
import { TEXT_WIDTH_TWIPS, chineseDate, formatFigure, layoutTable2, layoutTable3, layoutTable4, reportTitle, textLines, type GridTable } from './layout.js';

const empty: AnnualReportDocument = {
  organizationName: '某某局',
  year: 2023,
  preamble: '',
  overview: '',
  proactiveText: '',
  problems: '',
  otherMatters: '',
  cells: [],
  signedOn: null,
};

/** Each grid position is covered by exactly one cell. */
function coverage(table: GridTable): number[][] {
  const height = table.rows.length;
  const grid = Array.from({ length: height }, () => Array.from({ length: table.columnCount }, () => 0));
  table.rows.forEach((cells, r) =>
    cells.forEach((cell) => {
      expect(cell.row).toBe(r);
      for (let i = cell.row; i < cell.row + cell.rowSpan; i++) for (let j = cell.col; j < cell.col + cell.colSpan; j++) grid[i]![j]!++;
    }),
  );
  return grid;
}

describe('annual-report table layout', () => {
  it('covers every grid position of tables 二, 三 and 四 exactly once, within the width of the text block', () => {
    expect(PAGE.width - PAGE.left - PAGE.right).toBe(TEXT_WIDTH_TWIPS);
    for (const table of [layoutTable2(empty), layoutTable3(empty), layoutTable4(empty)]) {
      expect(
        coverage(table)
          .flat()
          .every((n) => n === 1),
      ).toBe(true);
      expect(table.columnWidths).toHaveLength(table.columnCount);
      expect(table.columnWidths.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH_TWIPS);
    }
  });

  it('holds one value cell per cell of the format, in the format order', () => {
    const addresses = [layoutTable2(empty), layoutTable3(empty), layoutTable4(empty)].flatMap((t) =>
      t.rows.flat().flatMap((c) => (c.address ? [c.address] : [])),
    );
    expect(addresses).toEqual(allCells());
  });

  it('shapes the headers of tables 三 and 四 as the national format does', () => {
    const t3 = layoutTable3(empty);
    expect(t3.headerRowCount).toBe(3);
    expect(t3.labelColumnCount).toBe(3);
    expect(t3.rows[0]!.map((c) => [c.text.slice(0, 6), c.col, c.rowSpan, c.colSpan])).toEqual([
      ['（本列数据的', 0, 3, 3],
      ['申请人情况', 3, 1, 7],
    ]);
    expect(t3.rows[1]!.map((c) => [c.text, c.col, c.rowSpan, c.colSpan])).toEqual([
      ['自然人', 3, 2, 1],
      ['法人或其他组织', 4, 1, 5],
      ['总计', 9, 2, 1],
    ]);
    // 三、本年度办理结果 spans its 22 rows; （三）不予公开 its 8 leaves.
    const results = t3.rows.flat().find((c) => c.text === '三、本年度办理结果')!;
    expect([results.col, results.rowSpan, results.colSpan]).toEqual([0, 22, 1]);
    const denied = t3.rows.flat().find((c) => c.text === '（三）不予公开')!;
    expect([denied.col, denied.rowSpan, denied.colSpan]).toEqual([1, 8, 1]);
    const granted = t3.rows.flat().find((c) => c.text === '（一）予以公开')!;
    expect([granted.col, granted.rowSpan, granted.colSpan]).toEqual([1, 1, 2]);
    const first = t3.rows.flat().find((c) => c.text.startsWith('一、'))!;
    expect([first.col, first.colSpan]).toEqual([0, 3]);

    const t4 = layoutTable4(empty);
    expect(t4.rows.map((r) => r.map((c) => `${c.text}@${c.col}:${c.rowSpan}x${c.colSpan}`))).toEqual([
      ['行政复议@0:1x5', '行政诉讼@5:1x10'],
      ['结果维持@0:2x1', '结果纠正@1:2x1', '其他结果@2:2x1', '尚未审结@3:2x1', '总计@4:2x1', '未经复议直接起诉@5:1x5', '复议后起诉@10:1x5'],
      [5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((col) => `${['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'][col % 5]}@${col}:1x1`),
      Array.from({ length: 15 }, (_, col) => `0@${col}:1x1`),
    ]);
  });

  it('gives the blocks of table 二 with fewer columns one cell spanning the rest', () => {
    const t2 = layoutTable2(empty);
    const licensing = t2.rows.find((r) => r[0]!.text === '行政许可')!;
    expect(licensing.map((c) => [c.text, c.col, c.colSpan])).toEqual([
      ['行政许可', 0, 1],
      ['0', 1, 3],
    ]);
    expect(t2.rows[0]!.map((c) => [c.text, c.colSpan, c.role])).toEqual([['第二十条第（一）项', 4, 'block']]);
  });

  it('formats figures, dates, titles and text lines', () => {
    expect(formatFigure(38665)).toBe('38665');
    expect(formatFigure(31.42)).toBe('31.42');
    expect(formatFigure(0.12345)).toBe('0.1235');
    expect(formatFigure(2.5)).toBe('2.5');
    expect(formatFigure(1.00001)).toBe('1');
    expect(formatFigure(-0.00001)).toBe('0');
    expect(formatFigure(Number.NaN)).toBe('0');
    expect(chineseDate('2024-01-04')).toBe('2024年1月4日');
    expect(chineseDate('2024年1月4日')).toBe('2024年1月4日');
    expect(reportTitle({ organizationName: ' 沅江市城市管理和综合执法局 ', year: 2023 })).toBe('沅江市城市管理和综合执法局2023年政府信息公开工作年度报告');
    expect(textLines('  第一段\r\n\r\n\u3000\u3000第二段\n   \n第三段  ')).toEqual(['第一段', '第二段', '第三段']);
  });
});
