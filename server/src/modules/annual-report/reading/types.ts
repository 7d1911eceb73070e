import type { CellAddress, CellValue } from '../format.js';

export type FindingSeverity = 'ERROR' | 'WARNING';

/** One problem found in a report: which rule, how bad, what a clerk should look at, and the cells involved. */
export interface Finding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** Simplified Chinese, for a clerk: which cell, expected vs found. */
  readonly message: string;
  /** Every cell the finding involves (empty when it concerns only the narrative). */
  readonly cells: CellAddress[];
}

export interface AnnualReportReading {
  /** The statistical year, from the title or the text; null when not found. */
  readonly year: number | null;
  /** The signing organisation (line above the date at the end) or the one named in the title; null when not found. */
  readonly organizationName: string | null;
  /** Every table figure that was read, in the order of the printed format. */
  readonly cells: CellValue[];
  readonly findings: Finding[];
}
