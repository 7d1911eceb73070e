import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { QuotaStatus } from '../graphql/generated/graphql';
import { quotaStatusColor, quotaStatusLabel } from './labels';

export type QuotaBarsOption = ComposeOption<BarSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One department's bar: published against its target, coloured by pace. */
export interface QuotaBarRow {
  departmentId: string;
  name: string;
  depth: number;
  published: number;
  target: number;
  expectedByToday: number | null;
  status: QuotaStatus | null;
}

/** Bars on one chart at most (the wall screen stays readable and bounded). */
export const MAX_QUOTA_BARS = 24;

interface BoardRow {
  department: { id: string; name: string };
  category?: { id: string } | null;
  depth: number;
  published: number;
  target: number | null;
  expectedByToday: number | null;
  status: QuotaStatus | null;
}

/** The all-categories rows that have a quota, in board order, at most `limit`. */
export function quotaBarRows(rows: readonly BoardRow[], limit = MAX_QUOTA_BARS): QuotaBarRow[] {
  const out: QuotaBarRow[] = [];
  for (const r of rows) {
    if (r.category || r.target === null) continue;
    out.push({
      departmentId: r.department.id,
      name: r.department.name,
      depth: r.depth,
      published: r.published,
      target: r.target,
      expectedByToday: r.expectedByToday,
      status: r.status,
    });
    if (out.length >= limit) break;
  }
  return out;
}

export interface QuotaBarsStyle {
  /** Text colour (light on the dark wall screen). */
  textColor?: string;
  fontSize?: number;
}

/** Horizontal bars: published per department, a target mark and the pace expected by today. */
export function buildQuotaBarsOption(rows: readonly QuotaBarRow[], style: QuotaBarsStyle = {}): QuotaBarsOption {
  const textColor = style.textColor ?? '#1f2933';
  const fontSize = style.fontSize ?? 14;
  const names = rows.map((r) => r.name);
  const max = Math.max(1, ...rows.map((r) => Math.max(r.published, r.target)));
  return {
    animationDurationUpdate: 300,
    grid: { left: 8, right: 72, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, textStyle: { color: textColor, fontSize }, data: ['已发布', '指标', '应发布（按进度）'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      max: Math.ceil(max * 1.05),
      axisLabel: { color: textColor, fontSize },
      splitLine: { lineStyle: { color: 'rgba(127,140,141,0.25)' } },
    },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { color: textColor, fontSize }, axisTick: { show: false } },
    series: [
      {
        name: '已发布',
        type: 'bar',
        barWidth: '60%',
        barMaxWidth: 28,
        data: rows.map((r) => ({ value: r.published, itemStyle: { color: quotaStatusColor(r.status) } })),
        label: {
          show: true,
          position: 'right',
          color: textColor,
          fontSize,
          formatter: (p) => `${rows[p.dataIndex]!.published}/${rows[p.dataIndex]!.target} ${quotaStatusLabel(rows[p.dataIndex]!.status)}`,
        },
      },
      {
        name: '指标',
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [4, Math.max(12, fontSize + 6)],
        itemStyle: { color: textColor },
        z: 5,
        data: rows.map((r) => r.target),
      },
      {
        name: '应发布（按进度）',
        type: 'scatter',
        symbol: 'triangle',
        // Above the bar, pointing down at the pace: clear of the bar's label.
        symbolRotate: 180,
        symbolOffset: [0, -Math.max(10, fontSize * 0.7)],
        symbolSize: 10,
        itemStyle: { color: '#f1c40f' },
        z: 6,
        data: rows.map((r) => r.expectedByToday ?? '-'),
      },
    ],
  };
}
