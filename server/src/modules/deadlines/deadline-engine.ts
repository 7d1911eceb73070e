import { addDays, daysBetween, daysInMonth, isCalendarDate } from '../../time/calendar-date.js';
import type { StoppedInterval, WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { DeadlineState, RuleKind } from './deadline-enums.js';

/** The figures of a rule that the engine needs. */
export interface RuleSpec {
  kind: RuleKind;
  days: number;
  fixedMonth?: number | null;
  fixedDay?: number | null;
  warnDays?: number | null;
  vetoDays?: number | null;
  dueSoonWorkingDays: number;
  longOverdueWorkingDays?: number | null;
}

/** What the clock counts from. */
export interface ClockInput {
  /** The event (receipt, reply, decision, last publication); not counted. */
  start: string | null;
  /** FIXED_DATE: the year; EXPLICIT: the due date set by a person. */
  year?: number;
  explicitDue?: string | null;
  stopped?: readonly StoppedInterval[];
  /** Working days granted by extensions (延期), run on from the original due date. */
  extensionWorkingDays?: number;
}

export interface ComputedDeadline {
  originalDueDate: string;
  dueDate: string;
  provisional: boolean;
}

export interface Classification {
  state: DeadlineState;
  /** Working days past the due date (0 when not overdue). */
  workingDaysOverdue: number;
}

/** Due dates of a clock under a rule. Pure: the calendar is passed in. */
export function computeDeadline(calendar: WorkingDayCalendar, rule: RuleSpec, clock: ClockInput): ComputedDeadline {
  const stopped = clock.stopped ?? [];
  switch (rule.kind) {
    case RuleKind.WORKING_DAYS: {
      const start = required(clock.start);
      const original = calendar.addWorkingDays(start, rule.days, stopped);
      const extended = clock.extensionWorkingDays ? calendar.addWorkingDays(original.date, clock.extensionWorkingDays, stopped) : original;
      return { originalDueDate: original.date, dueDate: extended.date, provisional: original.provisional || extended.provisional };
    }
    case RuleKind.CALENDAR_DAYS: {
      const start = required(clock.start);
      // Stopped days push the end back one for one; a last day that is not worked moves on (民法典第二百零三条).
      const pause = stoppedDays(stopped, start);
      const original = calendar.nextWorkingDayOnOrAfter(addDays(start, rule.days));
      const due = clock.extensionWorkingDays
        ? calendar.addWorkingDays(calendar.nextWorkingDayOnOrAfter(addDays(start, rule.days + pause)), clock.extensionWorkingDays).date
        : calendar.nextWorkingDayOnOrAfter(addDays(start, rule.days + pause));
      return { originalDueDate: original, dueDate: due, provisional: calendar.crossesProvisional(start, due) };
    }
    case RuleKind.FIXED_DATE: {
      const year = clock.year ?? Number(required(clock.start).slice(0, 4));
      const month = rule.fixedMonth ?? 12;
      const day = Math.min(rule.fixedDay ?? 31, daysInMonth(year, month));
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return { originalDueDate: date, dueDate: date, provisional: false };
    }
    case RuleKind.MAX_GAP: {
      const start = required(clock.start);
      const due = addDays(start, rule.warnDays ?? rule.days);
      return { originalDueDate: due, dueDate: due, provisional: false };
    }
    case RuleKind.EXPLICIT: {
      const due = required(clock.explicitDue ?? null);
      return { originalDueDate: due, dueDate: due, provisional: calendar.isProvisionalDate(due) };
    }
  }
}

/**
 * The state of an open deadline on `today`: due soon within `dueSoonWorkingDays`, overdue after
 * the due date, long overdue past twice its period. A paused clock is never overdue.
 */
export function classify(
  calendar: WorkingDayCalendar,
  rule: RuleSpec,
  deadline: { dueDate: string; startDate?: string | null; paused?: boolean; completedOn?: string | null; extensionWorkingDays?: number },
  today: string,
): Classification {
  if (deadline.completedOn) return { state: DeadlineState.DONE, workingDaysOverdue: 0 };
  if (deadline.paused) return { state: DeadlineState.PAUSED, workingDaysOverdue: 0 };
  if (rule.kind === RuleKind.MAX_GAP && deadline.startDate) {
    // Freshness counts calendar days since the last event: warn, then veto.
    const gap = daysBetween(deadline.startDate, today);
    const warn = rule.warnDays ?? rule.days;
    const veto = rule.vetoDays ?? warn * 2;
    const overdue = today > deadline.dueDate ? calendar.workingDaysBetween(deadline.dueDate, today) : 0;
    if (gap >= veto) return { state: DeadlineState.LONG_OVERDUE, workingDaysOverdue: overdue };
    if (gap > warn) return { state: DeadlineState.OVERDUE, workingDaysOverdue: overdue };
    if (gap >= warn - rule.dueSoonWorkingDays) return { state: DeadlineState.DUE_SOON, workingDaysOverdue: 0 };
    return { state: DeadlineState.ON_TRACK, workingDaysOverdue: 0 };
  }
  if (today > deadline.dueDate) {
    const overdue = calendar.workingDaysBetween(deadline.dueDate, today);
    const period = rule.longOverdueWorkingDays ?? (rule.kind === RuleKind.WORKING_DAYS ? rule.days + (deadline.extensionWorkingDays ?? 0) : 20);
    return { state: overdue > period ? DeadlineState.LONG_OVERDUE : DeadlineState.OVERDUE, workingDaysOverdue: overdue };
  }
  const left = calendar.workingDaysBetween(today, deadline.dueDate);
  return { state: left <= rule.dueSoonWorkingDays ? DeadlineState.DUE_SOON : DeadlineState.ON_TRACK, workingDaysOverdue: 0 };
}

function required(date: string | null): string {
  if (!date || !isCalendarDate(date)) throw new RangeError('the rule needs a start date');
  return date;
}

function stoppedDays(stopped: readonly StoppedInterval[], after: string): number {
  return stopped.reduce((sum, s) => (s.to && s.to > after ? sum + daysBetween(s.from > after ? addDays(s.from, -1) : after, s.to) : sum), 0);
}
