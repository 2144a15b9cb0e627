import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import type { Account } from '../../shared/api-types';
import { applyServerErrors } from '../common/form-errors';
import { useT } from '../messages';

type Values = { newPassword: string };

export function ResetPasswordModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      await api.post<void>(`/api/accounts/${encodeURIComponent(account.id)}/reset-password`, { newPassword: values.newPassword });
      message.success(t('accounts.reset.done', { name: account.displayName }));
      onClose();
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['newPassword']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('accounts.reset.title', { name: account.displayName })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true, message: t('form.required') }, { min: 8, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
