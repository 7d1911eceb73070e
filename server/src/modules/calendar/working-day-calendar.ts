import { addDays, isoWeekday } from '../../time/calendar-date.js';

/** A date set by a notice: a 放假 day (not worked) or a 调休上班 day (a worked weekend day). */
export type DayKind = 'HOLIDAY' | 'WORKDAY';

export interface CalendarData {
  /** Per-date overrides of the Monday–Friday rule. */
  overrides: ReadonlyMap<string, DayKind>;
  /** Years whose 节假日安排 notice has been entered; other years are provisional. */
  officialYears: ReadonlySet<number>;
}

/** A closed interval of calendar dates during which a clock does not run (e.g. 征求第三方意见). */
export interface StoppedInterval {
  from: string;
  /** Inclusive; null while the clock is still stopped. */
  to: string | null;
}

export interface ComputedDate {
  date: string;
  /** The counting crossed a year without an official notice: the date may move when it is entered. */
  provisional: boolean;
}

/** Far enough for any legal period; guards against a calendar that has no working day at all. */
const MAX_SCAN_DAYS = 3 * 366;

/**
 * Chinese working days (《全国年节及纪念日放假办法》 and each year's 国务院办公厅 notice):
 * a day is worked when it is Monday–Friday and not a 放假 day, or a 调休上班 weekend day.
 *
 * Counting "N个工作日内" (民法典第二百零一条, 行政许可法第八十二条): the day of the event is
 * not counted; counting starts the next day; the N-th working day is the last permissible day.
 */
export class WorkingDayCalendar {
  constructor(private readonly data: CalendarData) {}

  isWorkingDay(date: string): boolean {
    const override = this.data.overrides.get(date);
    if (override) return override === 'WORKDAY';
    return isoWeekday(date) <= 5;
  }

  isOfficialYear(year: number): boolean {
    return this.data.officialYears.has(year);
  }

  isProvisionalDate(date: string): boolean {
    return !this.isOfficialYear(Number(date.slice(0, 4)));
  }

  /**
   * The last permissible day of "N working days after `from`", skipping stopped intervals.
   * N = 0 gives `from` itself (an answer on the spot).
   */
  addWorkingDays(from: string, n: number, stopped: readonly StoppedInterval[] = []): ComputedDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
    let date = from;
    let counted = 0;
    let provisional = false;
    for (let i = 0; counted < n; i++) {
      if (i > MAX_SCAN_DAYS * Math.max(1, Math.ceil(n / 200))) throw new RangeError('no working day found: check the calendar');
      date = addDays(date, 1);
      if (this.isProvisionalDate(date)) provisional = true;
      if (isStopped(date, stopped)) continue;
      if (this.isWorkingDay(date)) counted++;
    }
    return { date, provisional };
  }

  /** Working days in (from, to] — 0 when `to` is not after `from`; stopped days do not count. */
  workingDaysBetween(from: string, to: string, stopped: readonly StoppedInterval[] = []): number {
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
      if (!isStopped(date, stopped) && this.isWorkingDay(date)) count++;
    }
    return count;
  }

  /** Working days in [from, to], both ends included. */
  countWorkingDays(from: string, to: string): number {
    return from > to ? 0 : this.workingDaysBetween(addDays(from, -1), to);
  }

  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: string): string {
    let d = date;
    for (let i = 0; !this.isWorkingDay(d); i++) {
      if (i > MAX_SCAN_DAYS) throw new RangeError('no working day found: check the calendar');
      d = addDays(d, 1);
    }
    return d;
  }

  /** Whether any date in (from, to] lies in a year without an official notice. */
  crossesProvisional(from: string, to: string): boolean {
    const first = Number(addDays(from, 1).slice(0, 4));
    const last = Number(to.slice(0, 4));
    for (let y = first; y <= last; y++) if (!this.isOfficialYear(y)) return true;
    return false;
  }
}

function isStopped(date: string, stopped: readonly StoppedInterval[]): boolean {
  return stopped.some((s) => date >= s.from && (s.to === null || date <= s.to));
}
