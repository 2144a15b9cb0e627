import { Alert, App, AutoComplete, Button, Card, DatePicker, Form, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Absence, Account, Page } from '../../shared/api-types';
import { useCan, useMe } from '../auth-context';
import { applyServerErrors } from '../common/form-errors';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { today } from './grid-format';
import { rowTestId } from './grid-ui';

type Values = { accountId: string; range: [Dayjs, Dayjs]; reason: string };

/**
 * 请假顶岗: while someone is away their due visits go to the next person of the responsibility chain
 * (五级负责) and come back on their return. A worker picks among colleagues whose every post lies in
 * their own scope (a secretary: the whole community; a grid worker: themselves and the grid's building
 * leaders); an administrator picks any account in scope.
 */
export function AbsencesPanel() {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [version, setVersion] = useState(0);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const canWrite = can('visit.write');
  const pickAmong = canWrite ? 'colleagues' : can('account.manage') ? 'accounts' : null;

  const absences = useApi((signal) => api.get<Absence[]>('/api/absences', { signal }), [version]);
  const accounts = useApi(
    async (signal): Promise<{ id: string; name: string }[]> => {
      if (pickAmong === 'colleagues') return api.get<{ id: string; name: string }[]>('/api/absences/colleagues', { signal });
      if (pickAmong === 'accounts') return (await api.get<Page<Account>>('/api/accounts', { signal, query: { pageSize: 200 } })).items.map((a) => ({ id: a.id, name: a.displayName }));
      return [];
    },
    [pickAmong],
  );
  const people = [{ value: me.id, label: t('absence.myself', { name: me.displayName }) }, ...(accounts.data ?? []).filter((account) => account.id !== me.id).map((account) => ({ value: account.id, label: account.name }))];

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      await api.post<{ id: string }>('/api/absences', {
        accountId: values.accountId,
        startsOn: values.range[0].format('YYYY-MM-DD'),
        endsOn: values.range[1].format('YYYY-MM-DD'),
        reason: values.reason.trim(),
      });
      message.success(t('absence.saved'));
      form.resetFields();
      setVersion((value) => value + 1);
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['accountId', 'reason']));
    } finally {
      setSaving(false);
    }
  };

  const now = today();
  const columns: TableColumnsType<Absence> = [
    { title: t('absence.person'), dataIndex: 'name' },
    { title: t('absence.period'), key: 'period', className: 'gz-nowrap', render: (_, absence) => `${absence.startsOn} ～ ${absence.endsOn}` },
    { title: t('absence.reason'), dataIndex: 'reason' },
    {
      title: t('absence.status'),
      key: 'status',
      render: (_, absence) => (absence.startsOn <= now ? <Tag color="orange">{t('absence.current')}</Tag> : <Tag>{t('absence.upcoming')}</Tag>),
    },
  ];

  return (
    <div>
      <Alert type="info" showIcon title={t('absence.intro')} style={{ marginBottom: 16 }} />
      {canWrite && (
        <Card size="small" title={t('absence.record')} style={{ marginBottom: 16 }}>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Form<Values> form={form} layout="vertical" initialValues={{ accountId: me.id, reason: '' }} onFinish={(values) => void submit(values)} data-testid="absence-form" className="gz-absence-form">
            <Form.Item name="accountId" label={t('absence.person')} rules={[{ required: true }]} extra={people.length > 1 ? undefined : t('absence.selfOnly')}>
              <Select options={people} showSearch={{ optionFilterProp: 'label' }} loading={accounts.loading && pickAmong !== null} data-testid="absence-person" />
            </Form.Item>
            <Form.Item name="range" label={t('absence.period')} rules={[{ required: true, message: t('absence.period.required') }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} data-testid="absence-range" />
            </Form.Item>
            <Form.Item name="reason" label={t('absence.reason')} rules={[{ required: true, whitespace: true, message: t('absence.reason.required') }]}>
              <AutoComplete options={[t('absence.reason.sick'), t('absence.reason.personal'), t('absence.reason.training')].map((value) => ({ value }))} placeholder={t('absence.reason.placeholder')} data-testid="absence-reason" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="absence-submit">
              {t('absence.submit')}
            </Button>
          </Form>
        </Card>
      )}
      {absences.error !== undefined && <Alert type="error" showIcon title={errorMessage(absences.error)} style={{ marginBottom: 16 }} />}
      <Typography.Title level={5}>{t('absence.list')}</Typography.Title>
      <Table<Absence>
        data-testid="absence-table"
        rowKey="id"
        loading={absences.loading}
        columns={columns}
        dataSource={absences.data ?? []}
        onRow={() => rowTestId('absence-row')}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('absence.empty') }}
      />
    </div>
  );
}
