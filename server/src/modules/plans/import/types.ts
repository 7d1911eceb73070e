/**
 * Types of the plan importer: every input (pasted text, HTML, .docx, .xlsx) is read into {@link PlanBlock}s,
 * and one interpreter turns blocks into {@link PlanImportResult}. Pure data.
 */
import type { ParsedPlanDocument, ParsedUnits, ParsedWorkPoint } from '../plan-document.types.js';

/** A line of prose and where it came from, e.g. "第12行", "第3段". */
export interface SourcedLine {
  text: string;
  source: string;
}

/** One row of a table as read. */
export interface TableRow {
  /** Cell texts, left to right; a cell may hold several lines ("\n"). */
  cells: string[];
  /**
   * For each cell, the id of the merged cell it belongs to (same id = same original cell, e.g. a 工作任务 spanning
   * three rows, or a heading spanning the whole width), or null when the cell is not merged. Absent: nothing merged.
   */
  merged?: (string | null)[];
  /** Where the row is, e.g. "表1 第3行", "第12行". */
  source: string;
  /** Where each cell is, when it differs from the row's source plus its column (e.g. one cell per line). */
  cellSources?: string[];
}

export type PlanBlock =
  | { kind: 'prose'; lines: SourcedLine[] }
  | {
      kind: 'table';
      rows: TableRow[];
      /** Where the table is, e.g. "表1", "工作表“任务清单”", "第20–58行". */
      source: string;
      /**
       * exact: a full grid, spans expanded (HTML, .docx, .xlsx): every row has every column.
       * ragged: rows as written in text, where cells under a merged cell are usually left out (a row is shorter,
       * or ends in empty padding), so the interpreter places a row's cells by what they hold.
       */
      grid: 'exact' | 'ragged';
    };

/** Recurring time limits; PER_EVENT: a limit counted from an event ("收到申请之日起20个工作日内"). */
export type Recurrence = 'WEEKLY' | 'MONTHLY' | 'QUARTERLY' | 'SEMIANNUAL' | 'YEARLY' | 'PER_EVENT';

/** A time limit read from its text. */
export interface ParsedTimeLimit {
  /** The earliest due date written or implied (YYYY-MM-DD), or null (ongoing, per event, or nothing readable). */
  dueDate: string | null;
  /** Every due date written or implied, ascending ("3月底前、6月底前" → two); for a recurrence, the first one. */
  dueDates: string[];
  recurrence: Recurrence | null;
  /** 持续推进, 长期坚持, 常态化 …: work without an end date (shown as ongoing, not as missing). */
  ongoing: boolean;
  /** The text as written, trimmed. */
  asWritten: string;
  /** Why no date could be read when the text is not empty and not ongoing (a message for a person), else null. */
  warning: string | null;
}

/** A work point as imported: the parser's shape plus where it came from and what its time limit means. */
export interface ImportedWorkPoint extends ParsedWorkPoint {
  /** Where the point is in the input, e.g. "表1 第4行", "第37行". */
  source: string;
  /** The time limit as written ('' when none). */
  timeLimit: string;
  dueDate: string | null;
  dueDates: string[];
  recurrence: Recurrence | null;
  /** The due date of each period when the limit recurs or several dates are written (time-limit.ts periodDueDates). */
  periodDueDates: string[];
  ongoing: boolean;
  /** 责任领导 / 分管领导 as written (persons, not units; never mapped to departments). */
  leaders: string[];
  /** Stable hash of the normalised number, title and duties: the same point imported twice has the same one. */
  fingerprint: string;
}

export interface ImportWarning {
  /** For a person, in Chinese. */
  message: string;
  /** Where it applies, e.g. "表2", "表1 第5行第4列"; '' for the whole input. */
  source: string;
}

/** Which reading produced the points. */
export type PlanLayout = 'TABLE' | 'WORK_PLAN' | 'SELF_INSPECTION' | 'LABELLED_LIST' | 'MIXED';

export interface PlanImportResult extends ParsedPlanDocument {
  points: ImportedWorkPoint[];
  layout: PlanLayout;
  warnings: ImportWarning[];
  /** Every unit name as written in 牵头/责任/配合 fields (not scopes), in order of first appearance, unique: for mapping. */
  unitNames: string[];
  /** Hash of the points' fingerprints in order: the same document imported twice has the same one. */
  fingerprint: string;
}

/** What the caller knows: the format when a person chose it, the plan year (for dates without a year). */
export interface InterpretOptions {
  /**
   * WORK_PLAN / SELF_INSPECTION: read prose with that parser only; TABLE: read tables only.
   * Omitted: tables when there are any with a recognisable header, and prose by whichever reading finds points.
   */
  format?: 'WORK_PLAN' | 'SELF_INSPECTION' | 'TABLE';
  /** Plan year for time limits written without one ("6月底前"); default: the year in the title. */
  year?: number;
}

export type { ParsedUnits };
