import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Collapse, DatePicker, Popover, Segmented, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { downloadFile } from '../grid/download-file';
import { LargeType, rowTestId } from '../grid/grid-ui';
import { navigate, useLocation, withQuery } from '../router';
import { chinaDate, shortDateTime } from './demand-format';
import { demandsApi, type DemandFigures, type FigureCode, type FigureRow } from './demands-api';
import { useDemT } from './demands-messages';
import './demands.css';

const FiguresChart = lazy(() => import('./figures-chart'));
const CODES: readonly FigureCode[] = ['response_rate', 'same_day_rate', 'on_time_rate', 'resolution_rate', 'satisfaction_rate'];

function monthStart(today: string): string {
  return `${today.slice(0, 8)}01`;
}

/** `/demands/figures?nodeId=&from=&to=`: 诉求指标 — five figures as big cards, a chart and table per child node, Excel. */
export function DemandFiguresPage() {
  const t = useDemT();
  const zh = useLang() === 'zh-CN';
  const { message } = App.useApp();
  const location = useLocation();
  const today = chinaDate(new Date());
  const nodeId = location.search.get('nodeId') ?? undefined;
  const from = location.search.get('from') ?? monthStart(today);
  const to = location.search.get('to') ?? today;
  const [nodeName, setNodeName] = useState<string | null>(null);
  const [chartCode, setChartCode] = useState<FigureCode>('on_time_rate');
  const [exporting, setExporting] = useState(false);
  const data = useApi((signal) => demandsApi.figures({ ...(nodeId ? { nodeId } : {}), from, to }, signal), [nodeId, from, to]);

  const go = (changes: { nodeId?: string | undefined; from?: string; to?: string }) => {
    const next = { nodeId, from, to, ...changes };
    navigate(withQuery('/demands/figures', { nodeId: next.nodeId, from: next.from, to: next.to }), { replace: true });
  };
  const exportExcel = async () => {
    setExporting(true);
    try {
      const name = await downloadFile('/api/demand-figures.xlsx', { query: { nodeId, from, to }, fallbackName: '诉求指标.xlsx' });
      void message.success(t('fig.exported', { name }));
    } catch (cause) {
      void message.error(errorMessage(cause));
    } finally {
      setExporting(false);
    }
  };

  const f = data.data;
  const defs = f?.definitions ?? [];
  const chartDef = defs.find((d) => d.code === chartCode);
  const rows: FigureRow[] = f ? [...f.children] : [];

  const columns: TableColumnsType<FigureRow> = [
    { title: t('fig.col.node'), key: 'node', fixed: 'left', render: (_, r) => (r.node.id ? <a onClick={() => go({ nodeId: r.node.id ?? undefined })}>{r.node.name}</a> : r.node.name) },
    { title: t('fig.received'), key: 'received', align: 'right', render: (_, r) => r.received },
    ...CODES.map((code) => ({
      title: defs.find((d) => d.code === code)?.name ?? code,
      key: code,
      align: 'right' as const,
      render: (_: unknown, r: FigureRow) => (
        <span title={t('fig.ratio', { n: r.figures[code].numerator, d: r.figures[code].denominator })}>{r.figures[code].display}</span>
      ),
    })),
    { title: t('fig.backlog'), key: 'backlog', align: 'right', render: (_, r) => r.backlog },
    { title: t('fig.overdue'), key: 'overdue', align: 'right', render: (_, r) => (r.overdue > 0 ? <Typography.Text type="danger" strong>{r.overdue}</Typography.Text> : 0) },
  ];

  return (
    <LargeType>
      <div className="gz-demands" data-testid="demand-figures-page">
        <Typography.Title level={3}>{t('fig.title')}{f ? ` · ${f.node.name}` : ''}</Typography.Title>
        <Card>
          <Space wrap size="large">
            <span>
              {t('fig.node')}
              {t('colon')}
              <OrgTreeSelect
                style={{ display: 'inline-block', minWidth: 240 }}
                value={nodeId ? { id: nodeId, name: nodeName ?? f?.node.name ?? '' } : f ? { id: f.node.id ?? '', name: f.node.name } : null}
                allowedKinds={['district', 'street', 'community', 'grid']}
                onChange={(pick: OrgPick | null) => {
                  setNodeName(pick?.name ?? null);
                  go({ nodeId: pick?.id });
                }}
                testId="figures-node"
              />
            </span>
            <span>
              {t('fig.range')}
              {t('colon')}
              <DatePicker.RangePicker
                allowClear={false}
                value={[dayjs(from), dayjs(to)]}
                disabledDate={(d: Dayjs) => d.isAfter(dayjs(today), 'day')}
                onChange={(range) => {
                  const [a, b] = range ?? [];
                  if (a && b) go({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
                }}
                data-testid="figures-range"
              />
            </span>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()} data-testid="figures-export">
              {t('fig.export')}
            </Button>
          </Space>
        </Card>

        {data.error !== undefined && <Alert type="error" showIcon title={errorMessage(data.error)} style={{ marginTop: 16 }} />}
        {!f && data.loading && <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />}
        {f && <FiguresBody f={f} t={t} zh={zh} />}

        {f && (
          <Card title={t('fig.children')} style={{ marginTop: 16 }}>
            {rows.length === 0 ? (
              <p className="gz-muted">{t('fig.noChildren')}</p>
            ) : (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <span>{`${t('fig.chartFigure')}${t('colon')}`}</span>
                  <Segmented value={chartCode} onChange={(v) => setChartCode(CODES.find((c) => c === v) ?? 'on_time_rate')} options={defs.map((d) => ({ value: d.code, label: d.name }))} />
                </Space>
                <Suspense fallback={<Spin />}>
                  <FiguresChart rows={rows} code={chartCode} name={chartDef?.name ?? chartCode} target={chartDef?.target ?? null} onDrill={(id) => go({ nodeId: id })} />
                </Suspense>
                <Table<FigureRow>
                  style={{ marginTop: 16 }}
                  rowKey={(r) => r.node.id ?? r.node.name}
                  columns={columns}
                  dataSource={rows}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  onRow={() => rowTestId('figures-row')}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <strong>{f.node.name}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{f.received}</Table.Summary.Cell>
                      {CODES.map((code, i) => (
                        <Table.Summary.Cell key={code} index={i + 2} align="right">
                          <strong>{f.figures[code].display}</strong>
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={7} align="right">{f.backlog}</Table.Summary.Cell>
                      <Table.Summary.Cell index={8} align="right">{f.overdue}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </>
            )}
          </Card>
        )}
      </div>
    </LargeType>
  );
}

function FiguresBody({ f, t, zh }: { f: DemandFigures; t: ReturnType<typeof useDemT>; zh: boolean }) {
  return (
    <>
      <div className="gz-fig-cards" style={{ marginTop: 16 }} data-testid="demand-figure-cards">
        {f.definitions.map((d) => {
          const fig = f.figures[d.code];
          const below = d.target !== null && fig.rate !== null && fig.rate < d.target;
          return (
            <Card key={d.code} className="gz-fig-card" data-testid={`demand-figure-${d.code}`}>
              <Space align="center">
                <span className="gz-fig-name">{d.name}</span>
                <Popover content={<div style={{ maxWidth: 320, fontSize: 15 }}>{d.help}</div>} title={d.name} trigger={['hover', 'click']}>
                  <QuestionCircleOutlined aria-label={t('fig.help')} style={{ color: '#1677ff', cursor: 'pointer' }} />
                </Popover>
              </Space>
              <div className="gz-fig-value" style={{ color: below ? '#cf1322' : undefined }} data-testid="demand-figure-value">
                {fig.display}
              </div>
              <div className="gz-muted">
                {t('fig.ratio', { n: fig.numerator, d: fig.denominator })}
                {d.target !== null ? ` · ${t('fig.target', { pct: `${Math.round(d.target * 100)}%` })}` : ''}
              </div>
            </Card>
          );
        })}
      </div>
      <div className="gz-fig-counts">
        <div className="gz-fig-count" data-testid="figures-received">
          {t('fig.received')}
          <strong>{f.received}</strong>
        </div>
        <div className="gz-fig-count" data-testid="figures-backlog">
          {t('fig.backlog')}
          <strong>{f.backlog}</strong>
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/demands?tab=todo')} data-testid="figures-backlog-link">
            {t('fig.viewBacklog')}
          </Button>
        </div>
        <div className="gz-fig-count" data-testid="figures-overdue">
          {t('fig.overdue')}
          <strong style={{ color: f.overdue > 0 ? '#cf1322' : undefined }}>{f.overdue}</strong>
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/demands?tab=overdue')} data-testid="figures-overdue-link">
            {t('fig.viewOverdue')}
          </Button>
        </div>
      </div>
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'help',
            label: t('fig.help'),
            children: (
              <dl data-testid="figures-definitions">
                {f.definitions.map((d) => (
                  <div key={d.code} style={{ marginBottom: 8 }}>
                    <dt>
                      <strong>{d.name}</strong>
                    </dt>
                    <dd style={{ marginLeft: 0 }}>{d.help}</dd>
                  </div>
                ))}
              </dl>
            ),
          },
        ]}
      />
      {f.asOf && <p className="gz-muted" style={{ marginTop: 8 }}>{t('fig.asOf', { at: shortDateTime(f.asOf, zh) })}</p>}
    </>
  );
}
