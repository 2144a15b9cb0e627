import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { testIdButton } from '../grid/grid-ui';
import { disputesApi, type CloseOutcome, type DisputeDetail, type DisputesCatalogue } from './disputes-api';
import { useDisT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type Done = (next: DisputeDetail) => void;

/** 提前上移: the dispute is clearly beyond this level; the reason is required and kept on the card. */
export function EscalateModal({ dispute, above, onClose, onDone }: { dispute: DisputeDetail; above: string; onClose: () => void; onDone: Done }) {
  const t = useDisT();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.escalate(dispute.id, { reason: reason?.trim() ?? '' }));
    } catch (cause) {
      setError(showFieldErrors(form, cause, { byCode: { DISPUTE_REASON_REQUIRED: 'reason' } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('escalate.title', { level: above })} onCancel={onClose} okText={t('escalate.ok')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} okButtonProps={testIdButton('escalate-ok', { size: 'large' })} cancelButtonProps={{ size: 'large' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void submit(values)}>
        <Form.Item name="reason" label={t('escalate.reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea rows={3} placeholder={t('escalate.reason.placeholder')} data-testid="escalate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记移交: after every level has failed (or to the police at any time): where to and why. */
export function ReferModal({ dispute, catalogue, onClose, onDone }: { dispute: DisputeDetail; catalogue: DisputesCatalogue; onClose: () => void; onDone: Done }) {
  const t = useDisT();
  const [form] = Form.useForm<{ target: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const policeOnly = dispute.status === 'mediating';
  const targets = catalogue.referralTargets.filter((o) => !policeOnly || o.code === 'police');
  const submit = async (values: { target: string; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.refer(dispute.id, { target: values.target, reason: values.reason?.trim() ?? '' }));
    } catch (cause) {
      setError(showFieldErrors(form, cause, { byCode: { DISPUTE_REASON_REQUIRED: 'reason' } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('refer.title')} onCancel={onClose} okText={t('refer.ok')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} okButtonProps={testIdButton('refer-ok', { size: 'large' })} cancelButtonProps={{ size: 'large' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {policeOnly && <Alert type="info" showIcon title={t('refer.police.hint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void submit(values)} initialValues={{ target: targets[0]?.code }}>
        <Form.Item name="target" label={t('refer.target')} rules={[{ required: true, message: t('required') }]}>
          <Select options={targets.map((o) => ({ value: o.code, label: o.name }))} data-testid="refer-target" />
        </Form.Item>
        <Form.Item name="reason" label={t('refer.reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input.TextArea rows={3} data-testid="refer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 结案: with how it ended (协议履行完毕 / 撤回或自行和解 / 移交处理已有结果 / 其他). */
export function CloseModal({ dispute, catalogue, onClose, onDone }: { dispute: DisputeDetail; catalogue: DisputesCatalogue; onClose: () => void; onDone: Done }) {
  const t = useDisT();
  const [form] = Form.useForm<{ outcome?: CloseOutcome; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { outcome?: CloseOutcome; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.close(dispute.id, { ...(values.outcome ? { outcome: values.outcome } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}) }));
    } catch (cause) {
      setError(showFieldErrors(form, cause, { byCode: { DISPUTE_OUTCOME_REQUIRED: 'outcome' } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('close.title')} onCancel={onClose} okText={t('close.ok')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} okButtonProps={testIdButton('close-ok', { size: 'large' })} cancelButtonProps={{ size: 'large' }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void submit(values)}>
        <Form.Item name="outcome" label={t('close.outcome')} rules={[{ required: true, message: t('required') }]}>
          <Select options={catalogue.closeOutcomes.map((o) => ({ value: o.code, label: o.name }))} data-testid="close-outcome" />
        </Form.Item>
        <Form.Item name="note" label={t('close.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
