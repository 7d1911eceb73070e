import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLE3_APPLICANT_COLUMNS, TABLE3_RESULT_LEAVES, TABLE4_GROUPS, allCells, cellKey, type CellAddress, type CellValue } from '../format.js';
import { checkAnnualReportCells } from './checks.js';

const zeroReport = (): CellValue[] => allCells().map((a) => ({ ...a, value: 0 }));
const set = (cells: CellValue[], table: CellAddress['table'], row: string, column: string, value: number): CellValue[] =>
  cells.map((c) => (cellKey(c.table, c.row, c.column) === cellKey(table, row, column) ? { ...c, value } : c));
const names = (cells: readonly CellAddress[], cell: CellAddress): boolean =>
  cells.some((c) => cellKey(c.table, c.row, c.column) === cellKey(cell.table, cell.row, cell.column));

/** A report whose tables balance: random leaves and carry-overs, totals computed. */
const balancedReport = fc
  .record({
    leaves: fc.array(fc.array(fc.nat(20), { minLength: 6, maxLength: 6 }), { minLength: 21, maxLength: 21 }),
    carriedOver: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
    carriedForward: fc.array(fc.nat(3), { minLength: 6, maxLength: 6 }),
    table4: fc.array(fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    table2: fc.array(fc.nat(100), { minLength: 9, maxLength: 9 }),
    fee: fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 10000),
  })
  .map(({ leaves, carriedOver, carriedForward, table4, table2, fee }) => {
    const t3 = new Map<string, number[]>();
    TABLE3_RESULT_LEAVES.forEach((row, i) => t3.set(row, leaves[i]));
    const results = TABLE3_APPLICANT_COLUMNS.map((_, c) => leaves.reduce((a, l) => a + l[c], 0));
    t3.set('resultsTotal', results);
    // 本年新收 = 办理结果 + 结转下年度 − 上年结转, kept ≥ 0 by carrying over at most what was handled.
    const over = carriedOver.map((v, c) => Math.min(v, results[c] + carriedForward[c]));
    t3.set('carriedOver', over);
    t3.set('carriedForward', carriedForward);
    t3.set(
      'newReceived',
      results.map((r, c) => r + carriedForward[c] - over[c]),
    );
    const cells: CellValue[] = [];
    let k = 0;
    for (const a of allCells()) {
      if (a.table === 'table2') cells.push({ ...a, value: a.column === 'feeAmount' ? fee : table2[k++] });
      else if (a.table === 'table3') {
        const row = t3.get(a.row)!;
        const value = a.column === 'total' ? row.reduce((x, y) => x + y, 0) : row[TABLE3_APPLICANT_COLUMNS.indexOf(a.column)];
        cells.push({ ...a, value });
      } else {
        const g = TABLE4_GROUPS.findIndex((group) => a.column.startsWith(`${group}_`));
        const outcome = ['maintained', 'corrected', 'other', 'pending'].indexOf(a.column.slice(a.column.indexOf('_') + 1));
        cells.push({ ...a, value: outcome >= 0 ? table4[g][outcome] : table4[g].reduce((x, y) => x + y, 0) });
      }
    }
    return cells;
  });

