import type { GaugeSeriesOption } from 'echarts/charts';
import type { ComposeOption } from 'echarts/core';
import { formatPercent } from './labels';

export type CompletionGaugeOption = ComposeOption<GaugeSeriesOption>;

export interface CompletionFigures {
  published: number;
  target: number | null;
  expectedByToday: number | null;
}

/** Completion in percent (published / target), capped at 100 for the dial; null without a target. */
export function completionPercent(f: CompletionFigures): number | null {
  if (!f.target) return null;
  return Math.min(100, Math.round((f.published / f.target) * 1000) / 10);
}

/** The bureau's completion gauge: the dial is the published share, the detail shows published/target. */
export function buildCompletionGaugeOption(f: CompletionFigures, style: { textColor?: string; fontSize?: number } = {}): CompletionGaugeOption {
  const textColor = style.textColor ?? '#1f2933';
  const fontSize = style.fontSize ?? 14;
  const percent = completionPercent(f);
  const pace = f.target && f.expectedByToday !== null ? f.expectedByToday / f.target : null;
  return {
    animationDurationUpdate: 300,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        startAngle: 210,
        endAngle: -30,
        center: ['50%', '58%'],
        radius: '98%',
        progress: { show: true, width: 18, itemStyle: { color: pace !== null && percent !== null && percent / 100 < pace * 0.9 ? '#f39c12' : '#27ae60' } },
        axisLine: { lineStyle: { width: 18, color: [[1, 'rgba(127,140,141,0.35)']] } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, '62%'], color: textColor, fontSize },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '10%'],
          fontSize: fontSize * 2,
          fontWeight: 'bold',
          color: textColor,
          formatter: () => (percent === null ? '—' : `${percent}%`),
        },
        data: [{ value: percent ?? 0, name: f.target ? `${f.published} / ${f.target} 条 · 应达 ${formatPercent(pace)}` : `已发布 ${f.published} 条` }],
      },
    ],
  };
}
