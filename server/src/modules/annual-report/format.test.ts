import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_DATA_ROWS, TABLE3_RESULT_LEAVES, TABLE3_ROWS, TABLE4_COLUMNS, allCells } from './format.js';

const spec = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../seeds/reference/annual-report-spec.json'), 'utf8'));

describe('annual-report format', () => {
  it('has the ids and labels of the spec', () => {
    const t = spec.tables;
    expect(TABLE2_BLOCKS.map((b) => [b.id, b.rows.map((r) => r.id), b.columns.map((c) => c.id)])).toEqual(
      t.table2.blocks.map((b: { id: string; rows: { id: string }[]; columns: { id: string }[] }) => [
        b.id,
        b.rows.map((r) => r.id),
        b.columns.map((c) => c.id),
      ]),
    );
    expect(TABLE3_COLUMNS.map((c) => [c.id, c.label])).toEqual(t.table3.columns.map((c: { id: string; label: string }) => [c.id, c.label]));
    expect(TABLE3_ROWS.map((r) => [r.id, r.label, r.parent])).toEqual(
      t.table3.rows.map((r: { id: string; label: string; parent?: string }) => [r.id, r.label, r.parent]),
    );
    expect(TABLE3_DATA_ROWS).toEqual(t.table3.dataRowIds);
    expect(TABLE4_COLUMNS.map((c) => c.id)).toEqual(t.table4.columns.map((c: { id: string }) => c.id));
  });

  it('counts 25 × 7 cells in table 三, 15 in table 四 and 21 result leaves', () => {
    const cells = allCells();
    expect(cells.filter((c) => c.table === 'table3')).toHaveLength(25 * 7);
    expect(cells.filter((c) => c.table === 'table4')).toHaveLength(15);
    expect(cells.filter((c) => c.table === 'table2')).toHaveLength(10);
    expect(TABLE3_RESULT_LEAVES).toHaveLength(21);
  });
});
