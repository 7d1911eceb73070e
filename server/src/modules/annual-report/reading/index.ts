/**
 * Reading a published 政府信息公开工作年度报告 from its text, and checking it. Pure functions, no database.
 *
 *   normalizeReportText(text)           traditional → simplified, pinyin annotations removed, widths and punctuation
 *                                       unified (normalize.ts)
 *   readAnnualReportText(text, opts)    year, organisation, the figures of tables 二/三/四, and every finding
 *   checkAnnualReportCells(cells, opts) the arithmetic of the tables (checks.ts), also for reports stored in the database
 *   checkReportText(text, cells)        the narrative against the tables and against itself (text-checks.ts), with the
 *                                       claims it compared or left unchecked
 *
 * Reading (tables.ts, tokens.ts): cells split on `|`, tabs and line breaks (and spaces next to a figure); rows are
 * recognised by the words of their label, whatever the spacing, punctuation, numbering or bracketed note; a row takes
 * the figures that follow it in the column order of the national format (table 二: 3 or 1 per row, table 三: 7,
 * table 四: 15 after its heading). `/`, `-`, `—`, an empty cell where a figure belongs (tab or `|` layouts) and a row
 * left blank read as 0. Any part of a report can be read alone (only the narrative, only table 三 …); garbage reads
 * as nothing. The year comes from the title (else the first 20xx年度), the organisation from the signature above the
 * closing date (else the title).
 *
 * Rules (ids of seeds/reference/annual-report-spec.json unless marked):
 *   T3-IDENTITY        ERROR    per column of table 三: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理
 *   T3-RESULTS-SUM     ERROR    per column: （七）总计 = the 21 result rows （一）…（六）3
 *   T3-COLUMN-SUM      ERROR    per data row: 总计 = 自然人 + the five 法人或其他组织 columns
 *   T3-NONNEG-INT      ERROR    every table 三 figure is an integer ≥ 0
 *   T3-CARRY-CHAIN     WARNING  with previousYear: 上年结转 = last year's 结转下年度继续办理, per column
 *   T4-GROUP-SUM       ERROR    per group 行政复议 / 未经复议直接起诉 / 复议后起诉: 总计 = 维持 + 纠正 + 其他 + 尚未审结
 *   T4-NONNEG-INT      ERROR    (added, not in the spec) every table 四 figure is an integer ≥ 0
 *   T2-NONNEG          ERROR    table 二 counts are integers ≥ 0, the fee (万元) ≥ 0
 *   T2-VALID-CHAIN     WARNING  with previousYear: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (规章, 规范性文件)
 *   TEXT-TABLE-CONSISTENCY  WARNING  a figure the narrative clearly states equals the table: 收到…申请 N 件 ↔ 本年新收·总计
 *                               (本年新收 only; equal to 本年新收 + 上年结转 → not checked), 办结/上年结转/结转下年度,
 *                               行政复议 ↔ 复议·总计, 行政诉讼 ↔ the two 诉讼·总计, 行政许可/行政处罚/行政强制,
 *                               规范性文件 制发/废止/现行有效, 行政事业性收费 (万元/元); hedged or ambiguous clauses are kept
 *                               as `notChecked` claims (checkReportText), never flagged. Details in text-checks.ts
 *   TEXT-BREAKDOWN-SUM ERROR    `N条，其中A 1条、B 3条…` whose parts do not add up to N: parts above N always, parts below
 *                               N only when the list reads as the whole; approximate figures (30余条) are not checked.
 *                               ERROR: the published sentence contradicts itself, whatever the tables say
 *   TABLE-READ         WARNING  (added) a table row whose figures could not be read (wrong count), a row read twice
 *                               with different figures, rows missing from a table that was found, a 2019-format table 二
 * Each finding names every cell it involves; the chain rules name only this year's cells (last year's value is in the
 * message). A check whose cells were not all read is skipped (checkAnnualReportCells: unless missingAsZero).
 * readAnnualReportText lists the table checks first (in the order above), then the narrative's, then TABLE-READ.
 *
 * Not covered: the 2019 trial format (table 二 is reported and skipped; its table 三 lacks rows), tables laid out
 * transposed or with the columns in another order, table 二's 规章 row in the narrative (规章制度 is too common),
 * figures written in words other than Chinese numerals up to 万, narrative figures about other years or hedged
 * (余, 约, 等), enumerations with overlapping categories (flagged when they exceed the total), whether the sections
 * 一…六 are all present, deadlines and publication dates, images and scans (OCR).
 */
import type { CellValue } from '../format.js';
import { checkAnnualReportCells } from './checks.js';
import { readOrganization, readYear } from './meta.js';
import { normalizeReportText } from './normalize.js';
import { readTables } from './tables.js';
import { checkNormalizedText } from './text-checks.js';
import { tokenize } from './tokens.js';
import type { AnnualReportReading } from './types.js';

export { checkAnnualReportCells, type CellCheckOptions } from './checks.js';
export { normalizeReportText } from './normalize.js';
export { TABLE_READ_RULE } from './tables.js';
export {
  TEXT_BREAKDOWN_RULE,
  TEXT_TABLE_RULE,
  checkReportText,
  type CheckStatus,
  type TextBreakdown,
  type TextCheckResult,
  type TextClaim,
} from './text-checks.js';
export type { AnnualReportReading, Finding, FindingSeverity } from './types.js';

export interface ReadOptions {
  /** The cells of the same organisation's report for the year before (T3-CARRY-CHAIN, T2-VALID-CHAIN). */
  readonly previousYear?: readonly CellValue[];
}

/** Reads a report's text (any part of it) and checks what was read. Never throws on bad input. */
export function readAnnualReportText(text: string, options: ReadOptions = {}): AnnualReportReading {
  const normalized = normalizeReportText(typeof text === 'string' ? text : '');
  const tables = readTables(tokenize(normalized));
  const year = readYear(normalized);
  const organizationName = readOrganization(normalized);
  const findings = [
    ...checkAnnualReportCells(tables.cells, { previousYear: options.previousYear }),
    ...checkNormalizedText(normalized, tables.cells, year).findings,
    ...tables.findings,
  ];
  return { year, organizationName, cells: tables.cells, findings };
}
