import { describe, expect, it } from 'vitest';
import { SupervisionNoticeStateLabel } from '../../../graphql/generated/enum-labels';
import type { SupervisionNoticeState } from '../../../graphql/generated/graphql';
import {
  byUrgency,
  canReply,
  handledBy,
  needsAcknowledgement,
  NOTICE_STATE,
  NOTICE_STATE_FILTERS,
  noticeFilter,
  noticeIdOf,
  stepLine,
  supervisionSummary,
} from './supervision-notices';

const STATES = Object.keys(SupervisionNoticeStateLabel) as SupervisionNoticeState[];
const notice = (id: string, state: SupervisionNoticeState, dueDate: string) => ({ id, state, dueDate });

describe('labels', () => {
  it('has a label and colour for every state, and a filter for each', () => {
    for (const s of STATES) {
      expect(NOTICE_STATE[s].label).toBe(SupervisionNoticeStateLabel[s]);
      expect(NOTICE_STATE[s].color).toMatch(/^#[0-9a-f]{6}$/);
      expect(NOTICE_STATE_FILTERS.map(([key]) => key)).toContain(s);
    }
    expect(NOTICE_STATE.OVERDUE.label).toBe('逾期');
  });
});

describe('noticeFilter', () => {
  it('maps the list choices to the subscription filter', () => {
    expect(noticeFilter('', '')).toEqual({});
    expect(noticeFilter('OPEN', '4')).toEqual({ departmentId: '4', openOnly: true });
    expect(noticeFilter('OVERDUE', '')).toEqual({ states: ['OVERDUE'] });
  });
});

describe('who acted', () => {
  const none = { acknowledgedBy: null, acknowledgedAt: null, repliedBy: null, repliedAt: null, closedBy: null, closedAt: null };
  it('lists the steps taken', () => {
    expect(handledBy(none)).toBe('—');
    expect(handledBy({ ...none, acknowledgedBy: '李信息员', repliedBy: '李信息员' })).toBe('签收：李信息员 · 回复：李信息员');
    expect(handledBy({ ...none, acknowledgedBy: '甲', repliedBy: '乙', closedBy: '丙' })).toBe('签收：甲 · 回复：乙 · 办结：丙');
  });

  it('writes one step with its time in Shanghai', () => {
    expect(stepLine(null, null)).toBeNull();
    expect(stepLine('李信息员', '2026-03-02T01:30:00.000Z')).toBe('李信息员（2026/03/02 09:30:00）');
  });
});

describe('what the department can do', () => {
  it('signs for a pending or overdue notice not signed yet, replies while not answered', () => {
    expect(needsAcknowledgement({ state: 'PENDING', acknowledgedAt: null })).toBe(true);
    expect(needsAcknowledgement({ state: 'OVERDUE', acknowledgedAt: null })).toBe(true);
    expect(needsAcknowledgement({ state: 'OVERDUE', acknowledgedAt: '2026-03-02T01:30:00Z' })).toBe(false);
    expect(needsAcknowledgement({ state: 'ACKNOWLEDGED', acknowledgedAt: '2026-03-02T01:30:00Z' })).toBe(false);
    expect(STATES.filter((state) => canReply({ state }))).toEqual(['ACKNOWLEDGED', 'OVERDUE', 'PENDING']);
  });
});

describe('ordering and the wall screen summary', () => {
  it('puts overdue first, then by reply-by date', () => {
    const list = [
      notice('1', 'REPLIED', '2026-03-01'),
      notice('2', 'PENDING', '2026-03-09'),
      notice('3', 'OVERDUE', '2026-03-05'),
      notice('4', 'PENDING', '2026-03-06'),
    ];
    expect([...list].sort(byUrgency).map((n) => n.id)).toEqual(['3', '4', '2', '1']);
  });

  it('counts open and overdue, listing the overdue ones longest overdue first', () => {
    const s = supervisionSummary([
      notice('1', 'OVERDUE', '2026-03-05'),
      notice('2', 'ACKNOWLEDGED', '2026-03-20'),
      notice('3', 'OVERDUE', '2026-02-27'),
      notice('4', 'CLOSED', '2026-02-01'),
    ]);
    expect(s.open).toBe(3);
    expect(s.overdue).toBe(2);
    expect(s.overdueNotices.map((n) => n.id)).toEqual(['3', '1']);
  });
});

describe('noticeIdOf', () => {
  it('reads ?notice=ID', () => {
    expect(noticeIdOf('12')).toBe('12');
    expect(noticeIdOf(['7'])).toBe('7');
    expect(noticeIdOf('x')).toBeNull();
    expect(noticeIdOf(undefined)).toBeNull();
  });
});
