/**
 * Status and progress of a task tell the same story (issue 12):
 * - 已完成 (DONE) is 100 %;
 * - 未开始 (NOT_STARTED) is 0 %;
 * - 进行中 (IN_PROGRESS) may be any figure from 0 to 100: 0 % the day work begins, 100 % when the
 *   work is done but not yet declared finished (evidence to collect, the office to confirm) —
 *   progress is typed by people and the status is their statement, neither is derived;
 * - 不适用 (NOT_APPLICABLE): the figure no longer means anything; whatever was reported before
 *   stays as it was.
 * Enforced by updateTaskProgress (StatusProgressMismatchError) and by the task_status_progress
 * CHECK on the table.
 */
import { TaskStatus } from './task-enums.js';

/** The only progress a status allows, or null when any 0–100 figure goes. */
export function progressRequiredBy(status: TaskStatus): 0 | 100 | null {
  if (status === TaskStatus.DONE) return 100;
  if (status === TaskStatus.NOT_STARTED) return 0;
  return null;
}

/** The rule as a CHECK constraint on "task" (see Task). */
export const STATUS_PROGRESS_CHECK = `(status <> 'DONE' or progress = 100) and (status <> 'NOT_STARTED' or progress = 0)`;

export interface ProgressReport {
  status?: TaskStatus | null;
  progress?: number | null;
}

/**
 * Status and progress after a report on a task now at `current`. What the person left out follows
 * from what they said, so that a report of one of the two never contradicts the other:
 * - a figure alone moves the status where the figure puts it: above 0 on a task 未开始, or below
 *   100 on a task 已完成, it is 进行中 (started; reopened — the history and the audit trail show it);
 * - a status alone: 已完成 means 100, 未开始 means 0; 进行中 and 不适用 keep the figure.
 * Only both given and contradicting each other is left to refuse (check with {@link progressRequiredBy}).
 */
export function reportedStatusAndProgress(current: { status: TaskStatus; progress: number }, report: ProgressReport): { status: TaskStatus; progress: number } {
  const figure = report.progress;
  const status =
    report.status ??
    (figure != null && ((current.status === TaskStatus.NOT_STARTED && figure > 0) || (current.status === TaskStatus.DONE && figure < 100))
      ? TaskStatus.IN_PROGRESS
      : current.status);
  const progress = figure ?? (report.status ? (progressRequiredBy(report.status) ?? current.progress) : current.progress);
  return { status, progress };
}
