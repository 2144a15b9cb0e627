import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { testIdButton } from '../grid/grid-ui';
import { disputesApi, type DisputeDetail } from './disputes-api';
import { useDisT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type PartyValues = { partyId: string; gender?: 'male' | 'female'; age?: number; ethnicity?: string; address?: string; idNumber?: string };
type Values = { facts: string; issues: string; responsibilities: string; terms: string; performance: string; copies: number; parties: PartyValues[] };

const blankToUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

/**
 * 调解协议书 (人民调解法 29): the parties' basic information, the facts and the points in dispute, each
 * side's responsibility, what was agreed and how and when it is performed, and the number of copies.
 */
export function AgreementModal({ dispute, onClose, onDone }: { dispute: DisputeDetail; onClose: () => void; onDone: (next: DisputeDetail) => void }) {
  const t = useDisT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = dispute.agreement;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const next = await disputesApi.saveAgreement(dispute.id, {
        facts: values.facts?.trim() ?? '',
        issues: values.issues?.trim() ?? '',
        responsibilities: values.responsibilities?.trim() ?? '',
        terms: values.terms?.trim() ?? '',
        performance: values.performance?.trim() ?? '',
        copies: values.copies,
        // Only fields with a Form.Item come back: the party ids are taken from the dispute, in the same order.
        parties: (values.parties ?? []).map((p, index) => ({
          partyId: dispute.parties[index]?.id ?? '',
          ...(p.gender ? { gender: p.gender } : {}),
          ...(typeof p.age === 'number' ? { age: p.age } : {}),
          ...(blankToUndefined(p.ethnicity) ? { ethnicity: blankToUndefined(p.ethnicity) } : {}),
          ...(blankToUndefined(p.address) ? { address: blankToUndefined(p.address) } : {}),
          // A masked number from the server (420102********123X) is not sent back.
          ...(blankToUndefined(p.idNumber) && !p.idNumber?.includes('*') ? { idNumber: blankToUndefined(p.idNumber) } : {}),
        })),
      });
      onDone(next);
    } catch (cause) {
      setError(showFieldErrors(form, cause));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof Values, label: string, rows = 3) => (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: t('required') }]}>
      <Input.TextArea rows={rows} data-testid={`agreement-${name}`} />
    </Form.Item>
  );

  return (
    <Modal
      open
      width={820}
      title={a ? t('agreement.edit') : t('agreement.fill')}
      onCancel={onClose}
      okText={t('agreement.ok')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={testIdButton('agreement-ok', { size: 'large' })}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <div data-testid="agreement-form" className="gz-disputes">
        <Alert type="info" showIcon title={t('agreement.hint')} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="agreement-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(values) => void submit(values)}
          initialValues={{
            facts: a?.facts ?? dispute.summary,
            issues: a?.issues ?? '',
            responsibilities: a?.responsibilities ?? '',
            terms: a?.terms ?? '',
            performance: a?.performance ?? '',
            copies: a?.copies ?? dispute.parties.length + 1,
            parties: dispute.parties.map((p) => ({
              partyId: p.id,
              gender: p.gender ?? undefined,
              age: p.age ?? undefined,
              ethnicity: p.ethnicity ?? undefined,
              address: p.address ?? undefined,
              idNumber: p.idNumber ?? undefined,
            })),
          }}
        >
          <div className="gz-dispute-section-title">{t('agreement.parties')}</div>
          <Form.List name="parties">
            {(fields) =>
              fields.map((field, index) => {
                const party = dispute.parties[index];
                return (
                  <div key={field.key} className="gz-agreement-party" data-testid="agreement-party">
                    <div className="gz-agreement-party-name">
                      {party?.roleLabel}：{party?.name}
                    </div>
                    <div className="gz-party-row">
                      <Form.Item name={[field.name, 'gender']} label={t('agreement.party.gender')} style={{ width: 110 }}>
                        <Select allowClear options={[{ value: 'male', label: t('gender.male') }, { value: 'female', label: t('gender.female') }]} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'age']} label={t('agreement.party.age')} style={{ width: 100 }}>
                        <InputNumber min={0} max={130} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'ethnicity']} label={t('agreement.party.ethnicity')} style={{ width: 110 }}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'address']} label={t('agreement.party.address')} style={{ flex: '1 1 200px' }}>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[field.name, 'idNumber']} label={t('agreement.party.idNumber')} style={{ flex: '1 1 200px' }}>
                        <Input />
                      </Form.Item>
                    </div>
                  </div>
                );
              })
            }
          </Form.List>
          {text('facts', t('agreement.facts'))}
          {text('issues', t('agreement.issues'), 2)}
          {text('responsibilities', t('agreement.responsibilities'), 2)}
          {text('terms', t('agreement.content'))}
          {text('performance', t('agreement.performance'), 2)}
          <Form.Item name="copies" label={t('agreement.copies')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={1} max={20} style={{ width: 120 }} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
