import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Segmented, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType, rowTestId, useIsPhone } from '../grid/grid-ui';
import { Link, navigate, useLocation, withQuery } from '../router';
import { mattersApi, type MatterSummary } from './decisions-api';
import { day, daysUntil, kindName } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { RaiseMatterModal } from './raise-matter-modal';
import './decisions.css';

const STATUS_FILTERS = ['active', 'raised', 'completed', 'stopped', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

export function matterStatusColor(status: string): string {
  switch (status) {
    case 'raised':
      return 'gold';
    case 'in_progress':
      return 'processing';
    case 'completed':
      return 'success';
    case 'stopped':
    case 'declined':
      return 'default';
    default:
      return 'default';
  }
}

export function MatterStatusTag({ status, t }: { status: string; t: DecisionsT }) {
  const key = (['raised', 'in_progress', 'completed', 'stopped', 'declined'] as const).find((known) => known === status) ?? 'in_progress';
  return (
    <Tag color={matterStatusColor(status)} className="gz-status-tag" data-testid="matter-status">
      {t(`status.${key}`)}
    </Tag>
  );
}

/** The deadline of the current stage: red with the days overdue, or the days left. */
export function Deadline({ at, overdue, t }: { at: string | null; overdue: boolean; t: DecisionsT }) {
  if (!at) return <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>;
  const left = daysUntil(at);
  if (overdue) {
    return (
      <Typography.Text type="danger" strong data-testid="matter-overdue">
        {t('deadline.overdue', { date: day(at), days: Math.max(1, -left) })}
      </Typography.Text>
    );
  }
  return <span className={left <= 3 ? 'gz-text-warning' : undefined}>{t('deadline.until', { date: day(at), days: Math.max(0, left) })}</span>;
}

/** `/matters?status=&q=&overdue=1`: 议事决策 — every matter with its procedure, current stage and deadline. */
export function MattersPage() {
  const t = useDT();
  const can = useCan();
  const isPhone = useIsPhone();
  const location = useLocation();
  const statusParam = location.search.get('status');
  const status: StatusFilter = STATUS_FILTERS.find((key) => key === statusParam) ?? 'active';
  const q = location.search.get('q') ?? '';
  const overdue = location.search.get('overdue') === '1';
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState(q);
  const [raising, setRaising] = useState<{ topic: MatterSummary | null } | null>(null);
  const canWrite = can('matter.write');

  const go = (changes: { status?: StatusFilter; q?: string; overdue?: boolean }) => {
    setPage(1);
    const next = { status: changes.status ?? status, q: changes.q ?? q, overdue: changes.overdue ?? overdue };
    navigate(withQuery('/matters', { status: next.status === 'active' ? undefined : next.status, q: next.q || undefined, overdue: next.overdue ? 1 : undefined }), { replace: true });
  };

  const serverStatus = status === 'active' ? 'in_progress' : status === 'all' ? undefined : status;
  const list = useApi((signal) => mattersApi.list({ status: serverStatus, q: q || undefined, page, pageSize: overdue ? 200 : 20 }, signal), [serverStatus, q, overdue, page]);
  // The server has no overdue filter: with the switch on, one large page is fetched and filtered here.
  const rows = (list.data?.items ?? []).filter((matter) => !overdue || matter.currentStage?.overdue === true);
  const topics = useApi((signal) => (status === 'active' && canWrite ? mattersApi.list({ status: 'raised', pageSize: 50 }, signal) : Promise.resolve(undefined)), [status, canWrite]);

  const open = (matter: MatterSummary) => navigate(`/matters/${encodeURIComponent(matter.id)}`);
  const done = (matterId: string) => {
    setRaising(null);
    navigate(`/matters/${encodeURIComponent(matterId)}`);
  };

  const titleCell = (matter: MatterSummary) => (
    <div>
      <Link to={`/matters/${encodeURIComponent(matter.id)}`} className="gz-matter-title" data-testid="matter-link">
        {matter.title}
      </Link>
      <div className="gz-tag-line">
        {matter.category && <Tag>{matter.category}</Tag>}
        {matter.batch && <Tag color="purple">{t('matters.batch', { count: matter.itemCount })}</Tag>}
        {matter.raisedByResident && <Tag color="cyan">{t('matters.fromResident')}</Tag>}
        <span className="gz-muted">{matter.communityName}</span>
      </div>
    </div>
  );
  const stageCell = (matter: MatterSummary) =>
    matter.currentStage ? (
      <div>
        <strong>{matter.currentStage.name}</strong>
        <div className="gz-muted">
          {kindName(matter.currentStage.kind)} · {t('matters.stageOf', { done: matter.stagesDone, count: matter.stageCount })}
        </div>
      </div>
    ) : (
      <span className="gz-muted">—</span>
    );

  const columns: TableColumnsType<MatterSummary> = isPhone
    ? [
        {
          key: 'card',
          render: (_, matter) => (
            <div className="gz-matter-card">
              <div className="gz-matter-card-head">
                <MatterStatusTag status={matter.status} t={t} />
                {titleCell(matter)}
              </div>
              <div>
                {t('matters.col.stage')}
                {t('colon')}
                {matter.currentStage ? matter.currentStage.name : '—'}
              </div>
              <Deadline at={matter.currentStage?.dueAt ?? null} overdue={matter.currentStage?.overdue === true} t={t} />
            </div>
          ),
        },
      ]
    : [
        { title: t('matters.col.title'), key: 'title', render: (_, matter) => titleCell(matter) },
        { title: t('matters.col.procedure'), key: 'procedure', width: 180, render: (_, matter) => matter.procedureName ?? <span className="gz-muted">—</span> },
        { title: t('matters.col.stage'), key: 'stage', width: 200, render: (_, matter) => stageCell(matter) },
        { title: t('matters.col.deadline'), key: 'deadline', width: 210, render: (_, matter) => <Deadline at={matter.currentStage?.dueAt ?? null} overdue={matter.currentStage?.overdue === true} t={t} /> },
        { title: t('matters.col.status'), key: 'status', width: 110, render: (_, matter) => <MatterStatusTag status={matter.status} t={t} /> },
        {
          key: 'open',
          width: 96,
          render: (_, matter) => (
            <Button onClick={() => open(matter)} icon={<RightOutlined />} iconPlacement="end" data-testid="matter-open">
              {t('open')}
            </Button>
          ),
        },
      ];

  const topicItems = topics.data?.items ?? [];

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-decisions" data-testid="matters-page">
        <Card
          title={t('matters.title')}
          variant="borderless"
          extra={
            canWrite ? (
              <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setRaising({ topic: null })} data-testid="matter-raise">
                {t('matters.raise')}
              </Button>
            ) : null
          }
        >
          {topicItems.length > 0 && (
            <div className="gz-topics" data-testid="topics">
              <div className="gz-section-title">{t('matters.topics', { count: topicItems.length })}</div>
              <Typography.Paragraph type="secondary">{t('matters.topics.hint')}</Typography.Paragraph>
              {topicItems.map((topic) => (
                <div key={topic.id} className="gz-topic" data-testid="topic-row">
                  <div className="gz-topic-main">
                    <strong>{topic.title}</strong>
                    <div className="gz-muted">
                      {topic.raisedByResident ? t('matters.fromResident') : topic.communityName} · {day(topic.raisedAt)}
                    </div>
                  </div>
                  <Button type="primary" onClick={() => setRaising({ topic })} data-testid="topic-accept">
                    {t('matters.accept')}
                  </Button>
                </div>
              ))}
            </div>
          )}
          <Space wrap className="gz-filters" align="center">
            <Segmented<StatusFilter>
              value={status}
              onChange={(value) => go({ status: value })}
              options={STATUS_FILTERS.map((value) => ({ value, label: t(value === 'raised' ? 'status.raised' : value === 'active' ? 'status.active' : `status.${value}`) }))}
              data-testid="matters-status"
            />
            <Input.Search allowClear value={search} onChange={(event) => setSearch(event.target.value)} onSearch={(value) => go({ q: value.trim() })} placeholder={t('matters.search')} style={{ width: 240 }} data-testid="matters-search" />
            <Space>
              <Switch checked={overdue} onChange={(checked) => go({ overdue: checked })} data-testid="matters-overdue" />
              <span>{t('matters.filter.overdue')}</span>
            </Space>
          </Space>
          {list.error !== undefined && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
          <Table<MatterSummary>
            data-testid="matters-table"
            rowKey="id"
            loading={list.loading}
            columns={columns}
            showHeader={!isPhone}
            dataSource={rows}
            rowClassName={(matter) => (matter.currentStage?.overdue ? 'gz-row-overdue' : '')}
            onRow={() => rowTestId('matter-row')}
            pagination={{ current: page, pageSize: overdue ? 200 : 20, total: overdue ? rows.length : list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (total) => t('total', { total }) }}
            locale={{ emptyText: t('matters.empty') }}
          />
        </Card>
        {raising && <RaiseMatterModal topic={raising.topic} onClose={() => setRaising(null)} onDone={done} />}
      </div>
    </LargeType>
  );
}
