import { describe, expect, it } from 'vitest';
import { periodCompletions } from './task-deadline.js';

const QUARTERS = ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'];

describe('periodCompletions: which report meets which period of a recurring task', () => {
  it('one report per quarter, on time, meets each quarter on its day', () => {
    expect(periodCompletions(QUARTERS, ['2026-03-20', '2026-06-28', '2026-09-30', '2026-12-15'])).toEqual([
      '2026-03-20',
      '2026-06-28',
      '2026-09-30',
      '2026-12-15',
    ]);
  });

  it('two reports in one quarter do not meet the next; a report after a due date opens the next window', () => {
    expect(periodCompletions(QUARTERS, ['2026-01-10', '2026-02-10', '2026-03-31'])).toEqual(['2026-01-10', null, null, null]);
    expect(periodCompletions(QUARTERS, ['2026-01-10', '2026-04-01'])).toEqual(['2026-01-10', '2026-04-01', null, null]);
  });

  it('a late report catches up the oldest missing period first, whatever order the dates come in', () => {
    expect(periodCompletions(QUARTERS, ['2026-08-01', '2026-05-02'])).toEqual(['2026-05-02', '2026-08-01', null, null]);
    expect(periodCompletions(QUARTERS, ['2026-11-01', '2026-11-02', '2026-11-03'])).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', null]);
  });

  it('no reports, no periods', () => {
    expect(periodCompletions(QUARTERS, [])).toEqual([null, null, null, null]);
    expect(periodCompletions([], ['2026-01-01'])).toEqual([]);
  });
});
