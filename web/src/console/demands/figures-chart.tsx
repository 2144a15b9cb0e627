import { useMemo } from 'react';
import { escapeHtml } from '../coverage/coverage-format';
import type { ChartOption } from '../coverage/echarts-setup';
import { useEChart } from '../coverage/use-echart';
import type { FigureCode, FigureRow } from './demands-api';

type Bar = { value: number; display: string; nodeId: string | null; itemStyle: { color: string } };
function isBar(value: unknown): value is Bar {
  return typeof value === 'object' && value !== null && 'display' in value;
}
function color(rate: number | null, target: number | null): string {
  if (rate === null) return '#bfbfbf';
  // Without a target there is no "good" or "bad": one plain colour.
  if (target === null) return '#1677ff';
  return rate >= target ? '#389e0d' : rate >= target - 0.15 ? '#d48806' : '#cf1322';
}

/** One figure for each child node as horizontal bars (names stay readable); a click drills in. Loaded lazily with ECharts. */
export default function FiguresChart({ rows, code, name, target, onDrill }: { rows: FigureRow[]; code: FigureCode; name: string; target: number | null; onDrill: (nodeId: string) => void }) {
  const option = useMemo((): ChartOption => {
    const ordered = [...rows].reverse();
    const bars: Bar[] = ordered.map((r) => {
      const f = r.figures[code];
      return { value: f.rate === null ? 0 : Math.round(f.rate * 1000) / 10, display: `${f.display}（${f.numerator}/${f.denominator}）`, nodeId: r.node.id, itemStyle: { color: color(f.rate, target) } };
    });
    return {
      animationDuration: 300,
      grid: { left: 8, right: 120, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p) => { const item = Array.isArray(p) ? p[0] : p; return isBar(item?.data) ? `${escapeHtml(item?.name ?? '')}<br/>${escapeHtml(name)}：<b>${escapeHtml(item.data.display)}</b>` : ''; } },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 13 } },
      yAxis: { type: 'category', data: ordered.map((r) => r.node.name), axisLabel: { fontSize: 15, color: '#333' }, axisTick: { show: false } },
      series: [{ type: 'bar', data: bars, barMaxWidth: 26, cursor: 'pointer', label: { show: true, position: 'right', fontSize: 14, formatter: (p) => (isBar(p.data) ? p.data.display : '') } }],
    };
  }, [rows, code, name, target]);
  const ref = useEChart(option, (click) => {
    if (isBar(click.data) && click.data.nodeId) onDrill(click.data.nodeId);
  });
  return <div ref={ref} style={{ width: '100%', height: Math.max(200, rows.length * 44 + 48) }} data-testid="demand-figures-chart" role="img" aria-label={name} />;
}
