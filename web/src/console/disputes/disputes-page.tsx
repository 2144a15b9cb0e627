import { PlusOutlined, RightOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType, rowTestId, useIsPhone } from '../grid/grid-ui';
import { Link, navigate } from '../router';
import { disputesApi, type DisputeSummary, type RiskLevel } from './disputes-api';
import { chinaDay } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';
import { RegisterDisputeModal } from './register-dispute-modal';
import { useCatalogue } from './use-catalogue';
import './disputes.css';

const RISK_COLOR: Record<RiskLevel, string> = { low: 'default', medium: 'gold', high: 'orange', critical: 'red' };
const STATUS_COLOR: Record<string, string> = { mediating: 'processing', settled: 'success', exhausted: 'warning', referred: 'purple', closed: 'default' };

export function RiskTag({ dispute }: { dispute: Pick<DisputeSummary, 'riskLevel' | 'riskLabel'> }) {
  const t = useDisT();
  return (
    <Tag color={RISK_COLOR[dispute.riskLevel]} data-testid="dispute-risk-tag">
      {t('risk.label', { risk: dispute.riskLabel })}
    </Tag>
  );
}

export function WarningTags({ labels }: { labels: string[] }) {
  return (
    <>
      {labels.map((label) => (
        <Tag key={label} color="red" icon={<WarningFilled />} data-testid="dispute-flag-tag">
          {label}
        </Tag>
      ))}
    </>
  );
}

export function StatusTag({ dispute }: { dispute: Pick<DisputeSummary, 'status' | 'statusLabel'> }) {
  return (
    <Tag color={STATUS_COLOR[dispute.status] ?? 'default'} data-testid="dispute-status">
      {dispute.statusLabel}
    </Tag>
  );
}

/** Where the dispute stands: 「网格调解」已调解 2/3 次, or its status after mediation. */
export function stepText(dispute: DisputeSummary, t: DisputesT): string {
  if (dispute.status === 'mediating' && dispute.level) return `${dispute.level.name}，${t('ladder.attempts', { used: dispute.level.attemptsUsed, max: dispute.level.maxAttempts })}`;
  return dispute.statusLabel;
}

const disputePath = (id: string) => `/disputes/${encodeURIComponent(id)}`;

/** 风险预警: high-risk disputes and those that may turn into petitions, violence or group incidents. */
function WarningPanel({ t }: { t: DisputesT }) {
  const warnings = useApi((signal) => disputesApi.list({ warning: true, pageSize: 50 }, signal), []);
  const items = warnings.data?.items ?? [];
  if (warnings.loading && !warnings.data) return null;
  if (items.length === 0) return null;
  return (
    <div className="gz-warning-panel" data-testid="dispute-warnings">
      <div className="gz-warning-panel-title">
        <WarningFilled /> {t('warn.title', { count: warnings.data?.total ?? items.length })}
      </div>
      <div className="gz-muted" style={{ marginBottom: 8 }}>{t('warn.hint')}</div>
      {items.map((d) => (
        <div key={d.id} className="gz-warning-row" data-testid="dispute-warning-row">
          <div className="gz-warning-row-main">
            <Link to={disputePath(d.id)} className="gz-dispute-title">
              {d.summary}
            </Link>
            <div className="gz-muted">
              {d.number} · {d.placeName} · {d.partyNames.join('、')} · {stepText(d, t)}
            </div>
          </div>
          <Space wrap size={4}>
            <RiskTag dispute={d} />
            <WarningTags labels={d.warningLabels} />
          </Space>
          <Button onClick={() => navigate(disputePath(d.id))} icon={<RightOutlined />} iconPlacement="end">
            {t('open')}
          </Button>
        </div>
      ))}
    </div>
  );
}

