import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, isoWeekday, shanghaiDate } from './calendar-date.js';

describe('the test process', () => {
  it('runs west of UTC, where dates computed in local time instead of Asia/Shanghai go wrong', () => {
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBeGreaterThan(0);
  });
});

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-01-01T00:00')).toBe(false);
  });

  it('gives the Shanghai date whatever the process time zone', () => {
    // 16:30 UTC on 31 Dec is already 1 Jan in Shanghai (UTC+8); the suite runs under a western TZ.
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
  });

  it('adds days across months, years and leap days without time-zone shifts', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(isoWeekday('2026-11-21')).toBe(6);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('2026-11-23')).toBe(1);
  });
});
