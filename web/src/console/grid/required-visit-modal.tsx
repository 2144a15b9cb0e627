import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api';
import type { RequiredVisitReason } from '../../shared/api-types';
import { applyServerErrors } from '../common/form-errors';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useT } from '../messages';
import { localDateTime } from './grid-format';
import { LargeType } from './grid-ui';

type Values = { household: OrgPick | null; reason: RequiredVisitReason; description: string };

/** The 三必到 causes and the hours within which each needs a visit (src/modules/grid/catalogue.ts). */
const REASONS: readonly { value: RequiredVisitReason; hours: number }[] = [
  { value: 'emergency', hours: 24 },
  { value: 'family_dispute', hours: 48 },
  { value: 'grievance', hours: 72 },
];

/** 三必到: an emergency, a grievance or a family dispute in a household puts a visit on the due list. */
export function RequiredVisitModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    if (!values.household) return;
    setSaving(true);
    setFormError(null);
    try {
      const result = await api.post<{ id: string; dueAt: string }>('/api/required-visits', {
        householdId: values.household.id,
        reason: values.reason,
        description: values.description.trim(),
      });
      message.success({ content: t('required.saved', { dueAt: localDateTime(result.dueAt) }), duration: 8 });
      onSaved();
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['reason', 'description']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('required.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('required.submit')} confirmLoading={saving} okButtonProps={{ size: 'large' }} destroyOnHidden>
      <LargeType>
        <Form<Values> form={form} layout="vertical" initialValues={{ household: null, reason: 'emergency', description: '' }} onFinish={(values) => void submit(values)} data-testid="required-form">
          <Alert type="info" showIcon title={t('required.intro')} style={{ marginBottom: 16 }} />
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Form.Item name="household" label={t('visit.household')} rules={[{ required: true, message: t('visit.household.required') }]} extra={t('visit.household.hint')}>
            <OrgTreeSelect allowedKinds={['household']} placeholder={t('visit.household.pick')} testId="required-household" />
          </Form.Item>
          <Form.Item name="reason" label={t('required.reason')} rules={[{ required: true }]}>
            <Radio.Group className="gz-checkbox-column" data-testid="required-reason">
              {REASONS.map((reason) => (
                <Radio key={reason.value} value={reason.value}>
                  {t(`required.reason.${reason.value}`)}
                  <span className="gz-muted">（{t('required.within', { hours: reason.hours })}）</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="description"
            label={t('required.description')}
            rules={[
              { required: true, message: t('required.description.required') },
              { min: 2, message: t('visit.findings.min') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="required-description" />
          </Form.Item>
        </Form>
      </LargeType>
    </Modal>
  );
}
