import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../shared/api';
import { useMe } from '../auth-context';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useIsPhone } from '../grid/grid-ui';
import { templatesApi, type TemplateRecord } from './decisions-api';
import { bodyName, kindName, stageName } from './decisions-format';
import { useDT, type DecisionsT } from './decisions-messages';
import { attachmentLabel } from './procedure-view';
import { ATTACHMENT_KINDS, BODY_KINDS, STAGE_KINDS, type AttachmentKind, type BodyKind, type Measure, type ProcedureTemplate, type ShareRule, type StageKind, type StageTemplate } from './procedure-types';

type RuleValues = { on: boolean; comparison: 'more_than' | 'at_least'; num: number; den: number; base: 'entitled' | 'present'; measures: Measure[] };

type StageValues = {
  key: string;
  kind: StageKind;
  nameZh: string;
  nameEn: string;
  body: BodyKind | 'none';
  attendance: RuleValues;
  decision: RuleValues;
  noticeDays: number | null;
  minDays: number | null;
  maxDays: number | null;
  publicationDays: number | null;
  requiredAttachments: AttachmentKind[];
  allowProxy: boolean;
  ballot: 'open' | 'secret';
  onRejected: string;
  optional: boolean;
  supervisorSignOff: boolean;
  /** Kept as they were (not edited here). */
  extra: Pick<StageTemplate, 'alternatives' | 'note' | 'attendanceMode'>;
};

type Values = {
  community: OrgPick | null;
  code: string;
  nameZh: string;
  nameEn: string;
  source: string;
  unit: ProcedureTemplate['unit'];
  batch: boolean;
  stages: StageValues[];
};

const DEFAULT_RULE: Omit<RuleValues, 'on'> = { comparison: 'more_than', num: 1, den: 2, base: 'entitled', measures: ['head'] };

function ruleValues(rule: ShareRule | null, base: 'entitled' | 'present'): RuleValues {
  return rule ? { on: true, comparison: rule.comparison, num: rule.num, den: rule.den, base: rule.base, measures: [...rule.measures] } : { on: false, ...DEFAULT_RULE, base };
}

function toRule(values: RuleValues): ShareRule | null {
  return values.on ? { comparison: values.comparison, num: values.num, den: values.den, base: values.base, measures: values.measures } : null;
}

function stageValues(stage: StageTemplate): StageValues {
  return {
    key: stage.key,
    kind: stage.kind,
    nameZh: stage.name.zh,
    nameEn: stage.name.en,
    body: stage.body ?? 'none',
    attendance: ruleValues(stage.attendance, 'entitled'),
    decision: ruleValues(stage.decision, 'present'),
    noticeDays: stage.noticeDays ?? null,
    minDays: stage.minDays ?? null,
    maxDays: stage.maxDays ?? null,
    publicationDays: stage.publicationDays ?? null,
    requiredAttachments: [...stage.requiredAttachments],
    allowProxy: stage.allowProxy ?? false,
    ballot: stage.ballot ?? 'open',
    onRejected: !stage.onRejected || stage.onRejected === 'stop' ? 'stop' : stage.onRejected.backTo,
    optional: stage.optional ?? false,
    supervisorSignOff: stage.supervisorSignOff ?? false,
    extra: { alternatives: stage.alternatives, note: stage.note, attendanceMode: stage.attendanceMode },
  };
}

function toStage(values: StageValues): StageTemplate {
  const stage: StageTemplate = {
    key: values.key.trim(),
    kind: values.kind,
    name: { zh: values.nameZh.trim(), en: values.nameEn.trim() },
    body: values.body === 'none' ? null : values.body,
    attendance: toRule(values.attendance),
    decision: toRule(values.decision),
    requiredAttachments: values.requiredAttachments,
  };
  if (values.noticeDays !== null && values.noticeDays !== undefined) stage.noticeDays = values.noticeDays;
  if (values.minDays !== null && values.minDays !== undefined) stage.minDays = values.minDays;
  if (values.maxDays !== null && values.maxDays !== undefined) stage.maxDays = values.maxDays;
  if (values.publicationDays !== null && values.publicationDays !== undefined) stage.publicationDays = values.publicationDays;
  if (stage.body) {
    stage.allowProxy = values.allowProxy;
    stage.ballot = values.ballot;
    stage.onRejected = values.onRejected === 'stop' ? 'stop' : { backTo: values.onRejected };
  }
  if (values.optional) stage.optional = true;
  if (values.supervisorSignOff) stage.supervisorSignOff = true;
  const extra = values.extra ?? {};
  if (extra.attendanceMode) stage.attendanceMode = extra.attendanceMode;
  if (extra.alternatives && extra.alternatives.length > 0) stage.alternatives = extra.alternatives;
  if (extra.note) stage.note = extra.note;
  return stage;
}

