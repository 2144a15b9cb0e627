import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { apiRequest, errorMessage } from '../../shared/api';
import type { CalendarDay } from './calendar-types';
import { useCalT } from './calendar-messages';
import { DayTip, weekdayLabel } from './month-grid';

type Values = { working: boolean; note: string };

/** Sets or clears an administrator's override of one day (PUT / DELETE /api/calendar/overrides/:date). */
export function OverrideModal({ day, onClose, onChanged }: { day: CalendarDay | null; onClose: () => void; onChanged: () => void }) {
  const t = useCalT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (day) form.setFieldsValue({ working: day.override ? day.override.working : !day.working, note: day.override?.note ?? '' });
  }, [day, form]);

  if (!day) return null;
  const save = async (values: Values) => {
    setBusy(true);
    try {
      await apiRequest(`/api/calendar/overrides/${day.date}`, { method: 'PUT', body: { working: values.working, note: values.note } });
      message.success(t('cal.modal.saved', { date: day.date }));
      onChanged();
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
    setBusy(true);
    try {
      await apiRequest(`/api/calendar/overrides/${day.date}`, { method: 'DELETE' });
      message.success(t('cal.modal.cleared', { date: day.date }));
      onChanged();
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('cal.modal.title', { date: day.date, weekday: t('cal.weekday', { d: weekdayLabel(day.weekday, t('cal.weekdays')) }) })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="cal-override-modal"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          <DayTip day={day} />
        </Typography.Text>
        <Alert type="info" showIcon title={t('cal.modal.hint')} />
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
          <Form.Item name="working" label={t('cal.modal.state')}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="cal-override-working">
              <Radio.Button value={true}>{t('cal.working')}</Radio.Button>
              <Radio.Button value={false}>{t('cal.rest')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('cal.modal.note')} rules={[{ required: true, whitespace: true, message: t('cal.modal.noteRequired') }, { max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} showCount data-testid="cal-override-note" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="cal-override-save">
              {t('cal.modal.save')}
            </Button>
            {day.override && (
              <Button danger loading={busy} onClick={() => void clear()} data-testid="cal-override-clear">
                {t('cal.modal.clear')}
              </Button>
            )}
          </Space>
        </Form>
      </Space>
    </Modal>
  );
}
