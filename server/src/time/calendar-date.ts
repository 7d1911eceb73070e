/**
 * Calendar dates as 'YYYY-MM-DD' strings in Asia/Shanghai. Never `new Date('YYYY-MM-DD')`
 * in local time: a process west of UTC would shift the day.
 */
import { BadInputError } from '../errors.js';
import { now } from './clock.js';

export const TIME_ZONE = 'Asia/Shanghai';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (2021-02-29 is false). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

/**
 * Milliseconds of a UTC calendar day — for every year, unlike Date.UTC, which reads years 0–99
 * as 1900–1999 (0050-03-01 would become 1950-03-01).
 */
export function utcMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** YYYY-MM-DD of a UTC instant; years outside 0000–9999 have no such form and are refused. */
function isoDate(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date outside years 0000–9999: ${d.toISOString?.() ?? ms}`);
  return `${String(year).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const shanghaiFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Shanghai at the given instant (default: now on the server's clock, see clock.ts). */
export function shanghaiDate(at: Date = now()): string {
  return shanghaiFormat.format(at);
}

/** Adds days to a calendar date, independent of the process time zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return isoDate(utcMs(y!, m!, d! + days));
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(utcMs(y!, m!, d!)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** Refuses a date after today in Shanghai (an event cannot have happened yet). */
export function assertNotInFuture(date: string, field: string, today = shanghaiDate()): void {
  if (date > today) throw new BadInputError(`日期不能晚于今天（${today}）`, 'FUTURE_DATE', field);
}
