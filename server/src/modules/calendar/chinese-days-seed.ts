import { createRequire } from 'node:module';
import type { DayKind } from './working-day-calendar.js';

export interface CalendarSeedDay {
  date: string;
  kind: DayKind;
  /** Festival name as the notice gives it, e.g. 春节. */
  name: string;
  /** The notice that set the day. */
  source: string;
}

export interface CalendarSeed {
  days: CalendarSeedDay[];
  /** Years the package has a notice for. */
  years: number[];
  packageVersion: string;
}

/** Notice numbers we know for certain (DOMAIN.md); other years cite the notice by its title. */
const NOTICE_NUMBERS: Record<number, string> = {
  2025: '国办发明电〔2024〕12号',
};

export function noticeTitle(year: number): string {
  const number = NOTICE_NUMBERS[year];
  return `国务院办公厅关于${year}年部分节假日安排的通知${number ? `（${number}）` : ''}`;
}

/**
 * The official 放假/调休 days of the years the `chinese-days` package covers (it matches the
 * notices; it has nothing after its last year, which is why we keep our own table).
 */
export function calendarSeedFromChineseDays(): CalendarSeed {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const days: CalendarSeedDay[] = [];
  const years = new Set<number>();
  for (const [kind, table] of [
    ['HOLIDAY', data.holidays],
    ['WORKDAY', data.workdays],
  ] as const) {
    for (const [date, label] of Object.entries(table)) {
      const year = Number(date.slice(0, 4));
      years.add(year);
      // "Spring Festival,春节,4": English name, Chinese name, length.
      const name = label.split(',')[1] ?? label;
      days.push({ date, kind, name, source: `${noticeTitle(year)}（数据：chinese-days ${version}）` });
    }
  }
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { days, years: [...years].sort(), packageVersion: version };
}
