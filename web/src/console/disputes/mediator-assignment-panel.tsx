import { CrownOutlined, DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Popconfirm, Radio, Select, Space, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { disputesApi, type Assignment, type DisputeDetail, type MediatorRole } from './disputes-api';
import { chinaDay } from './disputes-format';
import { useDisT, type DisputesT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type Values = { accountId?: string; role: MediatorRole; forLevel: boolean; note?: string };

function AssignmentRow({ a, t, actions }: { a: Assignment; t: DisputesT; actions: ReactNode }) {
  return (
    <div className="gz-attempt" data-testid="assignment-item" data-role={a.role}>
      <div className="gz-attempt-head">
        <strong>{a.name}</strong>
        <Tag color={a.role === 'lead' ? 'gold' : 'blue'} icon={a.role === 'lead' ? <CrownOutlined /> : undefined}>
          {a.roleLabel}
        </Tag>
        {a.levelName && <Tag>{a.levelName}</Tag>}
        <span className="gz-muted">{t('assign.by', { who: a.assignedBy.name, date: chinaDay(a.assignedAt) })}</span>
        {actions}
      </div>
    </div>
  );
}

/** The form a supervisor uses: pick staff of the dispute's place, lead or assisting, optionally for the current level. */
function AssignForm({ dispute, onChange, onClose }: { dispute: DisputeDetail; onChange: (next: DisputeDetail) => void; onClose: () => void }) {
  const t = useDisT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useApi((signal) => disputesApi.mediators(dispute.id, signal), [dispute.id]);
  const level = dispute.status === 'mediating' ? dispute.level : null;
  const hasLead = dispute.assignments.some((a) => a.role === 'lead');

  const submit = async (values: Values) => {
    if (!values.accountId) return;
    setBusy(true);
    setError(null);
    try {
      const next = await disputesApi.assignMediator(dispute.id, values.accountId, {
        role: values.role,
        level: values.forLevel && level ? level.key : null,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      onChange(next);
      onClose();
    } catch (cause) {
      setError(showFieldErrors(form, cause, { rename: { level: 'forLevel' }, byCode: { DISPUTE_ASSIGNEE_OUT_OF_SCOPE: 'accountId', DISPUTE_ASSIGNEE_DISABLED: 'accountId', DISPUTE_MEDIATOR_UNKNOWN: 'accountId', DISPUTE_ASSIGN_LEVEL_NOT_CURRENT: 'forLevel', DISPUTE_LEAD_REQUIRED: 'role' } }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gz-screen-form" data-testid="assign-form">
      <div className="gz-dispute-section-subtitle">{t('assign.panel')}</div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="assign-error" />}
      {candidates.error !== undefined && <Alert type="error" showIcon title={errorMessage(candidates.error)} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" initialValues={{ role: hasLead ? 'assisting' : 'lead', forLevel: false }} onFinish={(values) => void submit(values)}>
        <Form.Item name="accountId" label={t('assign.who')} rules={[{ required: true, message: t('required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={candidates.loading}
            placeholder={t('assign.who.pick')}
            options={(candidates.data ?? []).filter((m) => m.assignable).map((m) => ({ value: m.id, label: `${m.name}（${[m.nodeName, ...m.roleLabels].filter(Boolean).join('，')}）` }))}
            style={{ maxWidth: 420 }}
            data-testid="assign-who"
          />
        </Form.Item>
        <Form.Item name="role" label={t('assign.role')} extra={t('assign.role.leadHint')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'lead', label: t('assign.role.lead') },
              { value: 'assisting', label: t('assign.role.assisting') },
            ]}
            data-testid="assign-role"
          />
        </Form.Item>
        {level && (
          <Form.Item name="forLevel" valuePropName="checked">
            <Checkbox data-testid="assign-level">{t('assign.level', { level: level.name })}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="note" label={t('assign.note')}>
          <Input maxLength={500} style={{ maxWidth: 420 }} data-testid="assign-note" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={busy} data-testid="assign-submit">
            {t('assign.ok')}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}

/**
 * 调解员: the assigned lead and assisting mediators, shown to everyone who sees the dispute, and for
 * supervisors (dispute.supervise) the 指派调解员 form with make-lead and remove on each row.
 */
export function MediatorAssignmentPanel({ dispute, onChange }: { dispute: DisputeDetail; onChange: (next: DisputeDetail) => void }) {
  const t = useDisT();
  const can = useCan();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const supervise = can('dispute.supervise');
  const open = dispute.status !== 'closed';
  const assignedIds = new Set(dispute.assignments.map((a) => a.id));
  const attempted = [...new Map(dispute.attemptsList.flatMap((a) => a.mediators).filter((m) => !assignedIds.has(m.id)).map((m) => [m.id, m.name])).values()];

  const act = async (key: string, run: () => Promise<DisputeDetail>, done: string) => {
    setBusy(key);
    try {
      onChange(await run());
      message.success(done);
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="gz-dispute-section" data-testid="mediators-panel">
      <div className="gz-dispute-section-title">{t('assign.section')}</div>
      {dispute.assignments.length === 0 && <div className="gz-muted">{t('assign.none')}</div>}
      {dispute.assignments.length > 0 && !dispute.assignments.some((a) => a.role === 'lead') && open && <div className="gz-muted">{t('assign.noLead')}</div>}
      {dispute.assignments.map((a) => (
        <AssignmentRow
          key={a.id}
          a={a}
          t={t}
          actions={
            supervise ? (
              <Space size={4}>
                {a.role === 'assisting' && open && (
                  <Button size="small" loading={busy === `lead:${a.id}`} onClick={() => void act(`lead:${a.id}`, () => disputesApi.assignMediator(dispute.id, a.id, { role: 'lead', level: a.level !== null && dispute.status === 'mediating' && a.level === dispute.level?.key ? a.level : null }), t('assign.done'))} data-testid="assign-make-lead">
                    {t('assign.makeLead')}
                  </Button>
                )}
                <Popconfirm title={t('assign.remove.confirm', { name: a.name })} onConfirm={() => act(`remove:${a.id}`, () => disputesApi.removeMediator(dispute.id, a.id), t('assign.removed'))}>
                  <Button size="small" danger icon={<DeleteOutlined />} loading={busy === `remove:${a.id}`} data-testid="assign-remove">
                    {t('assign.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ) : null
          }
        />
      ))}
      {attempted.length > 0 && <div className="gz-muted" data-testid="attempt-mediators">{t('assign.attempted', { names: attempted.join('、') })}</div>}
      <div className="gz-muted" style={{ marginTop: 4 }}>{t('assign.hint')}</div>
      {supervise && open && !assigning && (
        <Button icon={<UserAddOutlined />} onClick={() => setAssigning(true)} style={{ marginTop: 8 }} data-testid="assign-open">
          {t('assign.panel')}
        </Button>
      )}
      {supervise && open && assigning && <AssignForm dispute={dispute} onChange={onChange} onClose={() => setAssigning(false)} />}
    </div>
  );
}