/** `/disputes` 矛盾纠纷: warnings on top in red, then every dispute with filters, and 登记纠纷. */
export function DisputesPage() {
  const t = useDisT();
  const can = useCan();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const [status, setStatus] = useState<string>('open');
  const [type, setType] = useState<string | undefined>(undefined);
  const [riskLevel, setRisk] = useState<string | undefined>(undefined);
  const [warning, setWarning] = useState(false);
  const [mine, setMine] = useState(false);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);

  const list = useApi(
    (signal) => disputesApi.list({ status: status === 'all' ? undefined : status, type, riskLevel, warning, mine, q: q || undefined, page, pageSize: 20 }, signal),
    [status, type, riskLevel, warning, mine, q, page],
  );
  const filter = (change: () => void) => {
    setPage(1);
    change();
  };

  const titleCell = (d: DisputeSummary) => (
    <div>
      <Link to={disputePath(d.id)} className="gz-dispute-title" data-testid="dispute-link">
        {d.summary}
      </Link>
      <div className="gz-tag-line">
        <Tag>{d.typeLabel}</Tag>
        <span className="gz-muted">
          {d.partyNames.join('、')} · {d.number} · {t('list.registeredOn', { date: chinaDay(d.registeredAt) })}
        </span>
      </div>
    </div>
  );

  const columns: TableColumnsType<DisputeSummary> = isPhone
    ? [
        {
          key: 'card',
          render: (_, d) => (
            <div>
              {titleCell(d)}
              <Space wrap size={4} style={{ marginTop: 4 }}>
                <StatusTag dispute={d} />
                <RiskTag dispute={d} />
                <WarningTags labels={d.warningLabels} />
              </Space>
              <div>{stepText(d, t)}</div>
            </div>
          ),
        },
      ]
    : [
        { title: t('list.col.summary'), key: 'summary', render: (_, d) => titleCell(d) },
        { title: t('list.col.place'), key: 'place', width: 150, render: (_, d) => (d.communityName && d.communityName !== d.placeName ? `${d.communityName} · ${d.placeName}` : d.placeName) },
        {
          title: t('list.col.step'),
          key: 'step',
          width: 230,
          render: (_, d) => (
            <div>
              <StatusTag dispute={d} />
              {d.status === 'mediating' && <div className="gz-step-text">{stepText(d, t)}</div>}
              {d.leadMediator && <div className="gz-muted">{t('list.col.lead', { name: d.leadMediator.name })}</div>}
              <div className="gz-muted">{d.ladderName}</div>
            </div>
          ),
        },
        {
          title: t('list.col.risk'),
          key: 'risk',
          width: 150,
          render: (_, d) => (
            <Space wrap size={4}>
              <RiskTag dispute={d} />
              <WarningTags labels={d.warningLabels} />
            </Space>
          ),
        },
        {
          key: 'open',
          width: 96,
          render: (_, d) => (
            <Button onClick={() => navigate(disputePath(d.id))} icon={<RightOutlined />} iconPlacement="end" data-testid="dispute-open">
              {t('open')}
            </Button>
          ),
        },
      ];

  const statusOptions = [{ value: 'open', label: t('status.open') }, ...(catalogue?.statuses ?? []).map((o) => ({ value: o.code, label: o.name })), { value: 'all', label: t('all') }];

  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-disputes" data-testid="disputes-page">
        <Card
          title={t('list.title')}
          variant="borderless"
          extra={
            can('dispute.record') && catalogue ? (
              <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="dispute-register">
                {t('list.register')}
              </Button>
            ) : null
          }
        >
          <WarningPanel t={t} />
          <Space wrap className="gz-filters" align="center">
            <Select value={status} onChange={(v) => filter(() => setStatus(v))} options={statusOptions} style={{ width: 170 }} aria-label={t('list.filter.status')} data-testid="disputes-status" />
            <Select allowClear value={type} onChange={(v) => filter(() => setType(v))} placeholder={t('list.filter.type')} options={(catalogue?.types ?? []).map((o) => ({ value: o.code, label: o.name }))} style={{ width: 170 }} data-testid="disputes-type" />
            <Select allowClear value={riskLevel} onChange={(v) => filter(() => setRisk(v))} placeholder={t('list.filter.risk')} options={(catalogue?.riskLevels ?? []).map((o) => ({ value: o.code, label: o.name }))} style={{ width: 140 }} data-testid="disputes-risk" />
            <Space>
              <Switch checked={warning} onChange={(checked) => filter(() => setWarning(checked))} data-testid="disputes-warning" />
              <span>{t('list.filter.warning')}</span>
            </Space>
            <Space>
              <Switch checked={mine} onChange={(checked) => filter(() => setMine(checked))} data-testid="disputes-mine" />
              <span>{t('list.filter.mine')}</span>
            </Space>
            <Input.Search allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(value) => filter(() => setQ(value.trim()))} placeholder={t('list.search')} style={{ width: 260 }} data-testid="disputes-search" />
          </Space>
          {list.error !== undefined && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
          <Table<DisputeSummary>
            data-testid="disputes-table"
            rowKey="id"
            loading={list.loading}
            columns={columns}
            showHeader={!isPhone}
            dataSource={list.data?.items ?? []}
            rowClassName={(d) => (d.onWarningList ? 'gz-row-warning' : '')}
            onRow={() => rowTestId('dispute-row')}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (total) => t('total', { total }) }}
            locale={{ emptyText: t('list.empty') }}
          />
        </Card>
        {registering && catalogue && (
          <RegisterDisputeModal
            catalogue={catalogue}
            onClose={() => setRegistering(false)}
            onDone={(id) => {
              setRegistering(false);
              message.success(t('reg.done'));
              navigate(disputePath(id));
            }}
          />
        )}
      </div>
    </LargeType>
  );
}
