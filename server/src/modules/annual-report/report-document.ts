import type { CellValue } from './format.js';

/**
 * A whole annual report as it is printed: the six parts of the national format. Tables 二/三/四 are the
 * cells (absent cells print as 0); parts 一, 五 and 六 are text, paragraphs separated by blank lines or
 * line breaks. What the exports (.docx, .xlsx, the printable page) and the text reader share.
 */
export interface AnnualReportDocument {
  /** The reporting organisation as it signs: 沅江市城市管理和综合执法局. */
  readonly organizationName: string;
  /** The statistical year (1 January … 31 December). */
  readonly year: number;
  /** The opening paragraph before 一、总体情况 (may be empty). */
  readonly preamble: string;
  /** 一、总体情况 */
  readonly overview: string;
  /** Text printed under the heading of 二 before its table (e.g. the items published by category). */
  readonly proactiveText: string;
  /** 五、存在的主要问题及改进情况 */
  readonly problems: string;
  /** 六、其他需要报告的事项 */
  readonly otherMatters: string;
  readonly cells: readonly CellValue[];
  /** The date under the signature (YYYY-MM-DD), if signed. */
  readonly signedOn: string | null;
}
