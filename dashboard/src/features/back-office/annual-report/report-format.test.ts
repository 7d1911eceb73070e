import { describe, expect, it } from 'vitest';
import {
  REPORT_TABLES,
  TABLE2_BLOCKS,
  TABLE3_COLUMNS,
  TABLE3_DATA_ROWS,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  allCells,
  describeCell,
  isDecimalCell,
} from './report-format';

import spec from '../../../../../seeds/reference/annual-report-spec.json';

/** The dashboard's copy of the format (report-format.ts) against the spec the server's format.ts is checked with. */

describe('the dashboard copy of the annual-report format', () => {
  it('has the blocks, rows and columns of table 二 in the spec', () => {
    expect(TABLE2_BLOCKS.map((b) => ({ id: b.id, label: b.label, rows: b.rows, columns: b.columns.map((c) => [c.id, c.label, !!c.decimal]) }))).toEqual(
      spec.tables.table2.blocks.map((b) => ({
        id: b.id,
        label: b.label,
        rows: b.rows.map((r) => ({ id: r.id, label: r.label })),
        columns: b.columns.map((c) => [c.id, c.label, c.type === 'decimal']),
      })),
    );
  });

  it('has the rows and columns of table 三 in the spec', () => {
    const t = spec.tables.table3;
    expect(TABLE3_COLUMNS.map((c) => [c.id, c.label, c.group])).toEqual(t.columns.map((c) => [c.id, c.label, c.group]));
    expect(TABLE3_ROWS.map((r) => [r.id, r.label, r.level, r.parent, !!r.isGroupHeader, !!r.isTotal])).toEqual(
      t.rows.map((r) => [r.id, r.label, r.level, r.parent, !!r.isGroupHeader, !!r.isTotal]),
    );
    expect(TABLE3_DATA_ROWS).toEqual(t.dataRowIds);
  });

  it('has the columns of table 四 in the spec, under its groups', () => {
    const t = spec.tables.table4;
    expect(TABLE4_COLUMNS.map((c) => [c.id, c.label, c.group])).toEqual(t.columns.map((c) => [c.id, c.label, c.group]));
    expect(t.rows.map((r) => r.id)).toEqual(['count']);
  });

  it('lays out every figure once: 10 in table 二, 25 × 7 in table 三, 15 in table 四', () => {
    const cells = allCells();
    expect(cells.filter((c) => c.table === 'table2')).toHaveLength(10);
    expect(cells.filter((c) => c.table === 'table3')).toHaveLength(25 * 7);
    expect(cells.filter((c) => c.table === 'table4')).toHaveLength(15);
    expect(new Set(cells.map((c) => `${c.table}.${c.row}.${c.column}`)).size).toBe(cells.length);
    expect(cells.filter(isDecimalCell)).toEqual([{ table: 'table2', row: 'administrativeFees', column: 'feeAmount' }]);
  });

  it('spans the header cells so that every row of a table covers the same number of columns', () => {
    for (const table of REPORT_TABLES) {
      const width: number[] = [];
      table.rows.forEach((cells, r) => {
        for (const cell of cells) for (let dr = 0; dr < cell.rowSpan; dr++) width[r + dr] = (width[r + dr] ?? 0) + cell.colSpan;
      });
      expect(new Set(width).size, table.id).toBe(1);
    }
  });

  it('names cells as the server does', () => {
    expect(describeCell({ table: 'table3', row: 'newReceived', column: 'total' })).toBe('表三“一、本年新收政府信息公开申请数量”行“总计”列');
    expect(describeCell({ table: 'table2', row: 'administrativePenalty', column: 'decisionsThisYear' })).toBe('表二“行政处罚”“本年处理决定数量”');
  });
});
