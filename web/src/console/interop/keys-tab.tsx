import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { createKey, listKeys, revokeKey, type ApiKey, type KeyChannel, type NewKey } from './interop-api';
import { useInteropT } from './interop-messages';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : null);

/** 接口密钥: create (the secret is shown once), list with last use, revoke. */
export function KeysTab() {
  const t = useInteropT();
  const { message } = App.useApp();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [made, setMade] = useState<NewKey | null>(null);
  const [form] = Form.useForm<{ name: string; node: OrgPick | null; channel: KeyChannel }>();

  const load = useCallback(async () => {
    try {
      setKeys((await listKeys()).items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const submit = async () => {
    const values = await form.validateFields();
    if (!values.node) return;
    setSaving(true);
    try {
      const key = await createKey({ name: values.name, nodeId: values.node.id, channel: values.channel });
      setCreating(false);
      form.resetFields();
      setMade(key);
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    try {
      await revokeKey(key.id);
      message.success(t('keys.revoked.ok'));
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div data-testid="interop-keys">
      <Alert type="info" showIcon title={t('keys.intro')} style={{ marginBottom: 16 }} />
      <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="key-new" style={{ marginBottom: 16 }}>
        {t('keys.new')}
      </Button>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ApiKey>
        rowKey="id"
        loading={keys === null && !error}
        dataSource={keys ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('keys.empty') }}
        columns={[
          { title: t('keys.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          { title: t('keys.node'), dataIndex: 'nodeName' },
          { title: t('keys.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t('keys.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => when(v) ?? <span className="gz-muted">{t('keys.never')}</span> },
          { title: t('keys.requests'), dataIndex: 'requests' },
          { title: t('keys.state'), key: 'state', render: (_, k) => (k.revokedAt ? <Tag>{t('keys.revoked', { at: when(k.revokedAt) ?? '' })}</Tag> : <Tag color="green">{t('keys.active')}</Tag>) },
          {
            title: '', key: 'actions',
            render: (_, k) => !k.revokedAt && (
              <Popconfirm title={t('keys.revokeConfirm', { name: k.name })} okText={t('keys.revoke')} cancelText={t('keys.cancel')} okButtonProps={{ danger: true }} onConfirm={() => revoke(k)}>
                <Button danger data-testid={`key-revoke-${k.prefix}`}>{t('keys.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />

      <Modal open={creating} title={t('keys.new')} okText={t('keys.create')} cancelText={t('keys.cancel')} confirmLoading={saving} onOk={() => void submit()} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ channel: 'hotline_12345' }} requiredMark>
          <Form.Item name="name" label={t('keys.name')} rules={[{ required: true, whitespace: true, message: t('keys.required', { label: t('keys.name') }) }]}>
            <Input size="large" maxLength={60} placeholder={t('keys.namePlaceholder')} data-testid="key-name" />
          </Form.Item>
          <Form.Item name="node" label={t('keys.node')} rules={[{ required: true, message: t('keys.required', { label: t('keys.node') }) }]}>
            <OrgTreeSelect allowedKinds={['street', 'community']} style={{ width: '100%' }} testId="key-node" />
          </Form.Item>
          <Form.Item name="channel" label={t('keys.channel')}>
            <Select size="large" options={(['hotline_12345', 'hotline'] as const).map((c) => ({ value: c, label: t(`keys.channel.${c}`) }))} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={made !== null} title={<Space><KeyOutlined />{t('keys.secretTitle', { name: made?.name ?? '' })}</Space>} closable={false} mask={{ closable: false }}
        footer={<Button type="primary" size="large" onClick={() => setMade(null)} data-testid="key-secret-done">{t('keys.done')}</Button>}>
        <Alert type="warning" showIcon title={t('keys.shownOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: made?.secret ?? '', icon: [<CopyOutlined key="c" />, <CopyOutlined key="d" />], tooltips: [t('keys.copy'), t('keys.copied')] }}
          style={{ fontFamily: 'monospace', fontSize: 16, wordBreak: 'break-all', background: '#f6f6f6', padding: 12, borderRadius: 6 }} data-testid="key-secret">
          {made?.secret}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
