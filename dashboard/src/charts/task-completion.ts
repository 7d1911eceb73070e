import type { BarSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { TaskStatus } from '../graphql/generated/graphql';
import { TASK_STATUS } from './labels';

export type TaskCompletionOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Task counts of one work point by status. */
export interface WorkPointProgress {
  workPointId: string;
  number: string;
  title: string;
  total: number;
  counts: Record<TaskStatus, number>;
}

export const MAX_WORK_POINTS = 20;
const ORDER: TaskStatus[] = ['DONE', 'IN_PROGRESS', 'NOT_STARTED', 'NOT_APPLICABLE'];

interface TaskLike {
  status: TaskStatus;
  workPoint: { id: string; number: string; title: string };
}

/** Groups tasks per work point (in order of the work point ids, i.e. plan order), at most `limit`. */
export function workPointProgress(tasks: readonly TaskLike[], limit = MAX_WORK_POINTS): WorkPointProgress[] {
  const byId = new Map<string, WorkPointProgress>();
  for (const t of tasks) {
    let row = byId.get(t.workPoint.id);
    if (!row) {
      row = {
        workPointId: t.workPoint.id,
        number: t.workPoint.number,
        title: t.workPoint.title,
        total: 0,
        counts: { DONE: 0, IN_PROGRESS: 0, NOT_STARTED: 0, NOT_APPLICABLE: 0 },
      };
      byId.set(t.workPoint.id, row);
    }
    row.total++;
    row.counts[t.status]++;
  }
  return [...byId.values()].sort((a, b) => Number(a.workPointId) - Number(b.workPointId) || a.workPointId.localeCompare(b.workPointId)).slice(0, limit);
}

/** Share of a work point's applicable tasks that are done. */
export function doneShare(row: WorkPointProgress): number | null {
  const applicable = row.total - row.counts.NOT_APPLICABLE;
  return applicable > 0 ? row.counts.DONE / applicable : null;
}

/** Stacked columns: tasks per work point by status. */
export function buildTaskCompletionOption(rows: readonly WorkPointProgress[], style: { textColor?: string; fontSize?: number } = {}): TaskCompletionOption {
  const textColor = style.textColor ?? '#1f2933';
  const fontSize = style.fontSize ?? 14;
  return {
    animationDurationUpdate: 300,
    grid: { left: 8, right: 16, top: 32, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: { color: textColor, fontSize } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((r) => r.number), axisLabel: { color: textColor, fontSize, interval: 0 }, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: textColor, fontSize }, splitLine: { lineStyle: { color: 'rgba(127,140,141,0.25)' } } },
    series: ORDER.map((status) => ({
      name: TASK_STATUS[status].label,
      type: 'bar' as const,
      stack: 'tasks',
      itemStyle: { color: TASK_STATUS[status].color },
      data: rows.map((r) => r.counts[status]),
    })),
  };
}
