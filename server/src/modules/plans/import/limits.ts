/**
 * Bounds on what an import reads, checked before any work is done on it: a plan is a few hundred rows, so
 * anything far beyond is a mistake or hostile. Every refusal is a BadInputError naming the problem and the place.
 */
import { BadInputError } from '../../../errors.js';

export const IMPORT_LIMITS = {
  /** Characters of text (pasted, or read out of a file). */
  maxTextChars: 2 * 1024 * 1024,
  /** Bytes of an uploaded file (.docx, .xlsx, .html). */
  maxFileBytes: 10 * 1024 * 1024,
  /** Rows of one table (and of all tables together). */
  maxRows: 5_000,
  /** Columns of one table. */
  maxColumns: 50,
  /** Characters of one cell. */
  maxCellChars: 20_000,
  /** Tables in one input. */
  maxTables: 200,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

export type RefusalReason = 'EMPTY_INPUT' | 'INPUT_TOO_LARGE' | 'TABLE_TOO_LARGE' | 'CELL_TOO_LONG' | 'INVALID_FILE' | 'NO_WORK_POINTS_FOUND';

export function refuse(message: string, reason: RefusalReason, field = 'text'): never {
  throw new BadInputError(message, reason, field);
}

export function assertTextSize(text: string, what: string, limits: ImportLimits = IMPORT_LIMITS, field = 'text'): void {
  if (text.length > limits.maxTextChars)
    refuse(
      `${what}过长（${text.length.toLocaleString('en-US')} 字，上限 ${limits.maxTextChars.toLocaleString('en-US')} 字），请只保留工作要点或任务清单部分后重试`,
      'INPUT_TOO_LARGE',
      field,
    );
}

export function assertFileSize(file: Buffer, what: string, limits: ImportLimits = IMPORT_LIMITS): void {
  if (file.length > limits.maxFileBytes)
    refuse(
      `${what}过大（${(file.length / 1024 / 1024).toFixed(1)} MB，上限 ${limits.maxFileBytes / 1024 / 1024} MB），请删除图片等内容后重试`,
      'INPUT_TOO_LARGE',
      'file',
    );
}

/** Counts rows across the tables of one input and checks a table's shape and cells as they are read. */
export class TableBudget {
  private rows = 0;
  private tables = 0;
  constructor(
    private readonly limits: ImportLimits = IMPORT_LIMITS,
    private readonly field = 'text',
  ) {}

  table(where: string): void {
    this.tables++;
    if (this.tables > this.limits.maxTables)
      refuse(`表格过多（超过 ${this.limits.maxTables} 个，见${where}），请只保留任务清单后重试`, 'TABLE_TOO_LARGE', this.field);
  }

  /** Refuses early when `count` more rows would be over the limit (before they are all built). */
  wouldFit(count: number, where: string): void {
    if (this.rows + count > this.limits.maxRows)
      refuse(`表格行数过多（超过 ${this.limits.maxRows.toLocaleString('en-US')} 行，见${where}），请分批导入`, 'TABLE_TOO_LARGE', this.field);
  }

  row(where: string): void {
    this.rows++;
    if (this.rows > this.limits.maxRows)
      refuse(`表格行数过多（超过 ${this.limits.maxRows.toLocaleString('en-US')} 行，见${where}），请分批导入`, 'TABLE_TOO_LARGE', this.field);
  }

  columns(count: number, where: string): void {
    if (count > this.limits.maxColumns)
      refuse(`表格列数过多（${count} 列，上限 ${this.limits.maxColumns} 列，见${where}），请检查表格`, 'TABLE_TOO_LARGE', this.field);
  }

  cell(text: string, where: string): void {
    if (text.length > this.limits.maxCellChars)
      refuse(
        `单元格文字过长（${text.length.toLocaleString('en-US')} 字，上限 ${this.limits.maxCellChars.toLocaleString('en-US')} 字，见${where}），请检查表格`,
        'CELL_TOO_LONG',
        this.field,
      );
  }
}
