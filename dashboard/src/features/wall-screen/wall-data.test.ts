import { describe, expect, it } from 'vitest';
import { retryDelay, MAX_RETRY_WAIT_MS } from '../../graphql/client';
import { quarterKey, shanghaiDate } from '../../composables/clock';
import { bySeverity, currentPlan, newestPlan, newMediaRows, newMediaText, overdueText, rankingOrganization, rankingRows, type OverdueRow } from './wall-data';

const item = (over: Partial<OverdueRow>): OverdueRow => ({
  kind: 'TASK',
  id: '1',
  deadlineId: '1',
  title: '事项',
  department: { id: '2', name: '局办公室' },
  dueDate: '2026-11-20',
  workingDaysOverdue: 0,
  state: 'DUE_SOON',
  rule: '规则',
  policyBasis: '依据',
  ...over,
});

describe('wall screen data', () => {
  it('orders overdue items worst first', () => {
    const rows = [
      item({ deadlineId: 'a', state: 'DUE_SOON' }),
      item({ deadlineId: 'b', state: 'OVERDUE', workingDaysOverdue: 2 }),
      item({ deadlineId: 'c', state: 'LONG_OVERDUE', workingDaysOverdue: 40 }),
      item({ deadlineId: 'd', state: 'OVERDUE', workingDaysOverdue: 9 }),
    ];
    expect(rows.sort(bySeverity).map((r) => r.deadlineId)).toEqual(['c', 'd', 'b', 'a']);
    expect(overdueText(item({ workingDaysOverdue: 3, state: 'OVERDUE' }))).toBe('逾期 3 个工作日');
    expect(overdueText(item({ dueDate: '2026-11-24' }))).toBe('2026-11-24 到期');
  });

  it('joins 政务新媒体 accounts with their freshness deadlines (subject id = channel id)', () => {
    const rows = newMediaRows(
      [
        { id: '3', name: '微信公众号“平顶山城管”', department: { name: '平顶山市城市管理局' } },
        { id: '7', name: '微博“威县城管”', department: null },
      ],
      [item({ kind: 'NEW_MEDIA', id: '7', state: 'OVERDUE', workingDaysOverdue: 4, title: '政务新媒体：微博“威县城管”' })],
    );
    expect(rows.map((r) => [r.channelId, r.state])).toEqual([
      ['7', 'OVERDUE'],
      ['3', null],
    ]);
    expect(newMediaText(rows[0]!)).toBe('超期 4 个工作日未更新');
    expect(newMediaText(rows[1]!)).toBe('更新及时');
  });

  it('picks the newest plan among the tasks in scope', () => {
    const plan = (id: string, year: number) => ({ workPoint: { plan: { id, year, title: `${year}年要点` } } });
    expect(newestPlan([plan('1', 2021), plan('2', 2023), plan('1', 2021)])?.id).toBe('2');
    expect(newestPlan([])).toBeNull();
  });

  it('charts the plan of the current year, else the newest', () => {
    const plan = (id: string, year: number) => ({ workPoint: { plan: { id, year, title: `${year}年要点` } } });
    const tasks = [plan('1', 2026), plan('2', 2023), plan('1', 2026), plan('3', 2027)];
    expect(currentPlan(tasks, 2026)?.id).toBe('1');
    expect(currentPlan(tasks, 2023)?.id).toBe('2');
    // No plan of the year (e.g. 1 January before the new plan is loaded): the newest one.
    expect(currentPlan(tasks, 2028)?.id).toBe('3');
    expect(currentPlan([...tasks, plan('9', 2026)], 2026)?.id).toBe('9');
    expect(currentPlan([], 2026)).toBeNull();
  });

  it('ranks the units for the 考核 panel, each bar its share of the full points', () => {
    const score = (id: string, rank: number, total: number) => ({
      department: { id, name: `单位${id}` },
      rank,
      total,
      maxTotal: 100,
      frozen: false,
      asOf: '2026-12-01',
    });
    const rows = rankingRows([score('a', 3, 80), score('b', 1, 92.5), score('c', 2, 85), score('d', 2, 85), { ...score('e', 5, 120) }]);
    expect(rows.map((r) => [r.departmentId, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 2],
      ['a', 3],
      ['e', 5],
    ]);
    expect(rows[0]!.share).toBe(0.925);
    expect(rows[4]!.share).toBe(1);
    expect(rankingRows([{ ...score('z', 1, 0), maxTotal: 0 }])[0]!.share).toBe(0);
  });

  it('skips the organisations without an indicator set for the year', () => {
    const orgs = [{ id: '1' }, { id: '7' }];
    expect(rankingOrganization(orgs, new Set())).toBe('1');
    expect(rankingOrganization(orgs, new Set(['1']))).toBe('7');
    expect(rankingOrganization(orgs, new Set(['1', '7']))).toBeNull();
  });

  it('counts periods in Asia/Shanghai whatever the browser zone', () => {
    // 2026-12-31 17:00 UTC is already 1 January in Shanghai.
    expect(shanghaiDate(Date.UTC(2026, 11, 31, 17))).toBe('2027-01-01');
    expect(quarterKey('2027-01-01')).toBe('2027-Q1');
    expect(quarterKey('2026-11-22')).toBe('2026-Q4');
  });

  it('reconnects with a capped backoff', () => {
    expect(retryDelay(0, () => 1)).toBe(500);
    expect(retryDelay(3, () => 1)).toBe(4000);
    for (let i = 4; i < 100; i++) expect(retryDelay(i, () => 1)).toBe(MAX_RETRY_WAIT_MS);
    expect(retryDelay(50, () => 0)).toBe(MAX_RETRY_WAIT_MS * 0.75);
  });
});
