import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { testIdButton } from '../grid/grid-ui';
import { disputesApi, type DisputesCatalogue, type PartyRole, type RiskLevel } from './disputes-api';
import { useDisT } from './disputes-messages';
import { showFieldErrors } from './server-errors';

type Values = {
  nodeId: OrgPick | null;
  parties: { role: PartyRole; name: string; phone?: string }[];
  type: string;
  typeNote?: string;
  riskLevel: RiskLevel;
  warningFlags: string[];
  summary: string;
  source: string;
  ladderCode: string;
};

/** 登记纠纷: place, parties, type, risk and warning signs, what happened, and the ladder (with its levels spelt out). */
export function RegisterDisputeModal({ catalogue, onClose, onDone }: { catalogue: DisputesCatalogue; onClose: () => void; onDone: (id: string) => void }) {
  const t = useDisT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ladderCode = Form.useWatch('ladderCode', form);
  const type = Form.useWatch('type', form);
  const ladder = catalogue.ladders.find((l) => l.code === ladderCode);
  const defaultLadder = catalogue.ladders.find((l) => l.default) ?? catalogue.ladders[0];

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await disputesApi.register({
        nodeId: values.nodeId?.id ?? '',
        parties: values.parties.map((p) => ({ role: p.role, name: p.name.trim(), ...(p.phone?.trim() ? { phone: p.phone.trim() } : {}) })),
        type: values.type,
        ...(values.typeNote?.trim() ? { typeNote: values.typeNote.trim() } : {}),
        riskLevel: values.riskLevel,
        warningFlags: values.warningFlags ?? [],
        summary: values.summary.trim(),
        source: values.source,
        ladderCode: values.ladderCode,
      });
      onDone(created.id);
    } catch (cause) {
      setError(
        showFieldErrors(form, cause, {
          byCode: { DISPUTE_PLACE_NOT_ALLOWED: 'nodeId', DISPUTE_LADDER_UNKNOWN: 'ladderCode', DISPUTE_TYPE_NOTE_REQUIRED: 'typeNote', DISPUTE_APPLICANT_REQUIRED: 'parties' },
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('reg.title')}
      width={760}
      onCancel={onClose}
      okText={t('reg.ok')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={testIdButton('dispute-register-ok', { size: 'large' })}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
    >
      <div data-testid="dispute-register-form" className="gz-disputes">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="dispute-register-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          onFinish={(values) => void submit(values)}
          initialValues={{ parties: [{ role: 'applicant', name: '' }, { role: 'respondent', name: '' }], riskLevel: 'low', warningFlags: [], source: 'walk_in', ladderCode: defaultLadder?.code, nodeId: null }}
        >
          <Form.Item name="nodeId" label={t('reg.place')} extra={t('reg.place.hint')} rules={[{ required: true, message: t('required') }]}>
            <OrgTreeSelect allowedKinds={['community', 'grid', 'building', 'household']} testId="dispute-place" />
          </Form.Item>
          <Form.Item label={t('reg.parties')} required>
            <Form.List name="parties">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} className="gz-party-row" data-testid="dispute-party">
                      <Form.Item name={[field.name, 'role']} style={{ width: 150 }} rules={[{ required: true, message: t('required') }]}>
                        <Select options={catalogue.partyRoles.map((r) => ({ value: r.code, label: r.name }))} aria-label={t('reg.party.role')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'name']} style={{ flex: '1 1 160px' }} rules={[{ required: true, whitespace: true, message: t('required') }]}>
                        <Input placeholder={t('reg.party.name')} data-testid={`dispute-party-name-${index}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'phone']} style={{ flex: '1 1 160px' }}>
                        <Input placeholder={t('reg.party.phone')} inputMode="tel" />
                      </Form.Item>
                      {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('reg.party.remove')} />}
                    </div>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'other', name: '' })}>
                    {t('reg.party.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="type" label={t('reg.type')} rules={[{ required: true, message: t('required') }]}>
            <Select options={catalogue.types.map((o) => ({ value: o.code, label: o.name }))} data-testid="dispute-type" />
          </Form.Item>
          {type === 'other' && (
            <Form.Item name="typeNote" label={t('reg.typeNote')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input />
            </Form.Item>
          )}
          <Form.Item name="summary" label={t('reg.summary')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('reg.summary.placeholder')} data-testid="dispute-summary" />
          </Form.Item>
          <Form.Item name="riskLevel" label={t('reg.risk')} rules={[{ required: true, message: t('required') }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={catalogue.riskLevels.map((o) => ({ value: o.code, label: o.name }))} data-testid="dispute-risk" />
          </Form.Item>
          <Form.Item name="warningFlags" label={t('reg.flags')} extra={t('reg.flags.hint')}>
            <Checkbox.Group options={catalogue.warningFlags.map((o) => ({ value: o.code, label: o.name }))} data-testid="dispute-flags" />
          </Form.Item>
          <Form.Item name="source" label={t('reg.source')} rules={[{ required: true, message: t('required') }]}>
            <Select options={catalogue.sources.map((o) => ({ value: o.code, label: o.name }))} data-testid="dispute-source" />
          </Form.Item>
          <Form.Item name="ladderCode" label={t('reg.ladder')} rules={[{ required: true, message: t('required') }]} style={{ marginBottom: 16 }}>
            <Radio.Group options={catalogue.ladders.map((l) => ({ value: l.code, label: l.name }))} data-testid="dispute-ladder" />
          </Form.Item>
          {ladder && (
            <div className="gz-ladder-explain" data-testid="dispute-ladder-explain">
              <div>{t('reg.ladder.hint')}</div>
              <ol style={{ margin: '4px 0 0', paddingInlineStart: 24 }}>
                {ladder.levels.map((level) => (
                  <li key={level.key}>{t('reg.ladder.level.short', { name: level.name, max: level.maxAttempts })}</li>
                ))}
                <li>{t('reg.ladder.after')}</li>
              </ol>
            </div>
          )}
        </Form>
      </div>
    </Modal>
  );
}
