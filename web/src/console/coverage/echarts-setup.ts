import { BarChart, MapChart, ScatterChart, type BarSeriesOption, type MapSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  TooltipComponent,
  VisualMapComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * Only the parts of ECharts the coverage screens draw (bars, a tile-less map, points). This module is
 * reached only through the lazily loaded coverage page, so ECharts stays out of the console's first load.
 */
echarts.use([BarChart, MapChart, ScatterChart, GeoComponent, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | MapSeriesOption | ScatterSeriesOption | GeoComponentOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption
>;

export { echarts };
