import { DeadlineStateLabel, QuotaStatusLabel, TaskStatusLabel } from '../graphql/generated/enum-labels';
import type { DeadlineState, QuotaStatus, TaskStatus } from '../graphql/generated/graphql';

/** Each value's label (generated from the schema) with the colour the boards use for it, in the order of `colors`. */
function withColors<K extends string>(labels: Readonly<Record<K, string>>, colors: Record<K, string>): Record<K, { label: string; color: string }> {
  const entries = (Object.keys(colors) as K[]).map((key) => [key, { label: labels[key], color: colors[key] }]);
  return Object.fromEntries(entries) as Record<K, { label: string; color: string }>;
}

/** 达标 / 正常 / 滞后 / 严重滞后, and the colour the boards use for each. */
export const QUOTA_STATUS = withColors<QuotaStatus>(QuotaStatusLabel, { MET: '#27ae60', ON_PACE: '#2e86de', AT_RISK: '#f39c12', BEHIND: '#e74c3c' });
export const NO_QUOTA_COLOR = '#7f8c8d';

export function quotaStatusLabel(status: QuotaStatus | null | undefined): string {
  return status ? QUOTA_STATUS[status].label : '未设指标';
}
export function quotaStatusColor(status: QuotaStatus | null | undefined): string {
  return status ? QUOTA_STATUS[status].color : NO_QUOTA_COLOR;
}

export const DEADLINE_STATE = withColors<DeadlineState>(DeadlineStateLabel, {
  DONE: '#7f8c8d',
  DUE_SOON: '#f39c12',
  LONG_OVERDUE: '#8e1b12',
  ON_TRACK: '#27ae60',
  OVERDUE: '#e74c3c',
  PAUSED: '#2e86de',
});

/** In this order in the status selects and the completion table. */
export const TASK_STATUS = withColors<TaskStatus>(TaskStatusLabel, {
  DONE: '#27ae60',
  IN_PROGRESS: '#2e86de',
  NOT_STARTED: '#95a5a6',
  NOT_APPLICABLE: '#8e44ad',
});

/** 12.5 → "12.5", 12 → "12". */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return `${Math.round(ratio * 1000) / 10}%`;
}
