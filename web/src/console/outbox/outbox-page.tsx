import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { OutboxMessage, Page } from '../../shared/api-types';
import { formatDateTime } from '../common/format';
import { useApi } from '../common/use-api';
import { useT } from '../messages';

/** The default SMS sender writes here instead of sending: demo and test logins read their codes from it. */
export function OutboxPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const outbox = useApi((signal) => api.get<Page<OutboxMessage>>('/api/outbox', { signal, query: { page, pageSize } }), [page, pageSize]);

  const columns: TableColumnsType<OutboxMessage> = [
    { title: t('outbox.at'), dataIndex: 'at', width: 150, render: (value: string) => formatDateTime(value) },
    { title: t('outbox.phone'), dataIndex: 'phone', className: 'gz-mono', width: 130 },
    { title: t('outbox.body'), dataIndex: 'body' },
    { title: t('outbox.purpose'), dataIndex: 'purpose', responsive: ['md'] },
  ];

  return (
    <div className="gz-page" data-testid="outbox-page">
      <Card
        title={t('nav.outbox')}
        variant="borderless"
        extra={
          <Button icon={<ReloadOutlined />} onClick={outbox.reload} loading={outbox.loading} data-testid="outbox-refresh">
            {t('common.refresh')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('outbox.note')}</Typography.Paragraph>
        {outbox.error !== undefined && <Alert type="error" showIcon title={errorMessage(outbox.error)} style={{ marginBottom: 16 }} />}
        <Table<OutboxMessage>
          data-testid="outbox-table"
          rowKey="id"
          loading={outbox.loading}
          columns={columns}
          dataSource={outbox.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: outbox.data?.total ?? 0,
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
