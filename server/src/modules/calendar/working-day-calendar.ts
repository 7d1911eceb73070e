import { addDays, isoWeekday, utcMs } from '../../time/calendar-date.js';
import { STATUTORY_YEARS, statutoryHolidays } from './statutory-holidays.js';

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
  /** Overrides that change the Monday–Friday rule (a weekday off, a weekend day worked), as sorted day numbers. */
  private readonly holidaysOnWeekdays: number[];
  private readonly workdaysOnWeekends: number[];

  /** Statutory holidays of years without an entered notice (provisional; see statutory-holidays.ts). */
  private readonly provisionalHolidays = new Set<string>();

  constructor(private readonly data: CalendarData) {
    const off: number[] = [];
    const on: number[] = [];
    for (const [date, kind] of data.overrides) {
      const weekday = isoWeekday(date) <= 5;
      if (kind === 'HOLIDAY' && weekday) off.push(dayNumber(date));
      if (kind === 'WORKDAY' && !weekday) on.push(dayNumber(date));
    }
    // A year without its notice still has its statutory holidays (an entered day of that year wins).
    for (const year of STATUTORY_YEARS) {
      if (data.officialYears.has(year)) continue;
      for (const { date } of statutoryHolidays(year)) {
        // 中秋 may fall on 国庆 (2028-10-03): one day off, counted once.
        if (data.overrides.has(date) || this.provisionalHolidays.has(date)) continue;
        this.provisionalHolidays.add(date);
        if (isoWeekday(date) <= 5) off.push(dayNumber(date));
      }
    }
    this.holidaysOnWeekdays = off.sort((a, b) => a - b);
    this.workdaysOnWeekends = on.sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    const override = this.data.overrides.get(date);
    if (override) return override === 'WORKDAY';
    if (this.provisionalHolidays.has(date)) return false;
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
    if (to <= from) return 0;
    if (!stopped.length) {
      // O(log n): Monday–Friday by arithmetic, corrected by the overrides inside the range.
      const a = dayNumber(from);
      const b = dayNumber(to);
      return weekdaysUpTo(b) - weekdaysUpTo(a) - countIn(this.holidaysOnWeekdays, a, b) + countIn(this.workdaysOnWeekends, a, b);
    }
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

/** Days since 1970-01-01 (a Thursday). */
function dayNumber(date: string): number {
  return utcMs(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))) / 86_400_000;
}

/** Monday–Friday days in [day 0, day n] (n ≥ 0 here; day 0 is a Thursday). */
function weekdaysUpTo(n: number): number {
  // Shift so that week blocks start on Monday: day 0 (Thu) is index 3 of its week.
  const shifted = n + 3;
  const weeks = Math.floor(shifted / 7);
  const rest = shifted - weeks * 7; // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5) - 3;
}

/** How many of the sorted day numbers lie in (a, b]. */
function countIn(sorted: readonly number[], a: number, b: number): number {
  return upperBound(sorted, b) - upperBound(sorted, a);
}

function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isStopped(date: string, stopped: readonly StoppedInterval[]): boolean {
  return stopped.some((s) => date >= s.from && (s.to === null || date <= s.to));
}
