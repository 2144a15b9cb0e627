import { Spin } from 'antd';
import { lazy, Suspense, type ComponentProps } from 'react';

const Chart = lazy(() => import('./solicitation-chart').then((module) => ({ default: module.SolicitationChart })));

/** The solicitation bar chart, loaded (with ECharts) only when a summary is shown. */
export function LazySolicitationChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<Spin />}>
      <Chart {...props} />
    </Suspense>
  );
}
