import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, isoWeekday } from '../../time/calendar-date.js';
import { calendarSeedFromChineseDays } from './chinese-days-seed.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { WorkingDayCalendar, type DayKind } from './working-day-calendar.js';

const seed = calendarSeedFromChineseDays();
const calendar = new WorkingDayCalendar({
  overrides: new Map<string, DayKind>(seed.days.map((d) => [d.date, d.kind])),
  officialYears: new Set(seed.years),
});

// Every expected date below was counted by hand from the notices quoted in shared/DOMAIN.md.
describe('working days per the 2024–2026 notices', () => {
  it('knows the 调休 days: 除夕 2024 worked, make-up Sundays and Saturdays worked, festival weekdays off', () => {
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕, a Friday, worked
    expect(calendar.isWorkingDay('2024-02-04')).toBe(true); // Sunday, worked
    expect(calendar.isWorkingDay('2024-02-12')).toBe(false); // Monday in 春节
    expect(calendar.isWorkingDay('2024-05-11')).toBe(true); // Saturday, worked
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, 国庆+中秋
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, worked
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true); // Sunday, worked
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false); // Monday, 春节
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // Saturday, worked
    expect(calendar.isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
  });

  it('counts 20 working days across 春节 2024 (除夕 and the make-up Sunday count)', () => {
    expect(calendar.addWorkingDays('2024-02-08', 20)).toEqual({ date: '2024-03-13', provisional: false });
  });

  it('counts 7 working days across 国庆+中秋 2025, the make-up Saturday included', () => {
    expect(calendar.addWorkingDays('2025-09-26', 7)).toEqual({ date: '2025-10-13', provisional: false });
  });

  it('lands on a make-up weekend day when that is the N-th working day', () => {
    expect(calendar.addWorkingDays('2025-10-10', 1).date).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2024-05-10', 1).date).toBe('2024-05-11');
  });

  it('starts counting the day after a receipt on a holiday (2026 春节)', () => {
    expect(calendar.addWorkingDays('2026-02-16', 5).date).toBe('2026-02-28');
  });

  it('extends 20 + 20 working days across 春节 2025: the extension runs on from the original due date', () => {
    const original = calendar.addWorkingDays('2025-01-02', 20);
    expect(original.date).toBe('2025-02-06');
    expect(calendar.addWorkingDays(original.date, 20).date).toBe('2025-03-05');
  });

  it('restarts the 20 days from a corrected application (补正), across 清明 2026', () => {
    expect(calendar.addWorkingDays('2026-03-02', 7).date).toBe('2026-03-11'); // last day to ask for 补正
    expect(calendar.addWorkingDays('2026-03-20', 20).date).toBe('2026-04-20');
  });

  it('does not count days while the clock is stopped (third-party consultation), across 端午 2026', () => {
    expect(calendar.addWorkingDays('2026-06-01', 20, [{ from: '2026-06-03', to: '2026-06-10' }]).date).toBe('2026-07-08');
  });

  it('flags a deadline that reaches into 2027 (no notice yet) as provisional', () => {
    // 29, 30, 31 December, then 元旦 (statutory, off even before the notice), then 4 and 5 January.
    expect(calendar.addWorkingDays('2026-12-28', 5)).toEqual({ date: '2027-01-05', provisional: true });
    expect(calendar.addWorkingDays('2026-12-01', 5).provisional).toBe(false);
    expect(calendar.isOfficialYear(2027)).toBe(false);
  });

  it('counts working days between two dates, end included', () => {
    expect(calendar.workingDaysBetween('2024-02-08', '2024-03-13')).toBe(20);
    expect(calendar.workingDaysBetween('2024-03-13', '2024-02-08')).toBe(0);
    expect(calendar.countWorkingDays('2026-10-01', '2026-10-10')).toBe(3); // 10-08 Thu, 10-09 Fri, 10-10 Sat (worked)
  });

  it('refuses a negative or fractional N', () => {
    expect(() => calendar.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});

describe('working-day properties', () => {
  const date = fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2023-06-01', n));
  const days = fc.integer({ min: 1, max: 60 });

  it('a due date is always a working day, after the start', () => {
    fc.assert(
      fc.property(date, days, (from, n) => {
        const due = calendar.addWorkingDays(from, n).date;
        return calendar.isWorkingDay(due) && due > from;
      }),
    );
  });

  it('more days never give an earlier date', () => {
    fc.assert(fc.property(date, days, days, (from, a, b) => (a <= b ? calendar.addWorkingDays(from, a).date <= calendar.addWorkingDays(from, b).date : true)));
  });

  it('exactly N working days lie between the start and the due date', () => {
    fc.assert(fc.property(date, days, (from, n) => calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n).date) === n));
  });
});