describe('checkAnnualReportCells', () => {
  it('finds nothing in a report of zeros or in any balanced report', () => {
    expect(checkAnnualReportCells(zeroReport())).toEqual([]);
    fc.assert(fc.property(balancedReport, (cells) => checkAnnualReportCells(cells).length === 0));
  });

  it('names a changed table 三 or 四 cell in an ERROR of the rule that covers it', () => {
    fc.assert(
      fc.property(balancedReport, fc.nat(allCells().length - 11), fc.integer({ min: 1, max: 5 }), (cells, at, delta) => {
        const target = cells.filter((c) => c.table !== 'table2')[at];
        const changed = set(cells, target.table, target.row, target.column, target.value + delta);
        const findings = checkAnnualReportCells(changed);
        const naming = findings.filter((f) => names(f.cells, target));
        expect(naming.length).toBeGreaterThan(0);
        expect(findings.every((f) => f.severity === 'ERROR' && names(f.cells, target))).toBe(true);
        const rules = new Set(naming.map((f) => f.rule));
        if (target.table === 'table4') expect([...rules]).toEqual(['T4-GROUP-SUM']);
        else expect(rules.has('T3-COLUMN-SUM')).toBe(true);
      }),
    );
  });

  it('checks every table 三 column and row by the spec', () => {
    let cells = set(zeroReport(), 'table3', 'granted', 'naturalPerson', 1);
    const findings = checkAnnualReportCells(cells);
    expect(findings.map((f) => [f.rule, f.message])).toEqual([
      ['T3-RESULTS-SUM', '表三“（七）总计”行“自然人”列为0，但各办理结果之和为1'],
      ['T3-COLUMN-SUM', '表三“（一）予以公开”行“总计”列为0，但自然人与法人或其他组织各列之和为1'],
    ]);
    cells = set(cells, 'table3', 'resultsTotal', 'naturalPerson', 1);
    expect(checkAnnualReportCells(cells).map((f) => f.rule)).toEqual(['T3-IDENTITY', 'T3-COLUMN-SUM', 'T3-COLUMN-SUM']);
    expect(checkAnnualReportCells(cells)[0].message).toBe('表三“自然人”列：本年新收0＋上年结转0＝0，但办理结果总计1＋结转下年度继续办理0＝1，两者应相等');
  });

  it('flags negative or fractional figures', () => {
    const cells = set(
      set(set(zeroReport(), 'table3', 'carriedOver', 'otherOrg', -1), 'table4', 'count', 'review_pending', 0.5),
      'table2',
      'administrativeFees',
      'feeAmount',
      -2,
    );
    const findings = checkAnnualReportCells(set(cells, 'table2', 'regulations', 'madeThisYear', 1.5));
    expect(findings.filter((f) => f.rule.endsWith('NONNEG-INT') || f.rule === 'T2-NONNEG').map((f) => [f.rule, f.message])).toEqual([
      ['T3-NONNEG-INT', '表三“二、上年结转政府信息公开申请数量”行“其他”列为-1，应为非负整数'],
      ['T4-NONNEG-INT', '表四“行政复议·尚未审结”为0.5，应为非负整数'],
      ['T2-NONNEG', '表二“规章”“本年制发件数”为1.5，应为非负整数'],
      ['T2-NONNEG', '表二“行政事业性收费”“本年收费金额（单位：万元）”为-2，应为非负数'],
    ]);
    expect(checkAnnualReportCells(set(zeroReport(), 'table2', 'administrativeFees', 'feeAmount', 31.42))).toEqual([]);
  });

  it('compares with the year before: T3-CARRY-CHAIN and T2-VALID-CHAIN (warnings)', () => {
    let previous = set(zeroReport(), 'table3', 'carriedForward', 'naturalPerson', 2);
    previous = set(previous, 'table3', 'carriedForward', 'total', 2);
    previous = set(previous, 'table3', 'newReceived', 'naturalPerson', 2);
    previous = set(previous, 'table3', 'newReceived', 'total', 2);
    previous = set(previous, 'table2', 'normativeDocuments', 'currentlyValid', 10);
    let now = set(zeroReport(), 'table2', 'normativeDocuments', 'madeThisYear', 3);
    now = set(now, 'table2', 'normativeDocuments', 'repealedThisYear', 1);
    now = set(now, 'table2', 'normativeDocuments', 'currentlyValid', 11);
    expect(checkAnnualReportCells(now, { previousYear: previous })).toEqual([
      {
        rule: 'T3-CARRY-CHAIN',
        severity: 'WARNING',
        message: '表三“二、上年结转政府信息公开申请数量”行“自然人”列为0，但上一年度报告“四、结转下年度继续办理”为2',
        cells: [{ table: 'table3', row: 'carriedOver', column: 'naturalPerson' }],
      },
      {
        rule: 'T3-CARRY-CHAIN',
        severity: 'WARNING',
        message: '表三“二、上年结转政府信息公开申请数量”行“总计”列为0，但上一年度报告“四、结转下年度继续办理”为2',
        cells: [{ table: 'table3', row: 'carriedOver', column: 'total' }],
      },
      {
        rule: 'T2-VALID-CHAIN',
        severity: 'WARNING',
        message: '表二“行政规范性文件”现行有效件数为11，但上一年度现行有效10＋本年制发3－本年废止1＝12',
        cells: [
          { table: 'table2', row: 'normativeDocuments', column: 'currentlyValid' },
          { table: 'table2', row: 'normativeDocuments', column: 'madeThisYear' },
          { table: 'table2', row: 'normativeDocuments', column: 'repealedThisYear' },
        ],
      },
    ]);
    expect(checkAnnualReportCells(set(now, 'table2', 'normativeDocuments', 'currentlyValid', 12), { previousYear: previous }).map((f) => f.rule)).toEqual([
      'T3-CARRY-CHAIN',
      'T3-CARRY-CHAIN',
    ]);
  });

  it('skips checks whose cells are missing, unless missing cells count as 0', () => {
    const onlyTotals = [
      { table: 'table3', row: 'resultsTotal', column: 'total', value: 3 },
      { table: 'table4', row: 'count', column: 'review_total', value: 1 },
    ] as const satisfies readonly CellValue[];
    expect(checkAnnualReportCells(onlyTotals)).toEqual([]);
    expect(checkAnnualReportCells([])).toEqual([]);
    const rules = checkAnnualReportCells(onlyTotals, { missingAsZero: true }).map((f) => f.rule);
    expect(rules).toEqual(['T3-IDENTITY', 'T3-RESULTS-SUM', 'T3-COLUMN-SUM', 'T4-GROUP-SUM']);
  });
});
