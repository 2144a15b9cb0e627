import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

/** ECharts is large: the coverage page (and with it ECharts) loads only when someone opens it. */
const CoveragePage = lazy(() => import('./coverage-page').then((module) => ({ default: module.CoveragePage })));

export function LazyCoveragePage() {
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '64px auto' }} />}>
      <CoveragePage />
    </Suspense>
  );
}
