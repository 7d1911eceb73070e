import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../core/enum-labels.js';
import { daysInMonth } from './calendar-date.js';

/** The length of a reporting period: quotas and the maintained counts are kept per month, quarter and year. */
export enum PeriodType {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

export const PERIOD_TYPE_LABEL: Readonly<Record<PeriodType, string>> = { MONTH: '每月', QUARTER: '每季度', YEAR: '每年' };

registerEnumType(PeriodType, {
  name: 'PeriodType',
  description: 'The length of a reporting period (a quota is set per month, quarter or year)',
  valuesConfig: enumDescriptions(PeriodType, PERIOD_TYPE_LABEL),
});

/** A reporting period: `2026` (year), `2026-Q4` (quarter) or `2026-11` (month). */
export interface Period {
  /** Canonical key, also the `period_key` of the maintained counts. */
  key: string;
  type: PeriodType;
  year: number;
  /** First and last calendar day, inclusive. */
  from: string;
  to: string;
  /** 2026年第四季度 … */
  label: string;
}

export const MIN_PERIOD_YEAR = 2000;
export const MAX_PERIOD_YEAR = 2100;

const PERIOD_RE = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;
const QUARTER_LABEL = ['一', '二', '三', '四'];

/** Parses `2026`, `2026-Q4` or `2026-11`; null for anything else (`2026-Q5`, `2026-13`, `26`, `2026-q4` …). */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) return null;
  if (m[2]) return quarterPeriod(year, Number(m[2]));
  if (m[3]) return monthPeriod(year, Number(m[3]));
  return yearPeriod(year);
}

export function yearPeriod(year: number): Period {
  return { key: String(year), type: PeriodType.YEAR, year, from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年` };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const lastMonth = quarter * 3;
  return {
    key: `${year}-Q${quarter}`,
    type: PeriodType.QUARTER,
    year,
    from: `${year}-${pad2(lastMonth - 2)}-01`,
    to: `${year}-${pad2(lastMonth)}-${pad2(daysInMonth(year, lastMonth))}`,
    label: `${year}年第${QUARTER_LABEL[quarter - 1]}季度`,
  };
}

export function monthPeriod(year: number, month: number): Period {
  return {
    key: `${year}-${pad2(month)}`,
    type: PeriodType.MONTH,
    year,
    from: `${year}-${pad2(month)}-01`,
    to: `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`,
    label: `${year}年${month}月`,
  };
}

/** The month, quarter and year a calendar date falls in (the keys its publication is counted under). */
export function periodKeysOf(date: string): [month: string, quarter: string, year: string] {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return [date.slice(0, 7), `${year}-Q${Math.ceil(month / 3)}`, year];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
