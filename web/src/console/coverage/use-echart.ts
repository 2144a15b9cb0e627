import { useEffect, useRef, type RefObject } from 'react';
import { echarts, type ChartOption } from './echarts-setup';

/** What a click on a series item tells: its name, data index and the data item itself. */
export type ChartClick = { componentType: string; seriesType: string | null; name: string; dataIndex: number; seriesIndex: number; data: unknown };

/**
 * One ECharts instance bound to a div: created on mount, resized with its box, disposed on unmount.
 * Each new option replaces the previous one (notMerge), so series that went away do not linger.
 */
export function useEChart(option: ChartOption | null, onClick?: (click: ChartClick) => void): RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  });

  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (params) => {
      clickRef.current?.({ componentType: params.componentType, seriesType: params.seriesType ?? null, name: params.name, dataIndex: params.dataIndex, seriesIndex: params.seriesIndex ?? 0, data: params.data });
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
