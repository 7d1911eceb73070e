import {
  TABLE2_BLOCKS,
  TABLE3_APPLICANT_COLUMNS,
  TABLE3_COLUMNS,
  TABLE3_DATA_ROWS,
  TABLE3_RESULT_LEAVES,
  TABLE3_ROWS,
  TABLE4_GROUPS,
  TABLE4_OUTCOMES,
  TABLE4_ROW,
  cellKey,
  describeCell,
  type CellAddress,
  type CellValue,
  type ReportTableId,
  type Table4Group,
} from '../format.js';
import type { Finding } from './types.js';

/**
 * The arithmetic of tables 二, 三 and 四 (validationRules of seeds/reference/annual-report-spec.json, plus
 * T4-NONNEG-INT). Pure: works on the cells of a report read from text as well as on one stored in the database.
 *
 * A check that needs a cell the report does not have is skipped (a partial reading is not wrong, only
 * incomplete); pass `missingAsZero` when absent cells mean 0, as in a stored report that keeps only filled cells.
 */

export interface CellCheckOptions {
  /** The same organisation's report of the year before: enables T3-CARRY-CHAIN and T2-VALID-CHAIN. */
  readonly previousYear?: readonly CellValue[];
  /** Treat cells that are not given as 0 instead of skipping the checks that need them. */
  readonly missingAsZero?: boolean;
}

const EPSILON = 1e-9;
const same = (a: number, b: number): boolean => Math.abs(a - b) < EPSILON;
/** 3, 31.42, 0.1+0.2 → 0.3: sums printed without floating-point noise. */
const fmt = (n: number): string => String(Number(n.toFixed(6)));

const rowLabel = (row: string): string => TABLE3_ROWS.find((r) => r.id === row)?.label ?? row;
const TABLE4_GROUP_LABELS: Readonly<Record<Table4Group, string>> = {
  review: '行政复议',
  litDirect: '行政诉讼（未经复议直接起诉）',
  litAfterReview: '行政诉讼（复议后起诉）',
};

class CellIndex {
  private readonly map = new Map<string, number>();
  constructor(
    cells: readonly CellValue[],
    private readonly missingAsZero: boolean,
  ) {
    for (const c of cells) {
      const k = cellKey(c.table, c.row, c.column);
      if (!this.map.has(k)) this.map.set(k, c.value);
    }
  }
  get(table: ReportTableId, row: string, column: string): number | undefined {
    return this.map.get(cellKey(table, row, column)) ?? (this.missingAsZero ? 0 : undefined);
  }
  /** The values of all the given cells, or null when one is missing. */
  all(addresses: readonly CellAddress[]): number[] | null {
    const out: number[] = [];
    for (const a of addresses) {
      const v = this.get(a.table, a.row, a.column);
      if (v === undefined) return null;
      out.push(v);
    }
    return out;
  }
  has(table: ReportTableId): boolean {
    for (const k of this.map.keys()) if (k.startsWith(`${table}.`)) return true;
    return false;
  }
}

