import { Alert, Button, Form, Input, Timeline } from 'antd';
import { useState } from 'react';
import { useCan } from '../auth-context';
import { disputesApi, type DisputeDetail } from './disputes-api';
import { chinaDay } from './disputes-format';
import { useDisT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

/** 移交跟踪: where the dispute went and why, each follow-up, and the result (which closes the case). */
export function ReferralPanel({ dispute, onChange }: { dispute: DisputeDetail; onChange: (next: DisputeDetail) => void }) {
  const t = useDisT();
  const can = useCan();
  const [form] = Form.useForm<{ note: string; result?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = dispute.referral;
  if (!r) return null;
  const submit = async (values: { note: string; result?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const next = await disputesApi.trackReferral(dispute.id, { note: values.note?.trim() ?? '', ...(values.result?.trim() ? { result: values.result.trim() } : {}) });
      form.resetFields();
      onChange(next);
    } catch (cause) {
      setError(showFieldErrors(form, cause, { byCode: { DISPUTE_REASON_REQUIRED: 'note' } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gz-dispute-section" data-testid="referral-panel">
      <div className="gz-dispute-section-title">{t('refer.section')}</div>
      <div className="gz-next-step">{t('refer.summary', { date: chinaDay(r.at), target: r.targetLabel, reason: r.reason })}</div>
      {r.updates.length > 0 && (
        <Timeline
          items={r.updates.map((u, i) => ({ key: String(i), content: <div><div>{u.note}</div><div className="gz-muted">{chinaDay(u.at)} · {u.by.name}</div></div> }))}
        />
      )}
      {r.result && <Alert type="success" showIcon title={`${t('refer.result.label')}${t('colon')}${r.result}`} style={{ marginBottom: 12 }} />}
      {!r.result && can('dispute.record') && (
        <div className="gz-screen-form">
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
          <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
            <Form.Item name="note" label={t('refer.note')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input.TextArea rows={2} data-testid="referral-note" />
            </Form.Item>
            <Form.Item name="result" label={t('refer.result')}>
              <Input data-testid="referral-result" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="referral-submit">
              {t('refer.addNote')}
            </Button>
          </Form>
        </div>
      )}
    </div>
  );
}
