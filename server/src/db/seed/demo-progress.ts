/**
 * Believable progress of a plan of the current year, as of a given day: pure functions of the
 * day, the working-day calendar and a stable hash, so that a demo started on the same day always
 * looks the same, and a demo started on any day of any year looks right on that day.
 */
import { createHash } from 'node:crypto';
import { addDays, daysBetween, daysInMonth } from '../../time/calendar-date.js';
import type { WorkingDayCalendar } from '../../modules/calendar/working-day-calendar.js';

/** A stable number in [0, 1) per key (never Math.random: every fresh start shows the same demo). */
export function draw(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** An unfinished task is at most this many working days past its due date (then it is done). */
export const MAX_TASK_WORKING_DAYS_LATE = 30;

/** A document title re-dated: "…2021年度政务公开工作要点" → "…2027年度政务公开工作要点". */
export function redateTitle(title: string, sourceYear: number, year: number): string {
  return title.replaceAll(`${sourceYear}年`, `${year}年`);
}

/**
 * The due date a department is given for its task. 牵头科室 answer for the whole point (its due
 * date); 配合单位 deliver their part by the end of a month between March and November (the
 * breakdown's 阶段时限), never after the point's own date.
 */
export function taskDueDate(key: string, role: 'LEAD' | 'COOPERATING', pointDue: string): string {
  if (role === 'LEAD') return pointDue;
  const year = Number(pointDue.slice(0, 4));
  const month = 3 + Math.floor(draw(`due|${key}`) * 9);
  const monthEnd = `${year}-${String(month).padStart(2, '0')}-${daysInMonth(year, month)}`;
  return monthEnd < pointDue ? monthEnd : pointDue;
}

export type SimulatedStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE' | 'NOT_APPLICABLE';

export interface SimulatedTask {
  status: SimulatedStatus;
  progress: number;
  /** The day of the (last) progress report; always a working day before today, in the plan year. */
  reportedOn: string | null;
}

/** The latest working day on or before `date`, not before `from` and before `today`; null if none. */
export function workingDayNotAfter(calendar: WorkingDayCalendar, date: string, from: string, today: string): string | null {
  let d = date < today ? date : addDays(today, -1);
  for (; d >= from; d = addDays(d, -1)) if (calendar.isWorkingDay(d)) return d;
  return null;
}

/**
 * The state of one task of a plan of `today`'s year, as of `today`:
 * - past its due date: done (most on time, a few some days late), except some of those due in
 *   the last {@link MAX_TASK_WORKING_DAYS_LATE} working days, still in progress (overdue);
 * - not yet due: progress follows the share of its time elapsed; some finished early, more so
 *   close to the due date; nothing has started on the first days of the year;
 * - a few 配合单位 say early in the year that the point is 不适用 (不在我单位职能范围内).
 * Every report is dated on a working day of the year before today.
 */
export function simulateTask(calendar: WorkingDayCalendar, key: string, role: 'LEAD' | 'COOPERATING', dueDate: string, today: string): SimulatedTask {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const r = draw(key);
  const report = (date: string) => workingDayNotAfter(calendar, date, yearStart, today);
  const notStarted: SimulatedTask = { status: 'NOT_STARTED', progress: 0, reportedOn: null };

  if (role === 'COOPERATING' && r < 0.06) {
    const on = report(addDays(yearStart, 20 + Math.floor(draw(`na|${key}`) * 40)));
    return on ? { status: 'NOT_APPLICABLE', progress: 0, reportedOn: on } : notStarted;
  }
  const r2 = draw(`state|${key}`);
  if (dueDate < today) {
    const late = calendar.workingDaysBetween(dueDate, today);
    if (r2 < 0.86 || late > MAX_TASK_WORKING_DAYS_LATE) {
      // Done: most on or before the due date, one in eight a few working days after it.
      const lateBy = draw(`late|${key}`) < 0.12 ? 1 + Math.floor(draw(`lateBy|${key}`) * 6) : 0;
      const target = lateBy ? calendar.addWorkingDays(dueDate, lateBy).date : addDays(dueDate, -Math.floor(draw(`early|${key}`) * 20));
      const on = report(target) ?? report(dueDate);
      return on ? { status: 'DONE', progress: 100, reportedOn: on } : notStarted;
    }
    const on = report(addDays(today, -1 - Math.floor(draw(`upd|${key}`) * 10)));
    return on ? { status: 'IN_PROGRESS', progress: 60 + Math.round(draw(`p|${key}`) * 7) * 5, reportedOn: on } : notStarted;
  }
  const span = Math.max(1, daysBetween(yearStart, dueDate));
  const elapsed = Math.min(1, daysBetween(yearStart, today) / span);
  const closeToDue = daysBetween(today, dueDate) <= 7;
  if (r2 < (closeToDue ? 0.5 : 0.3 * elapsed)) {
    const on = report(addDays(yearStart, Math.floor(draw(`done|${key}`) * daysBetween(yearStart, today))));
    if (on) return { status: 'DONE', progress: 100, reportedOn: on };
  }
  // Units start through the first weeks of their span; a few only late.
  if (draw(`start|${key}`) > Math.min(0.93, elapsed * 4)) return notStarted;
  const on = report(addDays(today, -1 - Math.floor(draw(`upd|${key}`) * 20)));
  if (!on) return notStarted;
  const progress = Math.min(95, Math.max(5, Math.round((elapsed * 100 + (draw(`p|${key}`) - 0.5) * 30) / 5) * 5));
  return { status: 'IN_PROGRESS', progress, reportedOn: on };
}
