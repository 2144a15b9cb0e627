import { CheckOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { rowTestId, testIdButton } from '../grid/grid-ui';
import { showServerErrors } from '../grid/server-errors';
import { meetingsApi, type MeetingDetail, type MeetingRosterMember } from './decisions-api';
import { dayTime } from './decisions-format';
import { useDT } from './decisions-messages';

type ProxyValues = { proxyName: string; proxyReason: string; witness: string };
type RecusalValues = { itemId: string; reason: string };

function ProxyModal({ meeting, member, onClose, onDone }: { meeting: MeetingDetail; member: MeetingRosterMember; onClose: () => void; onDone: () => void }) {
  const t = useDT();
  const [form] = Form.useForm<ProxyValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: ProxyValues) => {
    setSaving(true);
    setError(null);
    try {
      await meetingsApi.signIn(meeting.id, { residentId: member.residentId, mode: 'proxy', proxyName: values.proxyName.trim(), proxyReason: values.proxyReason.trim(), witness: values.witness.trim() });
      onDone();
    } catch (cause) {
      setError(showServerErrors(form, cause, (field) => (field === 'proxyName' || field === 'proxyReason' || field === 'witness' ? field : null)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('proxy.title', { name: member.name })} onCancel={onClose} onOk={() => form.submit()} okButtonProps={testIdButton('proxy-submit', { loading: saving })} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
      <Form<ProxyValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} data-testid="proxy-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="proxyName" label={t('proxy.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={50} data-testid="proxy-name" />
        </Form.Item>
        <Form.Item name="proxyReason" label={t('proxy.reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} placeholder={t('proxy.reason.placeholder')} data-testid="proxy-reason" />
        </Form.Item>
        <Form.Item name="witness" label={t('proxy.witness')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={50} data-testid="proxy-witness" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecusalModal({ meeting, member, onClose, onDone }: { meeting: MeetingDetail; member: MeetingRosterMember; onClose: () => void; onDone: () => void }) {
  const t = useDT();
  const [form] = Form.useForm<RecusalValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: RecusalValues) => {
    setSaving(true);
    setError(null);
    try {
      await meetingsApi.recuse(meeting.id, { itemId: values.itemId, residentId: member.residentId, reason: values.reason.trim() });
      onDone();
    } catch (cause) {
      setError(showServerErrors(form, cause, (field) => (field === 'itemId' || field === 'reason' ? field : null)));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('recusal.title', { name: member.name })} onCancel={onClose} onOk={() => form.submit()} okButtonProps={testIdButton('recusal-submit', { loading: saving })} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
      <Form<RecusalValues> form={form} layout="vertical" initialValues={{ itemId: meeting.items[0]?.itemId }} onFinish={(values) => void submit(values)} data-testid="recusal-form">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="itemId" label={t('recusal.item')} rules={[{ required: true, message: t('required') }]}>
          <Select options={meeting.items.map((item) => ({ value: item.itemId, label: `${item.position}. ${item.title}` }))} data-testid="recusal-item" />
        </Form.Item>
        <Form.Item name="reason" label={t('recusal.reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} placeholder={t('recusal.reason.placeholder')} data-testid="recusal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 应到名单与签到: the frozen roster; each member signs in person or by proxy (reason + witness); recusals per item. */
export function MeetingRoster({ meeting, canWrite, onChanged }: { meeting: MeetingDetail; canWrite: boolean; onChanged: () => void }) {
  const t = useDT();
  const { message } = App.useApp();
  const [proxyFor, setProxyFor] = useState<MeetingRosterMember | null>(null);
  const [recuseFor, setRecuseFor] = useState<MeetingRosterMember | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const signInOpen = meeting.status === 'signing_in' || meeting.status === 'voting';
  const beforeVoting = meeting.status === 'called' || meeting.status === 'signing_in';
  const hasArea = meeting.roster.some((member) => member.weightArea !== null);

  const signIn = async (member: MeetingRosterMember) => {
    setBusy(member.residentId);
    try {
      await meetingsApi.signIn(meeting.id, { residentId: member.residentId, mode: 'in_person' });
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const recusalsOf = (residentId: string) => meeting.items.flatMap((item) => item.recusals.filter((recusal) => recusal.residentId === residentId).map((recusal) => ({ item, recusal })));

  const columns: TableColumnsType<MeetingRosterMember> = [
    { title: t('roster.col.no'), dataIndex: 'position', width: 64 },
    { title: t('roster.col.name'), key: 'name', render: (_, member) => <strong className="gz-roster-name">{member.name}</strong> },
    ...(hasArea ? [{ title: t('roster.col.area'), key: 'area', width: 120, render: (_: unknown, member: MeetingRosterMember) => member.weightArea ?? '—' }] : []),
    {
      title: t('roster.col.attendance'),
      key: 'attendance',
      render: (_, member) => {
        const attendance = member.attendance;
        if (attendance) {
          return (
            <div data-testid="roster-signed">
              <Tag color={attendance.mode === 'proxy' ? 'purple' : attendance.mode === 'online' ? 'cyan' : 'green'} className="gz-result-tag">
                {t(`attendance.${attendance.mode}`)}
              </Tag>
              {attendance.mode === 'proxy' && (
                <div className="gz-muted">
                  {t('proxy.name')}
                  {t('colon')}
                  {attendance.proxyName} · {attendance.proxyReason} · {t('proxy.witness')}
                  {t('colon')}
                  {attendance.witness}
                </div>
              )}
              <div className="gz-muted">{dayTime(attendance.signedInAt)}</div>
            </div>
          );
        }
        if (!canWrite || !signInOpen || meeting.status === 'closed') return <span className="gz-muted">{t('roster.absent')}</span>;
        return (
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} loading={busy === member.residentId} onClick={() => void signIn(member)} data-testid="roster-sign-in">
              {t('attendance.signIn')}
            </Button>
            <Tooltip title={meeting.allowProxy ? undefined : t('proxy.notAllowed')}>
              <Button icon={<UserSwitchOutlined />} disabled={!meeting.allowProxy} onClick={() => setProxyFor(member)} data-testid="roster-proxy">
                {t('attendance.proxyButton')}
              </Button>
            </Tooltip>
          </Space>
        );
      },
    },
    {
      title: t('roster.col.recusals'),
      key: 'recusals',
      render: (_, member) => (
        <Space size={[4, 4]} wrap>
          {recusalsOf(member.residentId).map(({ item, recusal }) => (
            <Tooltip key={item.itemId} title={recusal.reason}>
              <Tag color="orange" data-testid="roster-recusal">
                {meeting.items.length > 1 ? `${item.position}. ` : ''}
                {recusal.automatic ? t('recusal.automatic') : t('tally.recused')}
              </Tag>
            </Tooltip>
          ))}
          {canWrite && beforeVoting && (
            <Button size="small" type="link" onClick={() => setRecuseFor(member)} data-testid="roster-recuse">
              {t('recusal.add')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="meeting-roster">
      <Table<MeetingRosterMember>
        rowKey="residentId"
        size="middle"
        columns={columns}
        dataSource={meeting.roster}
        pagination={meeting.roster.length > 300 ? { pageSize: 100 } : false}
        onRow={() => rowTestId('roster-row')}
        scroll={{ x: 720 }}
      />
      {proxyFor && (
        <ProxyModal
          meeting={meeting}
          member={proxyFor}
          onClose={() => setProxyFor(null)}
          onDone={() => {
            setProxyFor(null);
            onChanged();
          }}
        />
      )}
      {recuseFor && (
        <RecusalModal
          meeting={meeting}
          member={recuseFor}
          onClose={() => setRecuseFor(null)}
          onDone={() => {
            setRecuseFor(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
