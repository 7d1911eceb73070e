/**
 * The one place where ECharts modules are registered (tree-shaken: only what the dashboard draws).
 * Every chart component imports VChart from here.
 */
import { BarChart, GaugeChart, ScatterChart, type BarSeriesOption, type GaugeSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';

use([CanvasRenderer, BarChart, ScatterChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent]);

/** An option made only of the registered modules. */
export type ChartOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GaugeSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { VChart };