const t3 = (row: string, column: string): CellAddress => ({ table: 'table3', row, column });
const t4 = (column: string): CellAddress => ({ table: 'table4', row: TABLE4_ROW, column });
const t2 = (row: string, column: string): CellAddress => ({ table: 'table2', row, column });
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export function checkAnnualReportCells(cells: readonly CellValue[], options: CellCheckOptions = {}): Finding[] {
  const index = new CellIndex(cells, options.missingAsZero ?? false);
  const previous = options.previousYear ? new CellIndex(options.previousYear, false) : undefined;
  const findings: Finding[] = [];
  const error = (rule: string, message: string, involved: CellAddress[]): void => {
    findings.push({ rule, severity: 'ERROR', message, cells: involved });
  };
  const warning = (rule: string, message: string, involved: CellAddress[]): void => {
    findings.push({ rule, severity: 'WARNING', message, cells: involved });
  };
  const checkTable3 = options.missingAsZero || index.has('table3');
  const checkTable4 = options.missingAsZero || index.has('table4');

  if (checkTable3) {
    // T3-IDENTITY: 第一项加第二项之和，等于第三项加第四项之和, per column.
    for (const { id: column, label } of TABLE3_COLUMNS) {
      const involved = [t3('newReceived', column), t3('carriedOver', column), t3('resultsTotal', column), t3('carriedForward', column)];
      const v = index.all(involved);
      if (!v) continue;
      const [received, carriedOver, results, carriedForward] = v;
      if (!same(received + carriedOver, results + carriedForward))
        error(
          'T3-IDENTITY',
          `表三“${label}”列：本年新收${fmt(received)}＋上年结转${fmt(carriedOver)}＝${fmt(received + carriedOver)}，` +
            `但办理结果总计${fmt(results)}＋结转下年度继续办理${fmt(carriedForward)}＝${fmt(results + carriedForward)}，两者应相等`,
          involved,
        );
    }

    // T3-RESULTS-SUM: （七）总计 = the 21 result leaves, per column.
    for (const { id: column, label } of TABLE3_COLUMNS) {
      const leaves = TABLE3_RESULT_LEAVES.map((row) => t3(row, column));
      const involved = [t3('resultsTotal', column), ...leaves];
      const v = index.all(involved);
      if (!v) continue;
      const [total, ...parts] = v;
      if (!same(total, sum(parts))) error('T3-RESULTS-SUM', `表三“（七）总计”行“${label}”列为${fmt(total)}，但各办理结果之和为${fmt(sum(parts))}`, involved);
    }

    // T3-COLUMN-SUM: 总计 = the six applicant columns, per data row.
    for (const row of TABLE3_DATA_ROWS) {
      const involved = [t3(row, 'total'), ...TABLE3_APPLICANT_COLUMNS.map((c) => t3(row, c))];
      const v = index.all(involved);
      if (!v) continue;
      const [total, ...parts] = v;
      if (!same(total, sum(parts)))
        error('T3-COLUMN-SUM', `表三“${rowLabel(row)}”行“总计”列为${fmt(total)}，但自然人与法人或其他组织各列之和为${fmt(sum(parts))}`, involved);
    }

    // T3-NONNEG-INT
    for (const row of TABLE3_DATA_ROWS)
      for (const { id: column } of TABLE3_COLUMNS) {
        const v = index.get('table3', row, column);
        if (v !== undefined && !(Number.isInteger(v) && v >= 0))
          error('T3-NONNEG-INT', `${describeCell(t3(row, column))}为${fmt(v)}，应为非负整数`, [t3(row, column)]);
      }

    // T3-CARRY-CHAIN: this year's 上年结转 = last year's 结转下年度继续办理.
    if (previous)
      for (const { id: column, label } of TABLE3_COLUMNS) {
        const now = index.get('table3', 'carriedOver', column);
        const before = previous.get('table3', 'carriedForward', column);
        if (now === undefined || before === undefined || same(now, before)) continue;
        warning('T3-CARRY-CHAIN', `表三“二、上年结转政府信息公开申请数量”行“${label}”列为${fmt(now)}，但上一年度报告“四、结转下年度继续办理”为${fmt(before)}`, [
          t3('carriedOver', column),
        ]);
      }
  }

  if (checkTable4) {
    // T4-GROUP-SUM: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group.
    for (const group of TABLE4_GROUPS) {
      const involved = [t4(`${group}_total`), ...TABLE4_OUTCOMES.map((o) => t4(`${group}_${o}`))];
      const v = index.all(involved);
      if (!v) continue;
      const [total, ...parts] = v;
      if (!same(total, sum(parts)))
        error(
          'T4-GROUP-SUM',
          `表四“${TABLE4_GROUP_LABELS[group]}”总计为${fmt(total)}，但结果维持、结果纠正、其他结果、尚未审结之和为${fmt(sum(parts))}`,
          involved,
        );
    }
    // T4-NONNEG-INT (not in the spec: table 四 counts cases, like table 三).
    for (const group of TABLE4_GROUPS)
      for (const column of [...TABLE4_OUTCOMES.map((o) => `${group}_${o}`), `${group}_total`]) {
        const v = index.get('table4', TABLE4_ROW, column);
        if (v !== undefined && !(Number.isInteger(v) && v >= 0)) error('T4-NONNEG-INT', `${describeCell(t4(column))}为${fmt(v)}，应为非负整数`, [t4(column)]);
      }
  }

  // T2-NONNEG: counts are non-negative integers, the fee a non-negative amount (万元).
  for (const block of TABLE2_BLOCKS)
    for (const row of block.rows)
      for (const column of block.columns) {
        const v = index.get('table2', row.id, column.id);
        if (v === undefined) continue;
        if (column.kind === 'decimal' ? v < 0 : !(Number.isInteger(v) && v >= 0))
          error('T2-NONNEG', `${describeCell(t2(row.id, column.id))}为${fmt(v)}，应为${column.kind === 'decimal' ? '非负数' : '非负整数'}`, [
            t2(row.id, column.id),
          ]);
      }

  // T2-VALID-CHAIN: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (soft: revisions, expiry).
  if (previous)
    for (const row of TABLE2_BLOCKS.find((b) => b.id === 'art20_1')?.rows ?? []) {
      const involved = [t2(row.id, 'currentlyValid'), t2(row.id, 'madeThisYear'), t2(row.id, 'repealedThisYear')];
      const v = index.all(involved);
      const before = previous.get('table2', row.id, 'currentlyValid');
      if (!v || before === undefined) continue;
      const [valid, made, repealed] = v;
      const expected = before + made - repealed;
      if (!same(valid, expected))
        warning(
          'T2-VALID-CHAIN',
          `表二“${row.label}”现行有效件数为${fmt(valid)}，但上一年度现行有效${fmt(before)}＋本年制发${fmt(made)}－本年废止${fmt(repealed)}＝${fmt(expected)}`,
          involved,
        );
    }

  return findings;
}
