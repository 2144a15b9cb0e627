import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Account, Page } from '../../shared/api-types';
import { useMe } from '../auth-context';
import { formatDateTime } from '../common/format';
import { RoleBindingTag } from '../common/role-binding-tag';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { AccountFormModal } from './account-form-modal';
import { ResetPasswordModal } from './reset-password-modal';

type Editing = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'reset'; account: Account };

function isLocked(account: Account): boolean {
  return account.lockedUntil !== null && new Date(account.lockedUntil).getTime() > Date.now();
}

export function AccountsPage() {
  const t = useT();
  const me = useMe();
  const { modal, message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Editing | null>(null);
  const accounts = useApi((signal) => api.get<Page<Account>>('/api/accounts', { signal, query: { q, page, pageSize } }), [q, page, pageSize]);

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      accounts.reload();
    } catch (error) {
      modal.error({ title: t('common.failed'), content: errorMessage(error) });
    }
  };

  const toggleDisabled = (account: Account) =>
    modal.confirm({
      title: account.disabled ? t('accounts.enable.confirm', { name: account.displayName }) : t('accounts.disable.confirm', { name: account.displayName }),
      okText: account.disabled ? t('accounts.enable') : t('accounts.disable'),
      okButtonProps: { danger: !account.disabled },
      cancelText: t('common.cancel'),
      onOk: () =>
        run(
          () => api.patch<Account>(`/api/accounts/${encodeURIComponent(account.id)}`, { disabled: !account.disabled }),
          account.disabled ? t('accounts.enable.done') : t('accounts.disable.done'),
        ),
    });

  const unlock = (account: Account) =>
    run(() => api.post<void>(`/api/accounts/${encodeURIComponent(account.id)}/unlock`), t('accounts.unlock.done', { name: account.displayName }));

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.username'), dataIndex: 'username', className: 'gz-mono' },
    { title: t('accounts.displayName'), dataIndex: 'displayName' },
    {
      title: t('accounts.roles'),
      key: 'roles',
      render: (_, account) => account.roles.map((binding) => <RoleBindingTag key={`${binding.role}@${binding.nodeId}`} binding={binding} />),
    },
    {
      title: t('accounts.status'),
      key: 'status',
      render: (_, account) =>
        account.disabled ? (
          <Tag>{t('accounts.status.disabled')}</Tag>
        ) : isLocked(account) ? (
          <Tag color="red">{t('accounts.status.locked', { until: formatDateTime(account.lockedUntil) })}</Tag>
        ) : (
          <Tag color="green">{t('accounts.status.active')}</Tag>
        ),
    },
    { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: (value: string | null) => formatDateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, account) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing({ kind: 'edit', account })} data-testid="account-edit">
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setEditing({ kind: 'reset', account })} data-testid="account-reset">
            {t('accounts.reset')}
          </Button>
          {isLocked(account) && (
            <Button type="link" size="small" onClick={() => void unlock(account)} data-testid="account-unlock">
              {t('accounts.unlock')}
            </Button>
          )}
          {account.id !== me.id && (
            <Button type="link" size="small" danger={!account.disabled} onClick={() => toggleDisabled(account)} data-testid="account-toggle">
              {account.disabled ? t('accounts.enable') : t('accounts.disable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="gz-page" data-testid="accounts-page">
      <Card
        title={t('nav.accounts')}
        variant="borderless"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })} data-testid="account-create">
            {t('accounts.create')}
          </Button>
        }
      >
        <Space wrap className="gz-filters">
          <Input.Search
            allowClear
            placeholder={t('accounts.search')}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            className="gz-filter-item"
            data-testid="accounts-search"
          />
        </Space>
        {accounts.error !== undefined && <Alert type="error" showIcon title={errorMessage(accounts.error)} style={{ marginBottom: 16 }} />}
        <Table<Account>
          data-testid="accounts-table"
          rowKey="id"
          loading={accounts.loading}
          columns={columns}
          dataSource={accounts.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: accounts.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextSize === pageSize ? nextPage : 1);
              setPageSize(nextSize);
            },
          }}
        />
      </Card>
      {editing?.kind === 'create' && (
        <AccountFormModal account={null} onClose={() => setEditing(null)} onSaved={(saved) => { setEditing(null); message.success(t('accounts.created', { name: saved.displayName })); accounts.reload(); }} />
      )}
      {editing?.kind === 'edit' && (
        <AccountFormModal account={editing.account} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); message.success(t('common.saved')); accounts.reload(); }} />
      )}
      {editing?.kind === 'reset' && <ResetPasswordModal account={editing.account} onClose={() => setEditing(null)} />}
    </div>
  );
}
