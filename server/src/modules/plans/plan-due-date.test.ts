import { describe, expect, it } from 'vitest';
import { planDueDate } from './plan-due-date.js';

describe('planDueDate', () => {
  it('reads fixed dates and month ends from the time limit as written', () => {
    expect(planDueDate(2021, ['每年4月1日前'])).toBe('2021-04-01');
    expect(planDueDate(2021, ['每年4月1日之前'])).toBe('2021-04-01');
    expect(planDueDate(2024, ['二月底前'])).toBe('2024-02-29');
    expect(planDueDate(2026, ['11月底前'])).toBe('2026-11-30');
    expect(planDueDate(2026, ['十二月三十一日前'])).toBe('2026-12-31');
  });

  it('falls back to the plan year’s end for event-driven or unreadable limits', () => {
    expect(planDueDate(2021, ['7个工作日内'])).toBe('2021-12-31');
    expect(planDueDate(2021, [])).toBe('2021-12-31');
    expect(planDueDate(2021, ['2月30日前'])).toBe('2021-12-31');
  });
});
