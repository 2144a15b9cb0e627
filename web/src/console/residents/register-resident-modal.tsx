import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../shared/api';
import type { RegisterResidentInput, Registration } from '../../shared/api-types';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { LargeType, testIdButton } from '../grid/grid-ui';
import { showServerErrors } from '../grid/server-errors';
import { useT } from '../messages';

/** The relations the server accepts (src/modules/grid/resident-rules.ts). */
export const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲', '孙子', '孙女', '兄弟姐妹', '租户', '其他'] as const;

type Values = {
  household: OrgPick | null;
  name: string;
  idNumber: string;
  phone?: string;
  relation: string;
  registration: Registration;
  registeredPlace?: string;
  movedInOn?: Dayjs | null;
};

const FORM_FIELDS = ['household', 'name', 'idNumber', 'phone', 'relation', 'registration', 'registeredPlace', 'movedInOn'] as const;

/** Server field names → this form's; gender and birth date come from the ID number, so they land there. */
function formField(field: string): (typeof FORM_FIELDS)[number] | null {
  if (field === 'householdId') return 'household';
  if (field === 'gender' || field === 'birthDate') return 'idNumber';
  return FORM_FIELDS.find((name) => name === field) ?? null;
}

/**
 * 登记新居民 on a household. The server checks the ID number (check digit, birth date, gender) and
 * refuses a duplicate naming the person already registered; its field errors appear under the fields.
 */
export function RegisterResidentModal({ household, onClose, onSaved }: { household: OrgPick | null; onClose: () => void; onSaved: (residentId: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    if (!values.household) return;
    setSaving(true);
    setFormError(null);
    const body: RegisterResidentInput = {
      householdId: values.household.id,
      name: values.name.trim(),
      idNumber: values.idNumber.trim().toUpperCase(),
      phone: values.phone?.trim() || null,
      relation: values.relation,
      registration: values.registration,
      registeredPlace: values.registeredPlace?.trim() || null,
      movedInOn: values.movedInOn ? values.movedInOn.format('YYYY-MM-DD') : null,
    };
    try {
      const created = await api.post<{ id: string }>('/api/residents', body);
      message.success(t('register.saved', { name: body.name }));
      onSaved(created.id);
    } catch (error) {
      setFormError(showServerErrors(form, error, formField));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('register.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('register.submit')} confirmLoading={saving} okButtonProps={testIdButton('register-submit')} width={560} destroyOnHidden>
      <LargeType>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="register-form"
          initialValues={{ household, name: '', idNumber: '', relation: '户主', registration: 'registered' }}
          onFinish={(values) => void submit(values)}
        >
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="register-error" />}
          <Form.Item name="household" label={t('visit.household')} rules={[{ required: true, message: t('visit.household.required') }]}>
            <OrgTreeSelect allowedKinds={['household']} placeholder={t('visit.household.pick')} testId="register-household" />
          </Form.Item>
          <Form.Item name="name" label={t('residents.name')} rules={[{ required: true, whitespace: true, message: t('register.name.required') }]}>
            <Input maxLength={50} data-testid="register-name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('residents.idNumber')} rules={[{ required: true, whitespace: true, message: t('register.idNumber.required') }]} extra={t('register.idNumber.hint')}>
            <Input maxLength={18} className="gz-mono" data-testid="register-id-number" />
          </Form.Item>
          <Form.Item name="phone" label={t('residents.phone')}>
            <Input maxLength={11} inputMode="numeric" className="gz-mono" data-testid="register-phone" />
          </Form.Item>
          <Form.Item name="relation" label={t('residents.relation')}>
            <Select options={RELATIONS.map((value) => ({ value, label: value }))} data-testid="register-relation" />
          </Form.Item>
          <Form.Item name="registration" label={t('residents.registration')}>
            <Radio.Group
              options={[
                { value: 'registered', label: t('registration.registered') },
                { value: 'floating', label: t('registration.floating') },
                { value: 'separated', label: t('registration.separated') },
              ]}
            />
          </Form.Item>
          <Form.Item name="registeredPlace" label={t('register.registeredPlace')}>
            <Input maxLength={100} placeholder={t('register.registeredPlace.placeholder')} />
          </Form.Item>
          <Form.Item name="movedInOn" label={t('register.movedInOn')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </LargeType>
    </Modal>
  );
}
