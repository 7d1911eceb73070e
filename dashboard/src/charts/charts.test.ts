import { describe, expect, it } from 'vitest';
import { buildCompletionGaugeOption, completionPercent } from './completion-gauge';
import { QUOTA_STATUS } from './labels';
import { buildQuotaBarsOption, MAX_QUOTA_BARS, quotaBarRows } from './quota-bars';
import { buildTaskCompletionOption, doneShare, workPointProgress } from './task-completion';

const boardRow = (id: number, over: Partial<Parameters<typeof quotaBarRows>[0][number]> = {}) => ({
  department: { id: String(id), name: `单位${id}` },
  category: null,
  depth: 1,
  published: id * 2,
  target: 50,
  expectedByToday: 26.6,
  status: 'ON_PACE' as const,
  ...over,
});

describe('quota bars', () => {
  it('keeps the all-categories rows that have a quota, in board order', () => {
    const rows = quotaBarRows([
      boardRow(1, { target: null, status: null }),
      boardRow(2),
      boardRow(2, { category: { id: '9' } }),
      boardRow(3, { status: 'BEHIND' }),
    ]);
    expect(rows.map((r) => r.departmentId)).toEqual(['2', '3']);
    expect(rows[1]).toMatchObject({ name: '单位3', published: 6, target: 50, status: 'BEHIND' });
  });

  it('is bounded however many departments there are', () => {
    const rows = quotaBarRows(Array.from({ length: 500 }, (_, i) => boardRow(i + 1)));
    expect(rows).toHaveLength(MAX_QUOTA_BARS);
  });

  it('draws published bars coloured by pace, a target mark and the expected pace', () => {
    const option = buildQuotaBarsOption(
      quotaBarRows([boardRow(1, { published: 13, status: 'BEHIND' }), boardRow(2, { published: 52, status: 'MET', expectedByToday: null })]),
    );
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['单位1', '单位2'] });
    const [bars, target, expected] = option.series as any[];
    expect(bars.data).toEqual([
      { value: 13, itemStyle: { color: QUOTA_STATUS.BEHIND.color } },
      { value: 52, itemStyle: { color: QUOTA_STATUS.MET.color } },
    ]);
    expect(bars.label.formatter({ dataIndex: 0 })).toBe('13/50 严重滞后');
    expect(target).toMatchObject({ name: '指标', type: 'scatter', data: [50, 50] });
    expect(expected.data).toEqual([26.6, '-']);
    // Room for the longest bar and the target.
    expect((option.xAxis as { max: number }).max).toBeGreaterThanOrEqual(52);
  });

  it('builds an empty chart without data', () => {
    const option = buildQuotaBarsOption([]);
    expect((option.series as any[])[0].data).toEqual([]);
  });
});

describe('completion gauge', () => {
  it('shows published/target, capped at 100 on the dial', () => {
    expect(completionPercent({ published: 358, target: 750, expectedByToday: 399 })).toBe(47.7);
    expect(completionPercent({ published: 900, target: 750, expectedByToday: 399 })).toBe(100);
    expect(completionPercent({ published: 3, target: null, expectedByToday: null })).toBeNull();
    const option = buildCompletionGaugeOption({ published: 358, target: 750, expectedByToday: 399 });
    const [gauge] = option.series as any[];
    expect(gauge.data[0]).toEqual({ value: 47.7, name: '358 / 750 条 · 应达 53.2%' });
    expect(gauge.detail.formatter()).toBe('47.7%');
    // Behind the pace (47.7% < 90% of 53.2%): the progress turns amber.
    expect(gauge.progress.itemStyle.color).toBe('#f39c12');
  });

  it('says so when there is no quota', () => {
    const [gauge] = buildCompletionGaugeOption({ published: 4, target: null, expectedByToday: null }).series as any[];
    expect(gauge.detail.formatter()).toBe('—');
    expect(gauge.data[0].name).toBe('已发布 4 条');
  });
});

describe('task completion per work point', () => {
  const wp = (id: string, number: string) => ({ id, number, title: `要点${number}` });
  const tasks = [
    { status: 'DONE' as const, workPoint: wp('12', '二(二)') },
    { status: 'IN_PROGRESS' as const, workPoint: wp('11', '二(一)') },
    { status: 'DONE' as const, workPoint: wp('11', '二(一)') },
    { status: 'NOT_APPLICABLE' as const, workPoint: wp('11', '二(一)') },
  ];

  it('counts tasks by status per work point, in plan order', () => {
    const rows = workPointProgress(tasks);
    expect(rows.map((r) => r.number)).toEqual(['二(一)', '二(二)']);
    expect(rows[0]).toMatchObject({ total: 3, counts: { DONE: 1, IN_PROGRESS: 1, NOT_STARTED: 0, NOT_APPLICABLE: 1 } });
    // 不适用 does not count against completion.
    expect(doneShare(rows[0]!)).toBe(0.5);
    expect(workPointProgress(tasks, 1)).toHaveLength(1);
  });

  it('stacks one series per status', () => {
    const option = buildTaskCompletionOption(workPointProgress(tasks));
    expect((option.series as any[]).map((s) => [s.name, s.stack, s.data])).toEqual([
      ['已完成', 'tasks', [1, 1]],
      ['进行中', 'tasks', [1, 0]],
      ['未开始', 'tasks', [0, 0]],
      ['不适用', 'tasks', [1, 0]],
    ]);
    expect(option.xAxis).toMatchObject({ data: ['二(一)', '二(二)'] });
  });
});
