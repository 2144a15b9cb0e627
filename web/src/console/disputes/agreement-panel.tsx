import { EditOutlined, FileProtectOutlined, LockOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../auth-context';
import { testIdButton } from '../grid/grid-ui';
import { AgreementModal } from './agreement-modal';
import { disputesApi, type DisputeDetail, type DisputesCatalogue, type FollowUp, type Performance } from './disputes-api';
import { chinaDay, daysFromToday, today } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type Done = (next: DisputeDetail) => void;

/** 司法确认 deadline: the date and the days left (orange under a week, red when passed). */
export function JudicialDeadline({ deadline, t }: { deadline: string; t: DisputesT }) {
  const left = daysFromToday(deadline);
  const cls = left < 0 ? 'is-overdue' : left <= 7 ? 'is-urgent' : '';
  return (
    <div className={`gz-judicial ${cls}`} data-testid="judicial-deadline">
      {left < 0 ? t('judicial.overdue', { date: deadline, days: -left }) : t('judicial.deadline', { date: deadline, days: left })}
    </div>
  );
}

function SignForm({ dispute, onDone, t }: { dispute: DisputeDetail; onDone: Done; t: DisputesT }) {
  const [form] = Form.useForm<{ signedOn: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ signedOn }: { signedOn: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.signAgreement(dispute.id, { signedOn: signedOn.format('YYYY-MM-DD') }));
    } catch (cause) {
      setError(showFieldErrors(form, cause, { byCode: { DISPUTE_DATE_IN_FUTURE: 'signedOn' } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gz-sign-box" data-testid="agreement-sign">
      <div style={{ marginBottom: 8 }}>{t('agreement.notSigned')}</div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="inline" onFinish={(values) => void submit(values)} initialValues={{ signedOn: dayjs(today()) }}>
        <Form.Item name="signedOn" label={t('agreement.signedAt')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(today()), 'day')} data-testid="agreement-signed-on" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="agreement-sign-button">
          {t('agreement.markSigned')}
        </Button>
      </Form>
    </div>
  );
}

function JudicialModal({ dispute, status, onClose, onDone }: { dispute: DisputeDetail; status: 'applied' | 'confirmed' | 'rejected'; onClose: () => void; onDone: Done }) {
  const t = useDisT();
  const [form] = Form.useForm<{ on: Dayjs; court?: string; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { on: Dayjs; court?: string; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.judicial(dispute.id, { status, on: values.on.format('YYYY-MM-DD'), ...(values.court?.trim() ? { court: values.court.trim() } : {}), ...(values.note?.trim() ? { note: values.note.trim() } : {}) }));
    } catch (cause) {
      setError(showFieldErrors(form, cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(status === 'applied' ? 'judicial.markApplied' : status === 'confirmed' ? 'judicial.markConfirmed' : 'judicial.markRejected')} onCancel={onClose} okText={t('save')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} okButtonProps={testIdButton('judicial-ok', { size: 'large' })} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" size="large" onFinish={(values) => void submit(values)} initialValues={{ on: dayjs(today()) }}>
        <Form.Item name="on" label={t('judicial.on')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="court" label={t('judicial.court')}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('close.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FollowUpForm({ dispute, catalogue, onDone, t }: { dispute: DisputeDetail; catalogue: DisputesCatalogue; onDone: Done; t: DisputesT }) {
  const [form] = Form.useForm<{ on: Dayjs; performance: Performance; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { on: Dayjs; performance: Performance; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await disputesApi.addFollowUp(dispute.id, { on: values.on.format('YYYY-MM-DD'), performance: values.performance, ...(values.note?.trim() ? { note: values.note.trim() } : {}) }));
      form.resetFields();
    } catch (cause) {
      setError(showFieldErrors(form, cause));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gz-screen-form" data-testid="follow-up-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ on: dayjs(today()), performance: 'performed' }}>
        <Space wrap align="start" size="large">
          <Form.Item name="on" label={t('followUp.at')} rules={[{ required: true, message: t('required') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(today()), 'day')} />
          </Form.Item>
          <Form.Item name="performance" label={t('followUp.performed')} rules={[{ required: true, message: t('required') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={catalogue.performances.map((o) => ({ value: o.code, label: o.name }))} data-testid="follow-up-performance" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('followUp.note')}>
          <Input.TextArea rows={2} data-testid="follow-up-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="follow-up-submit">
          {t('followUp.add')}
        </Button>
      </Form>
    </div>
  );
}

/**
 * 调解协议书 and after: the agreement's contents (or the confidentiality notice), 打印调解协议书, the
 * signing, the 30-day judicial-confirmation window, and the follow-up visits (回访).
 */
export function AgreementPanel({ dispute, catalogue, onChange }: { dispute: DisputeDetail; catalogue: DisputesCatalogue; onChange: Done }) {
  const t = useDisT();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [judicial, setJudicial] = useState<'applied' | 'confirmed' | 'rejected' | null>(null);
  const a = dispute.agreement;
  const mediate = can('dispute.mediate');
  const settled = dispute.attemptsList.some((x) => x.outcome === 'settled');
  if (!a && !settled) return null;

  const done: Done = (next) => {
    setEditing(false);
    setJudicial(null);
    onChange(next);
  };

  const followUpColumns: TableColumnsType<FollowUp> = [
    { title: t('followUp.at'), dataIndex: 'on', width: 120 },
    { title: t('followUp.by'), key: 'by', width: 160, render: (_, f) => f.visitors.map((v) => v.name).join('、') },
    { title: t('followUp.performed'), key: 'performance', width: 130, render: (_, f) => <Tag color={f.performance === 'performed' ? 'green' : f.performance === 'partly' ? 'orange' : 'red'}>{f.performanceLabel}</Tag> },
    { title: t('followUp.note'), key: 'note', render: (_, f) => (dispute.confidential ? <span className="gz-muted">{t('confidential.short')}</span> : f.note ?? '—') },
  ];

  return (
    <div className="gz-dispute-section" data-testid="agreement-panel">
      <div className="gz-dispute-section-title">
        <FileProtectOutlined /> {t('agreement.section')}
      </div>
      {!a && mediate && (
        <Space direction="vertical" size="middle">
          <Alert type="success" showIcon title={t('next.draw_up_agreement')} />
          <Button type="primary" size="large" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="agreement-fill">
            {t('agreement.fill')}
          </Button>
        </Space>
      )}
      {a && (
        <>
          {dispute.confidential ? (
            <Alert type="warning" showIcon icon={<LockOutlined />} className="gz-confidential" title={t('confidential')} style={{ marginBottom: 12 }} data-testid="agreement-confidential" />
          ) : (
            <Descriptions column={1} bordered size="middle" style={{ marginBottom: 12 }} data-testid="agreement-content">
              <Descriptions.Item label={t('agreement.facts')}><span className="gz-pre">{a.facts}</span></Descriptions.Item>
              <Descriptions.Item label={t('agreement.issues')}><span className="gz-pre">{a.issues}</span></Descriptions.Item>
              <Descriptions.Item label={t('agreement.responsibilities')}><span className="gz-pre">{a.responsibilities}</span></Descriptions.Item>
              <Descriptions.Item label={t('agreement.content')}><span className="gz-pre">{a.terms}</span></Descriptions.Item>
              <Descriptions.Item label={t('agreement.performance')}><span className="gz-pre">{a.performance}</span></Descriptions.Item>
              <Descriptions.Item label={t('agreement.mediators')}>{a.mediators.map((m) => m.name).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('agreement.copies')}>{t('agreement.copies.value', { count: a.copies })}</Descriptions.Item>
            </Descriptions>
          )}
          <Space wrap style={{ marginBottom: 12 }}>
            {dispute.canSeeRecords && (
              <Button type="primary" size="large" icon={<PrinterOutlined />} href={disputesApi.agreementPdfUrl(dispute.id)} target="_blank" data-testid="agreement-print">
                {t('agreement.print')}
              </Button>
            )}
            {mediate && !a.signedOn && (
              <Button size="large" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="agreement-edit">
                {t('agreement.edit')}
              </Button>
            )}
          </Space>
          {!a.signedOn && mediate && <SignForm dispute={dispute} onDone={done} t={t} />}
          {a.signedOn && (
            <div className="gz-judicial-box" data-testid="judicial-box">
              <div className="gz-signed">{t('agreement.signed', { signed: a.signedOn, effective: a.effectiveOn ?? a.signedOn })}</div>
              <div className="gz-dispute-section-subtitle">{t('judicial.title')}</div>
              <div className="gz-muted">{t('judicial.hint')}</div>
              {a.judicialDeadline && a.judicial.status === 'not_applied' && <JudicialDeadline deadline={a.judicialDeadline} t={t} />}
              {a.judicialDeadline && a.judicial.status !== 'not_applied' && (
                <div className="gz-judicial" data-testid="judicial-status">
                  <Tag color={a.judicial.status === 'confirmed' ? 'green' : a.judicial.status === 'rejected' ? 'red' : 'blue'}>{a.judicial.statusLabel}</Tag>
                  {a.judicial.on ? chinaDay(a.judicial.on) : ''} {a.judicial.court ?? ''}
                  <span className="gz-muted"> · {t('judicial.deadlineWas', { date: a.judicialDeadline })}</span>
                </div>
              )}
              {mediate && (
                <Space wrap style={{ marginTop: 8 }}>
                  {a.judicial.status === 'not_applied' && <Button onClick={() => setJudicial('applied')} data-testid="judicial-applied">{t('judicial.markApplied')}</Button>}
                  {a.judicial.status === 'applied' && <Button onClick={() => setJudicial('confirmed')} data-testid="judicial-confirmed">{t('judicial.markConfirmed')}</Button>}
                  {a.judicial.status === 'applied' && <Button onClick={() => setJudicial('rejected')}>{t('judicial.markRejected')}</Button>}
                </Space>
              )}
            </div>
          )}
          {a.signedOn && (
            <div className="gz-dispute-section" data-testid="follow-ups">
              <div className="gz-dispute-section-title">{t('followUp.section')}</div>
              <Table<FollowUp> rowKey="id" size="middle" columns={followUpColumns} dataSource={dispute.followUps} pagination={false} locale={{ emptyText: t('followUp.none') }} style={{ marginBottom: 12 }} />
              {can('dispute.record') && dispute.status !== 'closed' && <FollowUpForm dispute={dispute} catalogue={catalogue} onDone={done} t={t} />}
            </div>
          )}
        </>
      )}
      {editing && <AgreementModal dispute={dispute} onClose={() => setEditing(false)} onDone={done} />}
      {judicial && <JudicialModal dispute={dispute} status={judicial} onClose={() => setJudicial(null)} onDone={done} />}
    </div>
  );
}
