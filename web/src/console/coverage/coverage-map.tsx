import { Alert, Empty, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { CoverageDefinition, MapBuildings, MapGrid, MapGrids } from '../../shared/api-types';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { definitionText, escapeHtml, LEVEL_COLORS } from './coverage-format';
import { echarts, type ChartOption } from './echarts-setup';
import { useEChart } from './use-echart';

type GeoFeature = { type: 'Feature'; id: string; properties: { name: string }; geometry: NonNullable<MapGrid['boundary']>['geometry'] };
type RegisteredGeoJson = Parameters<typeof echarts.registerMap>[1];

/**
 * Registers the grids' boundaries as an ECharts map of their own: no base tiles exist (nothing is
 * fetched from the internet), so the map is just the grids, coloured by the chosen figure.
 * Region names are grid ids (two communities may both have a 第一网格); labels show the names.
 */
function registerGrids(nodeId: string, grids: MapGrid[]): string | null {
  const features: GeoFeature[] = grids.flatMap((grid) => (grid.boundary ? [{ type: 'Feature' as const, id: grid.id, properties: { name: grid.id }, geometry: grid.boundary.geometry }] : []));
  if (features.length === 0) return null;
  const name = `gz-grids-${nodeId}`; // registering again under the same name replaces the shapes
  const geoJson: unknown = { type: 'FeatureCollection', features };
  echarts.registerMap(name, geoJson as RegisteredGeoJson);
  return name;
}

type RegionDatum = { name: string; value: number; gridName: string; display: string; ratio: string };
type PointDatum = { name: string; value: [number, number] };

function isRegion(value: unknown): value is RegionDatum {
  return typeof value === 'object' && value !== null && 'gridName' in value;
}

/** 地图: grids coloured by a figure (visualMap), buildings as points; a click on a grid drills into it. */
export function CoverageMap({ nodeId, definition, onDrill }: { nodeId: string; definition: CoverageDefinition; onDrill: (gridId: string) => void }) {
  const t = useT();
  const text = definitionText(definition);
  const grids = useApi((signal) => api.get<MapGrids>('/api/map/grids', { signal, query: { nodeId } }), [nodeId]);
  const buildings = useApi((signal) => api.get<MapBuildings>('/api/map/buildings', { signal, query: { nodeId } }), [nodeId]);

  const mapName = useMemo(() => (grids.data ? registerGrids(grids.data.node.id, grids.data.grids) : null), [grids.data]);
  const withoutBoundary = (grids.data?.grids ?? []).filter((grid) => !grid.boundary);

  const option = useMemo((): ChartOption | null => {
    if (!mapName || !grids.data) return null;
    const names = new Map(grids.data.grids.map((grid) => [grid.id, grid.name]));
    const [, minLat, , maxLat] = grids.data.bbox ?? [0, 30, 0, 30];
    const midLat = (minLat + maxLat) / 2;
    const regions: RegionDatum[] = grids.data.grids
      .filter((grid) => grid.boundary)
      .map((grid) => {
        const figure = grid.figures[definition.code];
        return { name: grid.id, value: figure.percent ?? Number.NaN, gridName: grid.communityName ? `${grid.communityName} ${grid.name}` : grid.name, display: figure.display, ratio: `${figure.numerator} / ${figure.denominator}` };
      });
    const points: PointDatum[] = (buildings.data?.buildings ?? []).flatMap((building) => (building.point ? [{ name: building.name, value: [building.point.lng, building.point.lat] as [number, number] }] : []));
    const byRegion = new Map(regions.map((region) => [region.name, region]));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          if (!item) return '';
          const region = isRegion(item.data) ? item.data : byRegion.get(item.name);
          if (region) return `<b>${escapeHtml(region.gridName)}</b><br/>${escapeHtml(text.name)}${t('common.colon')}<b>${escapeHtml(region.display)}</b> (${region.ratio})<br/><span style="color:#888">${t('map.clickToDrill')}</span>`;
          return `${t('map.building')}${t('common.colon')}${escapeHtml(item.name)}`;
        },
      },
      geo: {
        map: mapName,
        roam: true,
        aspectScale: Math.cos((midLat * Math.PI) / 180) || 0.85,
        layoutCenter: ['50%', '48%'],
        layoutSize: '92%',
        label: { show: true, fontSize: 14, color: '#1f1f1f', formatter: (params: { name: string }) => names.get(params.name) ?? params.name },
        itemStyle: { areaColor: '#f5f5f5', borderColor: '#595959', borderWidth: 1.2 },
        emphasis: { label: { color: '#000' }, itemStyle: { borderColor: '#1677ff', borderWidth: 2 } },
        select: { disabled: true },
      },
      visualMap: {
        type: 'piecewise',
        seriesIndex: 0,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        textStyle: { fontSize: 13 },
        pieces: [
          { min: 90, max: 100, label: t('map.legend.good'), color: LEVEL_COLORS.good },
          { min: 60, max: 90, label: t('map.legend.fair'), color: LEVEL_COLORS.fair },
          { min: 0, max: 60, label: t('map.legend.poor'), color: LEVEL_COLORS.poor },
        ],
        outOfRange: { color: LEVEL_COLORS.none },
      },
      series: [
        { type: 'map', geoIndex: 0, data: regions },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: points,
          symbolSize: 9,
          itemStyle: { color: '#1677ff', borderColor: '#fff', borderWidth: 1 },
          // Building names only when there are few of them (a grid), or the map turns into text.
          label: { show: points.length <= 30, formatter: '{b}', position: 'right', fontSize: 12, color: '#1f1f1f' },
          zlevel: 1,
        },
      ],
    };
  }, [mapName, grids.data, buildings.data, definition.code, text.name, t]);

  const ref = useEChart(option, (click) => {
    if (click.seriesType === 'scatter') return;
    if (grids.data?.grids.some((grid) => grid.id === click.name)) onDrill(click.name);
  });

  const error = grids.error ?? buildings.error;
  return (
    <div>
      {error !== undefined && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('map.intro', { name: text.name })}</Typography.Paragraph>
      {grids.loading && !grids.data && <Spin />}
      {grids.data && !mapName && <Empty description={t('map.noBoundaries')} />}
      <div ref={ref} className="gz-coverage-map" style={{ display: mapName ? 'block' : 'none' }} data-testid="coverage-map" role="img" aria-label={t('map.aria', { name: text.name })} />
      {withoutBoundary.length > 0 && mapName && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('map.missingBoundaries', { names: withoutBoundary.map((grid) => grid.name).join('、') })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