/**
 * A server field path (`stages.2.attendance`, `template.stages.0.name.zh`, `code`) → this form's field.
 * Rule problems land on the rule's switch; names on the Chinese name.
 */
export function formFieldOf(path: string): (string | number)[] | null {
  const parts = path.split('.').filter(Boolean);
  const start = parts.findIndex((part) => ['stages', 'code', 'name', 'source', 'unit', 'batch'].includes(part));
  if (start < 0) return null;
  const rest = parts.slice(start);
  const [head, indexText, field, sub] = rest;
  if (head === 'name') return [sub === 'en' || indexText === 'en' ? 'nameEn' : 'nameZh'];
  if (head !== 'stages') return head ? [head] : null;
  const index = Number(indexText);
  if (!Number.isInteger(index)) return ['stages'];
  if (!field) return ['stages', index, 'key'];
  if (field === 'name') return ['stages', index, sub === 'en' ? 'nameEn' : 'nameZh'];
  if (field === 'attendance' || field === 'decision') return ['stages', index, field, sub === 'den' ? 'den' : 'num'];
  if (field === 'alternatives') return ['stages', index, 'body'];
  const known = ['key', 'kind', 'body', 'noticeDays', 'minDays', 'maxDays', 'publicationDays', 'requiredAttachments', 'allowProxy', 'ballot', 'onRejected', 'optional', 'supervisorSignOff'];
  return known.includes(field) ? ['stages', index, field] : ['stages', index, 'key'];
}

/** The problems of a failed save, each under its field; returns how many were placed. */
function placeProblems(form: FormInstance<Values>, error: unknown): number {
  if (!(error instanceof ApiError)) return 0;
  const problems = [...error.fieldErrors.map((field) => ({ path: field.field, message: field.message }))];
  const listed = [error.details['problems'], error.details['issues']].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  {
    for (const problem of listed) {
      if (typeof problem === 'object' && problem !== null && 'path' in problem && typeof problem.path === 'string') {
        const message = 'zh' in problem && typeof problem.zh === 'string' ? problem.zh : 'message' in problem && typeof problem.message === 'string' ? problem.message : error.message;
        problems.push({ path: problem.path, message });
      }
    }
  }
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const problem of problems) {
    const name = formFieldOf(problem.path);
    if (!name) continue;
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()] as Parameters<FormInstance<Values>['setFields']>[0]);
  return problems.length;
}

function RuleFields({ index, which, t }: { index: number; which: 'attendance' | 'decision'; t: DecisionsT }) {
  return (
    <div className="gz-rule-box">
      <Form.Item name={[index, which, 'on']} valuePropName="checked" label={which === 'attendance' ? t('editor.stage.attendance') : t('editor.stage.decision')} style={{ marginBottom: 8 }}>
        <Switch checkedChildren={t('yes')} unCheckedChildren={t('editor.stage.none')} data-testid={`editor-${which}-on`} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) =>
          getFieldValue(['stages', index, which, 'on']) ? (
            <Space wrap align="start" size={[8, 0]}>
              <Form.Item name={[index, which, 'base']} label={t('editor.rule.base')}>
                <Select style={{ width: 96 }} options={[{ value: 'entitled', label: t('editor.rule.entitled') }, { value: 'present', label: t('editor.rule.present') }]} />
              </Form.Item>
              <Form.Item name={[index, which, 'comparison']} label={t('editor.rule.comparison')}>
                <Select style={{ width: 170 }} options={[{ value: 'more_than', label: t('editor.rule.more_than') }, { value: 'at_least', label: t('editor.rule.at_least') }]} />
              </Form.Item>
              <Form.Item label={t('editor.rule.fraction')} required>
                <Space.Compact>
                  <Form.Item name={[index, which, 'num']} noStyle rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={1} max={1000} style={{ width: 72 }} data-testid={`editor-${which}-num`} />
                  </Form.Item>
                  <Button disabled>/</Button>
                  <Form.Item name={[index, which, 'den']} noStyle rules={[{ required: true, message: t('required') }]}>
                    <InputNumber min={1} max={1000} style={{ width: 72 }} data-testid={`editor-${which}-den`} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
              <Form.Item name={[index, which, 'measures']} label={t('editor.rule.measures')}>
                <Checkbox.Group options={[{ value: 'head', label: t('editor.rule.head') }, { value: 'area', label: t('editor.rule.area') }]} />
              </Form.Item>
            </Space>
          ) : null
        }
      </Form.Item>
    </div>
  );
}