describe('counting by arithmetic', () => {
  it('agrees with counting day by day over any range', () => {
    const slow = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
      return n;
    };
    const date = fc.integer({ min: 0, max: 365 * 25 }).map((n) => addDays('2003-01-01', n));
    fc.assert(
      fc.property(date, date, (a, b) => calendar.workingDaysBetween(a, b) === (b > a ? slow(a, b) : 0)),
      { numRuns: 300 },
    );
  });
});

describe('the accepted date range (issue 12): total arithmetic, no 1900s', () => {
  const EARLIEST = Date.UTC(2000, 0, 1);
  const LATEST = Date.UTC(new Date().getUTCFullYear() + 1, 11, 31);
  const acceptedDate = fc
    .integer({ min: 0, max: Math.round((LATEST - EARLIEST) / 86_400_000) })
    .map((n) => new Date(EARLIEST + n * 86_400_000).toISOString().slice(0, 10));

  it('N working days after any accepted date: a later working day, exactly N working days on, for N up to a year of them', () => {
    fc.assert(
      fc.property(acceptedDate, fc.integer({ min: 0, max: 260 }), (from, n) => {
        const { date } = calendar.addWorkingDays(from, n);
        expect(date >= from).toBe(true);
        expect(calendar.workingDaysBetween(from, date)).toBe(n);
        if (n > 0) {
          expect(calendar.isWorkingDay(date)).toBe(true);
          // The day before the deadline is still short of N.
          expect(calendar.workingDaysBetween(from, addDays(date, -1))).toBe(n - 1);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('day arithmetic round-trips over the whole range and agrees with the ISO weekday', () => {
    fc.assert(
      fc.property(acceptedDate, fc.integer({ min: -800, max: 800 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
        const expected = new Date(`${addDays(date, days)}T00:00:00Z`).getUTCDay();
        expect(isoWeekday(addDays(date, days)) % 7).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('years 0–99 stay themselves (Date.UTC would make them 1900–1999)', () => {
    expect(addDays('0050-03-01', 1)).toBe('0050-03-02');
    expect(addDays('0000-12-31', 1)).toBe('0001-01-01');
    expect(daysInMonth(100, 2)).toBe(28); // 100 is not a leap year; 1900 wasn't either, 2000 was
    expect(daysInMonth(4, 2)).toBe(29);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('a year without its notice keeps its statutory holidays (provisional)', () => {
  it('the notices of 2025 and 2026 give every statutory day off (the table agrees with the official data)', () => {
    for (const year of [2025, 2026]) {
      for (const { date, name } of statutoryHolidays(year)) expect(calendar.isWorkingDay(date), `${date} ${name}`).toBe(false);
    }
  });

  it('2027 before its notice: 元旦, 除夕–初三, 清明, 端午, 中秋, 国庆 1–3 off; the days after them worked', () => {
    expect(calendar.isOfficialYear(2027)).toBe(false);
    for (const off of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
      expect(calendar.isWorkingDay(off), off).toBe(false);
    }
    for (const on of ['2027-01-04', '2027-02-09', '2027-04-06', '2027-05-03', '2027-10-04']) expect(calendar.isWorkingDay(on), on).toBe(true);
    // 13 working days from 15 December 2026 reach past 元旦, which no longer counts (the 12th is 31 December).
    expect(calendar.addWorkingDays('2026-12-15', 12)).toEqual({ date: '2026-12-31', provisional: false });
    expect(calendar.addWorkingDays('2026-12-15', 13)).toEqual({ date: '2027-01-04', provisional: true });
    // The O(log n) count agrees with counting day by day, also in 2028, when 中秋 falls on 国庆 (3 October).
    for (const year of [2027, 2028]) {
      let byDay = 0;
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) byDay++;
      expect(calendar.countWorkingDays(`${year}-01-01`, `${year}-12-31`), String(year)).toBe(byDay);
    }
    expect(calendar.countWorkingDays('2027-01-01', '2027-12-31')).toBe(261 - 7);
  });

  it('once the notice is entered, it alone decides', () => {
    const official = new WorkingDayCalendar({
      overrides: new Map<string, DayKind>([...seed.days.map((d) => [d.date, d.kind] as [string, DayKind]), ['2027-02-20', 'WORKDAY']]),
      officialYears: new Set([...seed.years, 2027]),
    });
    // An official 2027 with none of its days entered here: 元旦 is whatever the notice says (nothing → worked).
    expect(official.isWorkingDay('2027-01-01')).toBe(true);
    expect(official.isWorkingDay('2027-02-20')).toBe(true);
  });

  it('the table reaches at least twelve years ahead', () => {
    expect(statutoryHolidays(new Date().getUTCFullYear() + 12).length).toBe(13);
  });
});
