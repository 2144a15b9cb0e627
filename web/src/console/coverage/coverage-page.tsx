import { DownloadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Empty, Space, Spin, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Coverage, CoverageDefinition, CoverageFigureCode, CoverageNode, OrgNodeDetail } from '../../shared/api-types';
import { useMe } from '../auth-context';
import { ApiErrorResult } from '../common/api-error-result';
import { OrgTreeSelect } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { downloadFile } from '../grid/download-file';
import { LargeType, rowTestId, useIsPhone } from '../grid/grid-ui';
import { useT } from '../messages';
import { navigate, useLocation, withQuery } from '../router';
import { CoverageChart } from './coverage-chart';
import { definitionText, FIGURE_CODES, isFigureCode, levelColor } from './coverage-format';
import { CoverageMap } from './coverage-map';
import { FigureCards } from './figure-cards';
import { MissingList } from './missing-list';
import './coverage.css';

type TabKey = 'children' | 'missing' | 'map';
const TABS: readonly TabKey[] = ['children', 'missing', 'map'];

/** `/coverage?nodeId=&figure=&tab=`: 五个百分百 for a node, its children compared, the gaps listed, a map. */
export function CoveragePage() {
  const t = useT();
  const me = useMe();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const location = useLocation();
  const homeIds = me.roles.map((binding) => binding.nodeId);
  const nodeId = location.search.get('nodeId') ?? homeIds[0] ?? '';
  const figureParam = location.search.get('figure');
  const figure: CoverageFigureCode = isFigureCode(figureParam) ? figureParam : 'basic_info';
  const tab: TabKey = TABS.find((key) => key === location.search.get('tab')) ?? 'children';
  const [exporting, setExporting] = useState(false);

  const coverage = useApi((signal) => api.get<Coverage>('/api/coverage', { signal, query: { nodeId } }), [nodeId]);
  const detail = useApi((signal) => api.get<OrgNodeDetail>(`/api/org/nodes/${encodeURIComponent(nodeId)}`, { signal }), [nodeId]);

  // Drilling into another node is a step the back button undoes; switching figure or tab is not.
  const go = (changes: { nodeId?: string; figure?: CoverageFigureCode; tab?: TabKey }) => {
    const nextTab = changes.tab ?? tab;
    const target = withQuery('/coverage', { nodeId: changes.nodeId ?? nodeId, figure: changes.figure ?? figure, tab: nextTab === 'children' ? undefined : nextTab });
    navigate(target, { replace: (changes.nodeId ?? nodeId) === nodeId });
  };

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/coverage/export.xlsx', { query: { nodeId }, fallbackName: 'coverage.xlsx' });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const data = coverage.data?.node.id === nodeId ? coverage.data : undefined;
  const definitions = data?.definitions ?? [];
  const definition: CoverageDefinition | undefined = definitions.find((candidate) => candidate.code === figure);

  // The way up, from the first of the account's own nodes down to here (higher ones are out of scope).
  const ancestors = detail.data?.id === nodeId ? detail.data.ancestors : [];
  const firstHome = ancestors.findIndex((ancestor) => homeIds.includes(ancestor.id));
  const trail = homeIds.includes(nodeId) || firstHome < 0 ? [] : ancestors.slice(firstHome);

  const childColumns: TableColumnsType<CoverageNode> = [
    {
      title: t('coverage.child'),
      key: 'name',
      fixed: 'left',
      render: (_, node) => (
        <Button type="link" className="gz-name-link" onClick={() => go({ nodeId: node.id })} data-testid="coverage-child">
          {node.name}
        </Button>
      ),
    },
    ...FIGURE_CODES.map((code) => {
      const found = definitions.find((candidate) => candidate.code === code);
      return {
        title: found ? definitionText(found).name : code,
        key: code,
        align: 'right' as const,
        render: (_: unknown, node: CoverageNode) => (
          <span style={{ color: levelColor(node.figures[code].percent), fontWeight: code === figure ? 700 : 500 }}>
            {node.figures[code].display}
            <div className="gz-muted gz-ratio-small">
              {node.figures[code].numerator}/{node.figures[code].denominator}
            </div>
          </span>
        ),
      };
    }),
  ];

  const extra = (
    <Space wrap>
      <OrgTreeSelect
        value={data ? { id: data.node.id, name: data.node.name } : null}
        onChange={(pick) => pick && go({ nodeId: pick.id })}
        allowedKinds={['district', 'street', 'community', 'grid', 'building']}
        className="gz-filter-item"
        testId="coverage-node"
      />
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="coverage-export">
        {t('coverage.export')}
      </Button>
    </Space>
  );

  return (
    <LargeType>
      <div className="gz-page gz-grid-page" data-testid="coverage-page">
        <Card title={t('nav.coverage')} variant="borderless" extra={extra}>
          {coverage.error !== undefined && <ApiErrorResult error={coverage.error} onRetry={coverage.reload} />}
          {!data && coverage.loading && <Spin />}
          {data && definition && (
            <>
              {trail.length > 0 && (
                <Breadcrumb
                  style={{ marginBottom: 8 }}
                  items={[
                    ...trail.map((ancestor) => ({ key: ancestor.id, title: <a onClick={() => go({ nodeId: ancestor.id })}>{ancestor.name}</a> })),
                    { key: data.node.id, title: data.node.name },
                  ]}
                />
              )}
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="coverage-title">
                {data.node.name}
                <Typography.Text type="secondary" className="gz-as-of">
                  {' '}
                  {t('coverage.asOf', { date: data.asOf })}
                </Typography.Text>
              </Typography.Title>
              <FigureCards node={data.node} definitions={definitions} selected={figure} onSelect={(code) => go({ figure: code })} onShowMissing={(code) => go({ figure: code, tab: 'missing' })} />
              <Tabs
                activeKey={tab}
                onChange={(key) => go({ tab: TABS.find((candidate) => candidate === key) ?? 'children' })}
                items={[
                  {
                    key: 'children',
                    label: <span data-testid="coverage-tab-children">{t('coverage.tab.children')}</span>,
                    children:
                      data.children.length === 0 ? (
                        <Empty description={t('coverage.noChildren')} />
                      ) : (
                        <>
                          <Typography.Paragraph type="secondary">{t('coverage.chart.hint', { name: definitionText(definition).name })}</Typography.Paragraph>
                          <CoverageChart nodes={data.children} definition={definition} onDrill={(id) => go({ nodeId: id })} />
                          <Table<CoverageNode>
                            style={{ marginTop: 16 }}
                            data-testid="coverage-children-table"
                            rowKey="id"
                            size="middle"
                            columns={childColumns}
                            dataSource={data.children}
                            onRow={() => rowTestId('coverage-child-row')}
                            scroll={{ x: isPhone ? 760 : 'max-content' }}
                            pagination={false}
                          />
                        </>
                      ),
                  },
                  {
                    key: 'missing',
                    label: <span data-testid="coverage-tab-missing">{t('coverage.tab.missing')}</span>,
                    children: <MissingList nodeId={nodeId} definition={definition} />,
                  },
                  {
                    key: 'map',
                    label: <span data-testid="coverage-tab-map">{t('coverage.tab.map')}</span>,
                    children: <CoverageMap nodeId={nodeId} definition={definition} onDrill={(id) => go({ nodeId: id })} />,
                  },
                ]}
              />
            </>
          )}
        </Card>
      </div>
    </LargeType>
  );
}