function StageCard({ index, count, move, remove, t }: { index: number; count: number; move: (from: number, to: number) => void; remove: (index: number) => void; t: DecisionsT }) {
  return (
    <Card
      size="small"
      className="gz-editor-stage"
      data-testid="editor-stage"
      title={
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => `${t('editor.stage', { n: index + 1 })} · ${stageName({ zh: String(getFieldValue(['stages', index, 'nameZh']) ?? ''), en: String(getFieldValue(['stages', index, 'nameEn']) ?? '') })}`}
        </Form.Item>
      }
      extra={
        <Space size={4}>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('editor.stage.up')} />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label={t('editor.stage.down')} />
          <Button size="small" danger icon={<DeleteOutlined />} disabled={count <= 1} onClick={() => remove(index)} aria-label={t('editor.stage.remove')} />
        </Space>
      }
    >
      <Space wrap align="start" size={[12, 0]}>
        <Form.Item name={[index, 'nameZh']} label={t('editor.stage.name')} rules={[{ required: true, message: t('required') }]}>
          <Input style={{ width: 220 }} data-testid="editor-stage-name" />
        </Form.Item>
        <Form.Item name={[index, 'nameEn']} label={t('editor.nameEn')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name={[index, 'key']} label={t('editor.stage.key')} rules={[{ required: true, message: t('required') }]}>
          <Input style={{ width: 160 }} data-testid="editor-stage-key" />
        </Form.Item>
      </Space>
      <Space wrap align="start" size={[12, 0]}>
        <Form.Item name={[index, 'kind']} label={t('editor.stage.kind')}>
          <Select style={{ width: 200 }} options={STAGE_KINDS.map((kind) => ({ value: kind, label: kindName(kind) }))} data-testid="editor-stage-kind" />
        </Form.Item>
        <Form.Item name={[index, 'body']} label={t('editor.stage.body')}>
          <Select style={{ width: 240 }} options={[{ value: 'none', label: t('editor.stage.noBody') }, ...BODY_KINDS.map((body) => ({ value: body, label: bodyName(body) }))]} data-testid="editor-stage-body" />
        </Form.Item>
      </Space>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const hasBody = getFieldValue(['stages', index, 'body']) !== 'none';
          const stages = (getFieldValue('stages') as StageValues[] | undefined) ?? [];
          return (
            <>
              <RuleFields index={index} which="attendance" t={t} />
              <RuleFields index={index} which="decision" t={t} />
              {hasBody && (
                <Space wrap align="start" size={[12, 0]}>
                  <Form.Item name={[index, 'ballot']} label={t('editor.stage.ballot')}>
                    <Radio.Group options={[{ value: 'open', label: t('rule.ballot.open') }, { value: 'secret', label: t('rule.ballot.secret') }]} />
                  </Form.Item>
                  <Form.Item name={[index, 'allowProxy']} label={t('editor.stage.allowProxy')} valuePropName="checked">
                    <Switch data-testid="editor-stage-allowProxy" />
                  </Form.Item>
                  <Form.Item name={[index, 'onRejected']} label={t('editor.stage.onRejected')}>
                    <Select
                      style={{ width: 220 }}
                      options={[
                        { value: 'stop', label: t('editor.stop') },
                        ...stages.slice(0, index).map((stage) => ({ value: stage.key, label: t('editor.backTo', { stage: stage.nameZh || stage.key }) })),
                      ]}
                    />
                  </Form.Item>
                </Space>
              )}
            </>
          );
        }}
      </Form.Item>
      <Space wrap align="start" size={[12, 0]}>
        {(['noticeDays', 'minDays', 'maxDays', 'publicationDays'] as const).map((field) => (
          <Form.Item key={field} name={[index, field]} label={t(`editor.stage.${field}`)}>
            <InputNumber min={0} max={3650} style={{ width: 110 }} data-testid={`editor-stage-${field}`} />
          </Form.Item>
        ))}
      </Space>
      <Form.Item name={[index, 'requiredAttachments']} label={t('editor.stage.attachments')}>
        <Checkbox.Group options={ATTACHMENT_KINDS.map((kind) => ({ value: kind, label: attachmentLabel(kind) }))} />
      </Form.Item>
      <Space wrap size={[24, 0]}>
        <Form.Item name={[index, 'optional']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('editor.stage.optional')}</Checkbox>
        </Form.Item>
        <Form.Item name={[index, 'supervisorSignOff']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('editor.stage.signOff')}</Checkbox>
        </Form.Item>
      </Space>
    </Card>
  );
}

