import { registerEnumType } from 'type-graphql';
import { enumDescriptions } from '../../core/enum-labels.js';

/** Where a department stands against its quota. */
export enum QuotaStatus {
  MET = 'MET',
  ON_PACE = 'ON_PACE',
  AT_RISK = 'AT_RISK',
  BEHIND = 'BEHIND',
}

export const QUOTA_STATUS_LABEL: Readonly<Record<QuotaStatus, string>> = {
  MET: '达标',
  ON_PACE: '正常',
  AT_RISK: '滞后',
  BEHIND: '严重滞后',
};

registerEnumType(QuotaStatus, {
  name: 'QuotaStatus',
  description: `达标: published ≥ target. Otherwise against the items due by the day (whole items of expectedByToday): 正常 ≥ 90%, 滞后 ≥ 60%, 严重滞后 below — and 严重滞后 once the period is over without reaching the target.`,
  valuesConfig: enumDescriptions(QuotaStatus, QUOTA_STATUS_LABEL),
});

/** Shares of the items due by the day (documented in the README and the enum). */
export const PACE_THRESHOLDS = { onPace: 0.9, atRisk: 0.6 } as const;

/** Working days of a period and how many of them have passed by the day the board is for. */
export interface PeriodProgress {
  workingDays: number;
  /** Working days from the first day of the period up to and including the day. */
  workingDaysElapsed: number;
  /** The day is after the period's last day. */
  isOver: boolean;
}

/** target × elapsed working days / working days of the period, to one decimal. */
export function expectedByToday(target: number, progress: PeriodProgress): number {
  if (progress.isOver || progress.workingDays === 0) return target;
  return Math.round(((target * progress.workingDaysElapsed) / progress.workingDays) * 10) / 10;
}

/**
 * 达标 when the target is reached. Otherwise compared with the whole items due (a fraction of an
 * item is not yet due, so the first day of a period is never late): ≥ 90% 正常, ≥ 60% 滞后,
 * below 严重滞后. A period that is over without reaching its target is 严重滞后.
 */
export function quotaStatus(target: number, published: number, expected: number, progress: PeriodProgress): QuotaStatus {
  if (published >= target) return QuotaStatus.MET;
  if (progress.isOver) return QuotaStatus.BEHIND;
  const due = Math.floor(expected + 1e-9);
  if (due <= 0) return QuotaStatus.ON_PACE;
  const share = published / due;
  if (share >= PACE_THRESHOLDS.onPace) return QuotaStatus.ON_PACE;
  if (share >= PACE_THRESHOLDS.atRisk) return QuotaStatus.AT_RISK;
  return QuotaStatus.BEHIND;
}
