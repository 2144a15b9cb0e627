import { useMemo } from 'react';
import type { ChartOption } from '../coverage/echarts-setup';
import { useEChart } from '../coverage/use-echart';
import { useDT } from './decisions-messages';

/**
 * One choice question's answers as horizontal bars (counts, with the share of respondents). Reached
 * only through a lazy import, so ECharts stays out of the console's first load.
 */
export function SolicitationChart({ question, options, respondents }: { question: string; options: { text: string; count: number }[]; respondents: number }) {
  const t = useDT();
  const option = useMemo((): ChartOption => {
    const ordered = [...options].reverse();
    return {
      animationDuration: 300,
      grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 13 } },
      yAxis: { type: 'category', data: ordered.map((entry) => entry.text), axisLabel: { fontSize: 15, color: '#333' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: ordered.map((entry) => entry.count),
          barMaxWidth: 28,
          itemStyle: { color: '#1677ff' },
          label: {
            show: true,
            position: 'right',
            fontSize: 14,
            formatter: (params) => {
              const value = typeof params.value === 'number' ? params.value : 0;
              return respondents > 0 ? `${value}（${Math.round((value / respondents) * 100)}%）` : String(value);
            },
          },
        },
      ],
    };
  }, [options, respondents]);
  const ref = useEChart(option);
  const height = Math.max(120, options.length * 44 + 24);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="solicitation-chart" role="img" aria-label={t('sol.chart.aria', { question })} />;
}
