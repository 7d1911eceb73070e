import { describe, expect, it } from 'vitest';
import { expectedByToday, quotaStatus, QuotaStatus, type PeriodProgress } from './quota-pace.js';

const at = (workingDaysElapsed: number, workingDays = 60, isOver = false): PeriodProgress => ({ workingDays, workingDaysElapsed, isOver });

describe('quota pace', () => {
  it('expects the target pro rata over the working days, to one decimal', () => {
    expect(expectedByToday(50, at(30))).toBe(25);
    expect(expectedByToday(50, at(1))).toBe(0.8);
    expect(expectedByToday(50, at(0))).toBe(0);
    expect(expectedByToday(50, at(60))).toBe(50);
    expect(expectedByToday(50, at(60, 60, true))).toBe(50);
    expect(expectedByToday(200, at(33, 62))).toBe(106.5);
  });

  it('is met at the target, whatever the day', () => {
    expect(quotaStatus(50, 50, 10, at(12))).toBe(QuotaStatus.MET);
    expect(quotaStatus(50, 61, 50, at(60, 60, true))).toBe(QuotaStatus.MET);
  });

  it('compares with the whole items due: ≥ 90% on pace, ≥ 60% at risk, below behind', () => {
    expect(quotaStatus(50, 0, 0.8, at(1))).toBe(QuotaStatus.ON_PACE);
    expect(quotaStatus(50, 9, 10, at(12))).toBe(QuotaStatus.ON_PACE);
    expect(quotaStatus(50, 8, 10, at(12))).toBe(QuotaStatus.AT_RISK);
    expect(quotaStatus(50, 6, 10, at(12))).toBe(QuotaStatus.AT_RISK);
    expect(quotaStatus(50, 5, 10, at(12))).toBe(QuotaStatus.BEHIND);
    expect(quotaStatus(50, 0, 1.6, at(2))).toBe(QuotaStatus.BEHIND);
    expect(quotaStatus(50, 30, 25, at(30))).toBe(QuotaStatus.ON_PACE);
  });

  it('is behind once the period is over short of the target', () => {
    expect(quotaStatus(50, 49, 50, at(60, 60, true))).toBe(QuotaStatus.BEHIND);
  });
});