/** 复制并调整 / 修改: a template's stages, bodies, rules, periods and attachments, with server problems on their fields. */
export function TemplateEditor({ record, mode, onClose, onSaved }: { record: TemplateRecord; mode: 'copy' | 'edit'; onClose: () => void; onSaved: (id: string) => void }) {
  const t = useDT();
  const me = useMe();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const home = me.roles.find((binding) => binding.nodeKind === 'community');
  const template = record.body;

  const initial: Values = {
    community: home ? { id: home.nodeId, name: home.nodeName } : null,
    code: mode === 'copy' ? `${template.code}_copy`.slice(0, 40) : template.code,
    nameZh: mode === 'copy' ? `${template.name.zh}（调整）` : template.name.zh,
    nameEn: template.name.en,
    source: template.source,
    unit: template.unit,
    batch: template.batch,
    stages: template.stages.map(stageValues),
  };

  const submit = async (submitted: Values) => {
    setFormError(null);
    // The whole store: `onFinish` leaves out values without a field (each stage's `extra`).
    const values = { ...(form.getFieldsValue(true) as Values), ...submitted, stages: (form.getFieldsValue(true) as Values).stages };
    const body: ProcedureTemplate = {
      code: values.code.trim(),
      name: { zh: values.nameZh.trim(), en: values.nameEn.trim() },
      source: values.source.trim(),
      unit: values.unit,
      batch: values.batch,
      stages: values.stages.map(toStage),
    };
    if (template.note) body.note = template.note;
    if (mode === 'copy' && !values.community) {
      form.setFields([{ name: 'community', errors: [t('required')] }]);
      return;
    }
    setSaving(true);
    try {
      const result =
        mode === 'copy' && values.community
          ? await templatesApi.copy(record.id, { communityId: values.community.id, name: body.name.zh, body })
          : await templatesApi.update(record.id, { name: body.name.zh, body });
      message.success(t('editor.saved'));
      onSaved(result.id);
    } catch (error) {
      const count = placeProblems(form, error);
      setFormError(count > 0 ? `${errorMessage(error)} — ${t('editor.invalid', { count })}` : errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={mode === 'copy' ? t('editor.copyTitle', { name: stageName(template.name) }) : t('editor.title')}
      onClose={onClose}
      size={isPhone ? '100%' : 880}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" size="large" loading={saving} onClick={() => form.submit()} data-testid="editor-save">
            {t('editor.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(values) => void submit(values)} data-testid="template-editor" scrollToFirstError>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="editor-error" />}
        {mode === 'copy' && (
          <Form.Item name="community" label={t('raise.community')} rules={[{ required: true, message: t('required') }]}>
            <OrgTreeSelect allowedKinds={['community']} testId="editor-community" />
          </Form.Item>
        )}
        <Space wrap align="start" size={[12, 0]}>
          <Form.Item name="nameZh" label={t('editor.name')} rules={[{ required: true, message: t('required') }]}>
            <Input style={{ width: 300 }} data-testid="editor-name" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('editor.nameEn')}>
            <Input style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Space wrap align="start" size={[12, 0]}>
          <Form.Item name="code" label={t('editor.code')} extra={t('editor.code.hint')} rules={[{ required: true, message: t('required') }]}>
            <Input style={{ width: 260 }} disabled={mode === 'edit'} data-testid="editor-code" />
          </Form.Item>
          <Form.Item name="unit" label={t('editor.unit')}>
            <Radio.Group
              options={[
                { value: 'community', label: t('proc.unit.community') },
                { value: 'village', label: t('proc.unit.village') },
                { value: 'both', label: t('proc.unit.both') },
              ]}
            />
          </Form.Item>
          <Form.Item name="batch" label={t('editor.batch')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="source" label={t('editor.source')} rules={[{ required: true, message: t('required') }]}>
          <Input />
        </Form.Item>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <div className="gz-editor-stages">
              {fields.map((field, index) => (
                <StageCard key={field.key} index={index} count={fields.length} move={move} remove={remove} t={t} />
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() =>
                  add(
                    stageValues({ key: `stage_${fields.length + 1}`, kind: 'deliberation', name: { zh: '', en: '' }, body: null, attendance: null, decision: null, requiredAttachments: ['minutes'] }),
                  )
                }
                data-testid="editor-add-stage"
              >
                {t('editor.stage.add')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
