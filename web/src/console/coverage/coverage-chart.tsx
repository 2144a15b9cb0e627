import { useMemo } from 'react';
import type { CoverageDefinition, CoverageNode } from '../../shared/api-types';
import { useT } from '../messages';
import { definitionText, escapeHtml, levelColor } from './coverage-format';
import type { ChartOption } from './echarts-setup';
import { useEChart } from './use-echart';

type Bar = { value: number; display: string; nodeId: string; ratio: string; itemStyle: { color: string } };

function isBar(value: unknown): value is Bar {
  return typeof value === 'object' && value !== null && 'nodeId' in value && typeof value.nodeId === 'string';
}

/** The chosen figure for each child node as horizontal bars (names stay readable on a phone); a click drills in. */
export function CoverageChart({ nodes, definition, onDrill }: { nodes: CoverageNode[]; definition: CoverageDefinition; onDrill: (nodeId: string) => void }) {
  const t = useT();
  const text = definitionText(definition);

  const option = useMemo((): ChartOption => {
    // ECharts draws the first category at the bottom; reverse so the list reads top-down.
    const ordered = [...nodes].reverse();
    const bars: Bar[] = ordered.map((node) => {
      const figure = node.figures[definition.code];
      return {
        value: figure.percent ?? 0,
        display: figure.display,
        nodeId: node.id,
        ratio: `${figure.numerator} / ${figure.denominator}`,
        itemStyle: { color: levelColor(figure.percent) },
      };
    });
    return {
      animationDuration: 300,
      grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const data: unknown = item?.data;
          return isBar(data) ? `${escapeHtml(item?.name ?? '')}<br/>${escapeHtml(text.name)}${t('common.colon')}<b>${escapeHtml(data.display)}</b> (${data.ratio})` : '';
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 13 } },
      yAxis: { type: 'category', data: ordered.map((node) => node.name), axisLabel: { fontSize: 14, color: '#333' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: bars,
          barMaxWidth: 26,
          cursor: 'pointer',
          label: {
            show: true,
            position: 'right',
            fontSize: 13,
            formatter: (params) => (isBar(params.data) ? params.data.display : ''),
          },
        },
      ],
    };
  }, [nodes, definition.code, text.name, t]);

  const ref = useEChart(option, (click) => {
    if (isBar(click.data)) onDrill(click.data.nodeId);
  });
  const height = Math.max(200, nodes.length * 40 + 48);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="coverage-chart" role="img" aria-label={t('coverage.chart.aria', { name: text.name })} />;
}
