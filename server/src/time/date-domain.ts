/**
 * The dates the product accepts (one domain for the API, the importers and the calendar entry):
 * from 2000-01-01 — no disclosure record of ours is older (the 条例 dates from 2007/2019) — to the
 * end of next year (a plan, a quota or the 节假日安排 notice is entered for next year at the latest).
 * A date outside is a typo (0050 for 2050, 2206 for 2026) or an attack, never a record: it is refused
 * with its range instead of being computed on (years 0–99 used to become 1900–1999 in Date.UTC).
 * Dates that must be past (received, published, replied …) are further checked against today.
 */
import { shanghaiDate } from './calendar-date.js';

export const EARLIEST_DATE = '2000-01-01';

/** The last accepted date: 31 December of next year (Asia/Shanghai, on the server's clock). */
export function latestAcceptedDate(today: string = shanghaiDate()): string {
  return `${Number(today.slice(0, 4)) + 1}-12-31`;
}

/** Null when `date` (a valid YYYY-MM-DD) is in the domain, else the Chinese explanation. */
export function dateDomainProblem(date: string, today: string = shanghaiDate()): string | null {
  const latest = latestAcceptedDate(today);
  if (date < EARLIEST_DATE || date > latest) return `日期 ${date} 超出可接受的范围（${EARLIEST_DATE} 至 ${latest}），请检查年份`;
  return null;
}

/** Null when the whole `year` is in the domain (2000 … next year), else the Chinese explanation. */
export function yearDomainProblem(year: number, today: string = shanghaiDate()): string | null {
  const latest = Number(latestAcceptedDate(today).slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > latest) return `年度 ${year} 超出可接受的范围（2000 至 ${latest} 年），请检查年份`;
  return null;
}
