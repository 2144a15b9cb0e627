import { AutoComplete, Alert, Button, Card, DatePicker, Form, Input, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { AuditEntry, Page } from '../../shared/api-types';
import { formatDateTime } from '../common/format';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { JsonDiff } from './json-diff';

type Filters = { q: string; action: string; entityType: string; from: string; to: string };
type FormValues = { q?: string; action?: string; entityType?: string; range?: [Dayjs | null, Dayjs | null] | null };

const emptyFilters: Filters = { q: '', action: '', entityType: '', from: '', to: '' };

function toFilters(values: FormValues): Filters {
  const [start, end] = values.range ?? [null, null];
  return {
    q: values.q?.trim() ?? '',
    action: values.action?.trim() ?? '',
    entityType: values.entityType?.trim() ?? '',
    from: start ? start.startOf('day').toISOString() : '',
    to: end ? end.endOf('day').toISOString() : '',
  };
}

export function AuditPage() {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useApi((signal) => api.get<Page<AuditEntry>>('/api/audit', { signal, query: { ...filters, page, pageSize } }), [filters, page, pageSize]);

  // The API has no catalogue of actions: suggest the ones seen so far.
  const [seenActions, setSeenActions] = useState<ReadonlyMap<string, string>>(new Map());
  const items = audit.data?.items;
  useEffect(() => {
    if (!items) return;
    setSeenActions((current) => {
      const next = new Map(current);
      for (const entry of items) next.set(entry.action, entry.actionLabel);
      return next.size === current.size ? current : next;
    });
  }, [items]);
  const entityTypes = useMemo(() => [...new Set((items ?? []).map((entry) => entry.entityType))], [items]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (value: string) => formatDateTime(value) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 160 },
    {
      title: t('audit.action'),
      dataIndex: 'actionLabel',
      render: (label: string, entry) => (
        <Tooltip title={entry.action}>
          <Tag color="geekblue">{label}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, entry) => (
        <span>
          {entry.entityType}
          {entry.entityId && <span className="gz-muted gz-mono"> #{entry.entityId.slice(0, 8)}</span>}
        </span>
      ),
    },
    { title: t('audit.summary'), dataIndex: 'summary' },
    { title: t('audit.ip'), dataIndex: 'ip', render: (value: string | null) => value ?? '—', responsive: ['lg'] },
  ];

  return (
    <div className="gz-page" data-testid="audit-page">
      <Card title={t('nav.audit')} variant="borderless">
        <Form<FormValues>
          form={form}
          layout="inline"
          className="gz-filters"
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage(1);
          }}
        >
          <Form.Item name="q" className="gz-filter-item gz-filter-compact">
            <Input allowClear placeholder={t('audit.keyword')} data-testid="audit-q" />
          </Form.Item>
          <Form.Item name="action" className="gz-filter-item gz-filter-compact">
            <AutoComplete
              allowClear
              placeholder={t('audit.action')}
              style={{ width: '100%' }}
              options={[...seenActions].map(([action, label]) => ({ value: action, label: `${label} (${action})` }))}
              filterOption={(input, option) => (option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="entityType" className="gz-filter-item gz-filter-compact">
            <AutoComplete allowClear placeholder={t('audit.entityType')} style={{ width: '100%' }} options={entityTypes.map((value) => ({ value }))} />
          </Form.Item>
          <Form.Item name="range" className="gz-filter-range">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters(emptyFilters);
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        {audit.error !== undefined && <Alert type="error" showIcon title={errorMessage(audit.error)} style={{ marginBottom: 16 }} />}
        <Table<AuditEntry>
          data-testid="audit-table"
          rowKey="id"
          loading={audit.loading}
          columns={columns}
          dataSource={items ?? []}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (entry) => <JsonDiff before={entry.before} after={entry.after} /> }}
          pagination={{
            current: page,
            pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
    </div>
  );
}
