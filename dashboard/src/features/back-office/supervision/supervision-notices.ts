import { SupervisionNoticeStateLabel } from '../../../graphql/generated/enum-labels';
import type { SupervisionNoticeFieldsFragment, SupervisionNoticeState } from '../../../graphql/generated/graphql';
import { formatDateTime } from '../../../composables/clock';

/** Each state's label (generated from the schema) with the badge colour. */
export const NOTICE_STATE: Record<SupervisionNoticeState, { label: string; color: string }> = {
  PENDING: { label: SupervisionNoticeStateLabel.PENDING, color: '#b9770e' },
  ACKNOWLEDGED: { label: SupervisionNoticeStateLabel.ACKNOWLEDGED, color: '#2e86de' },
  REPLIED: { label: SupervisionNoticeStateLabel.REPLIED, color: '#8e44ad' },
  OVERDUE: { label: SupervisionNoticeStateLabel.OVERDUE, color: '#c0392b' },
  CLOSED: { label: SupervisionNoticeStateLabel.CLOSED, color: '#7f8c8d' },
};

/** The state filter of the list: one state, every open one, or all. */
export type NoticeStateFilter = '' | 'OPEN' | SupervisionNoticeState;
export const NOTICE_STATE_FILTERS: readonly [NoticeStateFilter, string][] = [
  ['OPEN', '未办结'],
  ['OVERDUE', SupervisionNoticeStateLabel.OVERDUE],
  ['PENDING', SupervisionNoticeStateLabel.PENDING],
  ['ACKNOWLEDGED', SupervisionNoticeStateLabel.ACKNOWLEDGED],
  ['REPLIED', SupervisionNoticeStateLabel.REPLIED],
  ['CLOSED', SupervisionNoticeStateLabel.CLOSED],
  ['', '全部'],
];

/** The subscription filter for the list's state and department choices. */
export function noticeFilter(state: NoticeStateFilter, departmentId: string): { departmentId?: string; openOnly?: boolean; states?: SupervisionNoticeState[] } {
  const filter: { departmentId?: string; openOnly?: boolean; states?: SupervisionNoticeState[] } = departmentId ? { departmentId } : {};
  if (state === 'OPEN') filter.openOnly = true;
  else if (state) filter.states = [state];
  return filter;
}

type Handled = Pick<SupervisionNoticeFieldsFragment, 'acknowledgedBy' | 'acknowledgedAt' | 'repliedBy' | 'repliedAt' | 'closedBy' | 'closedAt'>;

/** "签收：李信息员 · 回复：李信息员" — who acted on it so far, for a list row. */
export function handledBy(n: Handled): string {
  const parts: string[] = [];
  if (n.acknowledgedBy) parts.push(`签收：${n.acknowledgedBy}`);
  if (n.repliedBy) parts.push(`回复：${n.repliedBy}`);
  if (n.closedBy) parts.push(`办结：${n.closedBy}`);
  return parts.join(' · ') || '—';
}

/** One step of its history: who and when, or null when it has not happened. */
export function stepLine(by: string | null | undefined, at: string | null | undefined): string | null {
  return by || at ? `${by ?? '—'}（${formatDateTime(at)}）` : null;
}

type Stepped = Pick<SupervisionNoticeFieldsFragment, 'state' | 'acknowledgedAt'>;

/** Still to be signed for (待签收, or 逾期 without a 签收). */
export function needsAcknowledgement(n: Stepped): boolean {
  return !n.acknowledgedAt && (n.state === 'PENDING' || n.state === 'OVERDUE');
}

/** The department may still reply: 待签收 (signs at once), 已签收, or 逾期 without a reply. */
export function canReply(n: Pick<SupervisionNoticeFieldsFragment, 'state'>): boolean {
  return n.state === 'PENDING' || n.state === 'ACKNOWLEDGED' || n.state === 'OVERDUE';
}

const URGENCY: Record<SupervisionNoticeState, number> = { OVERDUE: 0, PENDING: 1, ACKNOWLEDGED: 2, REPLIED: 3, CLOSED: 4 };

/** For the department: overdue first, then what is to be signed, to reply, waiting; earliest reply-by date first. */
export function byUrgency<N extends { state: SupervisionNoticeState; dueDate: string; id: string }>(a: N, b: N): number {
  return URGENCY[a.state] - URGENCY[b.state] || a.dueDate.localeCompare(b.dueDate) || Number(a.id) - Number(b.id);
}

/** Open and overdue counts of a list of open notices, and the overdue ones, longest overdue first (the wall screen). */
export function supervisionSummary<N extends { state: SupervisionNoticeState; dueDate: string; id: string }>(
  notices: readonly N[],
): { open: number; overdue: number; overdueNotices: N[] } {
  const open = notices.filter((n) => n.state !== 'CLOSED');
  const overdueNotices = open.filter((n) => n.state === 'OVERDUE').sort(byUrgency);
  return { open: open.length, overdue: overdueNotices.length, overdueNotices };
}

/** ?notice=12 → '12'; anything else → null. */
export function noticeIdOf(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && /^\d+$/.test(v) ? v : null;
}
