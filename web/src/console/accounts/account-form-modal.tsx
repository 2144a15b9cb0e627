import { Alert, Form, Input, Modal, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import type { Account, RoleAssignment } from '../../shared/api-types';
import { applyServerErrors } from '../common/form-errors';
import { useT } from '../messages';
import { RoleBindingsField, type BindingValue } from './role-bindings-field';
import { useRoles } from './use-roles';

type Values = { username: string; displayName: string; password: string; roles: BindingValue[] };

function toAssignments(bindings: readonly BindingValue[]): RoleAssignment[] {
  return bindings.flatMap((binding) => (binding.role && binding.node ? [{ role: binding.role, nodeId: binding.node.id }] : []));
}

/** Creates an account (`account` null) or edits its display name and role bindings. */
export function AccountFormModal({ account, onClose, onSaved }: { account: Account | null; onClose: () => void; onSaved: (saved: Account) => void }) {
  const t = useT();
  const roles = useRoles();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const creating = account === null;

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const saved = creating
        ? await api.post<Account>('/api/accounts', {
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            password: values.password,
            roles: toAssignments(values.roles),
          })
        : await api.patch<Account>(`/api/accounts/${encodeURIComponent(account.id)}`, {
            displayName: values.displayName.trim(),
            roles: toAssignments(values.roles),
          });
      onSaved(saved);
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['username', 'displayName', 'password', 'roles']));
    } finally {
      setSaving(false);
    }
  };

  const initialValues: Partial<Values> = account
    ? { displayName: account.displayName, roles: account.roles.map((binding) => ({ role: binding.role, node: { id: binding.nodeId, name: binding.nodeName } })) }
    : { roles: [{ node: null }] };

  return (
    <Modal
      open
      width={640}
      title={creating ? t('accounts.create') : t('accounts.editTitle', { name: account.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !roles.data }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="account-form-error" />}
      {roles.error !== undefined && <Alert type="error" showIcon title={t('accounts.roles.loadFailed')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initialValues} requiredMark={false} data-testid="account-form">
        {creating && (
          <Form.Item name="username" label={t('accounts.username')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input autoComplete="off" data-testid="account-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input data-testid="account-display-name" />
        </Form.Item>
        {creating && (
          <Form.Item name="password" label={t('accounts.password')} extra={t('password.rules')} rules={[{ required: true, message: t('form.required') }, { min: 8, message: t('password.tooShort') }]}>
            <Input.Password autoComplete="new-password" data-testid="account-password" />
          </Form.Item>
        )}
        <Form.Item label={t('accounts.roles')} required>
          {roles.data ? <RoleBindingsField roles={roles.data} /> : <Spin size="small" />}
        </Form.Item>
      </Form>
    </Modal>
  );
}
