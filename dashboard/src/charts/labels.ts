import type { DeadlineKind, DeadlineState, QuotaStatus, TaskStatus } from '../graphql/generated/graphql';

/** 达标 / 正常 / 滞后 / 严重滞后, and the colour the boards use for each. */
export const QUOTA_STATUS: Record<QuotaStatus, { label: string; color: string }> = {
  MET: { label: '达标', color: '#27ae60' },
  ON_PACE: { label: '正常', color: '#2e86de' },
  AT_RISK: { label: '滞后', color: '#f39c12' },
  BEHIND: { label: '严重滞后', color: '#e74c3c' },
};
export const NO_QUOTA_COLOR = '#7f8c8d';

export function quotaStatusLabel(status: QuotaStatus | null | undefined): string {
  return status ? QUOTA_STATUS[status].label : '未设指标';
}
export function quotaStatusColor(status: QuotaStatus | null | undefined): string {
  return status ? QUOTA_STATUS[status].color : NO_QUOTA_COLOR;
}

export const DEADLINE_KIND_LABEL: Record<DeadlineKind, string> = {
  APPLICATION: '依申请公开',
  MESSAGE: '网站留言',
  NEW_MEDIA: '政务新媒体',
  PENALTY: '行政处罚',
  PROPOSAL: '建议提案',
  TASK: '工作任务',
};

export const DEADLINE_STATE: Record<DeadlineState, { label: string; color: string }> = {
  DONE: { label: '已办结', color: '#7f8c8d' },
  DUE_SOON: { label: '即将到期', color: '#f39c12' },
  LONG_OVERDUE: { label: '严重逾期', color: '#8e1b12' },
  ON_TRACK: { label: '正常', color: '#27ae60' },
  OVERDUE: { label: '已逾期', color: '#e74c3c' },
  PAUSED: { label: '暂停计时', color: '#2e86de' },
};

export const TASK_STATUS: Record<TaskStatus, { label: string; color: string }> = {
  DONE: { label: '已完成', color: '#27ae60' },
  IN_PROGRESS: { label: '进行中', color: '#2e86de' },
  NOT_STARTED: { label: '未开始', color: '#95a5a6' },
  NOT_APPLICABLE: { label: '不适用', color: '#8e44ad' },
};

/** 12.5 → "12.5", 12 → "12". */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return `${Math.round(ratio * 1000) / 10}%`;
}
