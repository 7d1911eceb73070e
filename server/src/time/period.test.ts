import { describe, expect, it } from 'vitest';
import { parsePeriod, periodKeysOf, PeriodType } from './period.js';

describe('reporting periods', () => {
  it('parses years, quarters and months with their first and last day', () => {
    expect(parsePeriod('2026-Q4')).toMatchObject({ key: '2026-Q4', type: PeriodType.QUARTER, from: '2026-10-01', to: '2026-12-31', label: '2026年第四季度' });
    expect(parsePeriod('2026')).toMatchObject({ key: '2026', type: PeriodType.YEAR, from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ key: '2024-02', type: PeriodType.MONTH, from: '2024-02-01', to: '2024-02-29', label: '2024年2月' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(parsePeriod(' 2026-Q2 ')?.key).toBe('2026-Q2');
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2026-Q5', '2026-Q0', '2026-q4', '2026-13', '2026-00', '2026-1', '26', '1999', '2101', '2026Q4', '2026-Q4-01', '', 'abcd']) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it('gives the month, quarter and year keys of a date', () => {
    expect(periodKeysOf('2026-11-21')).toEqual(['2026-11', '2026-Q4', '2026']);
    expect(periodKeysOf('2026-03-31')).toEqual(['2026-03', '2026-Q1', '2026']);
    expect(periodKeysOf('2026-04-01')).toEqual(['2026-04', '2026-Q2', '2026']);
  });
});
