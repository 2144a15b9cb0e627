import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth-context';
import { useApi } from '../common/use-api';
import { testIdButton } from '../grid/grid-ui';
import { disputesApi, type AttemptOutcome, type DisputeDetail, type DisputesCatalogue } from './disputes-api';
import { today } from './disputes-format';
import { useDisT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type Values = { at: Dayjs; mediatorIds: string[]; method: string; methodNote?: string; record: string; outcome?: AttemptOutcome };

/** 记录调解: one attempt at the current level — date, mediators, method (its help shown), what was done, the outcome. */
export function AttemptModal({ dispute, catalogue, onClose, onDone }: { dispute: DisputeDetail; catalogue: DisputesCatalogue; onClose: () => void; onDone: (next: DisputeDetail) => void }) {
  const t = useDisT();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const method = Form.useWatch('method', form);
  const mediators = useApi((signal) => disputesApi.mediators(dispute.id, signal), [dispute.id]);
  const level = dispute.level;
  const help = catalogue.methods.find((m) => m.code === method)?.help;
  const meListed = (mediators.data ?? []).some((m) => m.id === me?.id);
  // The assigned mediators (lead first) still on the list, as one key for the effect below.
  const assigned = dispute.assignments.map((a) => a.id).filter((id) => (mediators.data ?? []).some((m) => m.id === id)).join(',');
  // The assigned mediators and the one recording (who usually mediated) are ticked already, easy to change.
  useEffect(() => {
    const current = form.getFieldValue('mediatorIds') as string[] | undefined;
    const ticked = [...new Set([...(assigned ? assigned.split(',') : []), ...(meListed && me ? [me.id] : [])])];
    if (ticked.length > 0 && (current ?? []).length === 0) form.setFieldValue('mediatorIds', ticked);
  }, [meListed, me, form, assigned]);

  const submit = async (values: Values) => {
    if (!level) return;
    setBusy(true);
    setError(null);
    try {
      const next = await disputesApi.recordAttempt(dispute.id, {
        level: level.key,
        at: values.at.format('YYYY-MM-DD'),
        mediatorIds: values.mediatorIds ?? [],
        method: values.method,
        ...(values.methodNote?.trim() ? { methodNote: values.methodNote.trim() } : {}),
        record: values.record?.trim() ?? '',
        ...(values.outcome ? { outcome: values.outcome } : {}),
      });
      onDone(next);
    } catch (cause) {
      setError(showFieldErrors(form, cause, { rename: { mediators: 'mediatorIds' }, byCode: { DISPUTE_OUTCOME_REQUIRED: 'outcome', DISPUTE_MEDIATOR_REQUIRED: 'mediatorIds', DISPUTE_MEDIATOR_UNKNOWN: 'mediatorIds', DISPUTE_METHOD_NOTE_REQUIRED: 'methodNote', DISPUTE_ATTEMPT_IN_FUTURE: 'at', DISPUTE_ATTEMPT_OUT_OF_ORDER: 'at' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={level ? t('attempt.title', { level: level.name, n: level.attemptsUsed + 1, max: level.maxAttempts }) : t('attempt.record')}
      onCancel={onClose}
      okText={t('attempt.ok')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={testIdButton('attempt-ok', { size: 'large' })}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <div data-testid="attempt-form" className="gz-disputes">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="attempt-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(values) => void submit(values)}
          initialValues={{ at: dayjs(today()), mediatorIds: [], method: 'five_hearts' }}
        >
          <Form.Item name="at" label={t('attempt.at')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(today()), 'day')} data-testid="attempt-at" />
          </Form.Item>
          <Form.Item name="mediatorIds" label={t('attempt.mediators')} rules={[{ required: true, message: t('required') }]}>
            <Select
              mode="multiple"
              loading={mediators.loading}
              placeholder={t('attempt.mediators.pick')}
              optionFilterProp="label"
              options={(mediators.data ?? []).map((m) => ({ value: m.id, label: `${m.name}（${[m.nodeName, ...m.roleLabels].filter(Boolean).join('，')}）` }))}
              data-testid="attempt-mediators"
            />
          </Form.Item>
          {meListed && me && (
            <div style={{ margin: '-16px 0 16px' }}>
              <a onClick={() => form.setFieldValue('mediatorIds', [...new Set([...(form.getFieldValue('mediatorIds') as string[] | undefined ?? []), me.id])])} data-testid="attempt-add-me">
                {t('attempt.addMe')}
              </a>
            </div>
          )}
          <Form.Item name="method" label={t('attempt.method')} rules={[{ required: true, message: t('required') }]}>
            <Radio.Group options={catalogue.methods.map((m) => ({ value: m.code, label: m.name }))} data-testid="attempt-method" />
          </Form.Item>
          {help && (
            <div className="gz-method-help" data-testid="attempt-method-help">
              {help}
            </div>
          )}
          {method === 'custom' && (
            <Form.Item name="methodNote" label={t('attempt.methodNote')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input data-testid="attempt-method-note" />
            </Form.Item>
          )}
          <Form.Item name="record" label={t('attempt.record.text')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input.TextArea rows={4} maxLength={5000} placeholder={t('attempt.record.placeholder')} data-testid="attempt-record" />
          </Form.Item>
          <Form.Item name="outcome" label={t('attempt.outcome')} rules={[{ required: true, message: t('attempt.outcome.required') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={catalogue.outcomes.map((o) => ({ value: o.code, label: o.name }))} data-testid="attempt-outcome" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
