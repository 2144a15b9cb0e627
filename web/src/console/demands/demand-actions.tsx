import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { testIdButton } from '../grid/grid-ui';
import { useApi } from '../common/use-api';
import { demandAidsApi, demandsApi, HANDLING_LEVELS, type DemandDetail, type DemandSummary, type DemandVerb, type HandlingLevel } from './demands-api';
import { useDemT, type DemandsT } from './demands-messages';

type Verb = Exclude<DemandVerb, 'rate' | 'reopen'>;
const STAFF_VERBS: readonly Verb[] = ['route', 'accept', 'finish', 'escalate', 'transfer', 'return', 'suspend', 'resume', 'extend', 'urge', 'supervise', 'merge'];
const rank = (level: HandlingLevel | null) => (level === null ? -1 : HANDLING_LEVELS.indexOf(level));

/** The buttons to show, in the console's order: exactly the commands the server says this account may perform now. */
export function shownVerbs(d: Pick<DemandDetail, 'actions'>): Verb[] {
  return STAFF_VERBS.filter((v) => d.actions.includes(v));
}

const PRIMARY: ReadonlySet<Verb> = new Set(['route', 'accept', 'finish', 'resume']);
const CONFIRM_ONLY: ReadonlySet<Verb> = new Set(['route', 'accept', 'resume']);

/** The action buttons of a demand; each opens a small form (or a confirmation) and posts the command. */
export function DemandActions({ demand, unit, onDone }: { demand: DemandDetail; unit: 'natural_hours' | 'working_days'; onDone: (next: DemandDetail) => void }) {
  const t = useDemT();
  const { message, modal } = App.useApp();
  const [verb, setVerb] = useState<Verb | null>(null);
  const verbs = shownVerbs(demand);

  const run = async (v: Verb, body: Record<string, unknown> = {}) => {
    const next = await demandsApi.act(demand.id, v, body);
    void message.success(t('act.done', { action: t(`act.${v}`) }));
    onDone(next);
  };
  const click = (v: Verb) => {
    if (!CONFIRM_ONLY.has(v)) return setVerb(v);
    modal.confirm({
      title: t(`act.${v}`),
      content: t(`act.${v}.confirm` as 'act.route.confirm'),
      okText: t('act.ok'),
      cancelText: t('cancel'),
      okButtonProps: testIdButton('demand-confirm-ok', { size: 'large' }),
      onOk: () => run(v).catch((cause: unknown) => void message.error(errorMessage(cause))),
    });
  };

  if (verbs.length === 0) return <p className="gz-muted" data-testid="demand-no-actions">{t('detail.noActions')}</p>;
  return (
    <>
      <Space wrap className="gz-demand-actions" data-testid="demand-actions">
        {verbs.map((v) => (
          <Button key={v} type={PRIMARY.has(v) ? 'primary' : 'default'} danger={v === 'return'} onClick={() => click(v)} data-testid={`demand-act-${v}`}>
            {t(`act.${v}`)}
          </Button>
        ))}
      </Space>
      {verb && <ActionModal verb={verb} demand={demand} unit={unit} t={t} onClose={() => setVerb(null)} onSubmit={async (body) => { await run(verb, body); setVerb(null); }} />}
    </>
  );
}

function ActionModal({ verb, demand, unit, t, onClose, onSubmit }: { verb: Verb; demand: DemandDetail; unit: 'natural_hours' | 'working_days'; t: DemandsT; onClose: () => void; onSubmit: (body: Record<string, unknown>) => Promise<void> }) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('act.required') }];
  const current = rank(demand.level);
  const upLevels = HANDLING_LEVELS.filter((l) => rank(l) > current);
  const downLevels = HANDLING_LEVELS.filter((l) => current < 0 || rank(l) <= current);
  const transferLevel = Form.useWatch('level', form) as HandlingLevel | undefined;
  const bodies = useApi((signal) => (verb === 'escalate' || verb === 'transfer' ? demandAidsApi.handlingBodies(signal) : Promise.resolve(null)), [verb]);
  const levelName = (level: HandlingLevel) => bodies.data?.find((l) => l.level === level)?.name ?? level;
  const bodyOptions = (bodies.data ?? []).filter((l) => !transferLevel || l.level === transferLevel).flatMap((l) => l.bodies.map((b) => ({ value: b.body, label: b.name })));

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (verb === 'finish') await onSubmit({ outcome: { result: values['result'], text: values['text'] } });
      else await onSubmit(values);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  const fields = () => {
    switch (verb) {
      case 'escalate':
        return (
          <>
            <Form.Item name="level" label={t('act.escalate.level')} initialValue={upLevels[0]} rules={[{ required: true, message: t('act.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={upLevels.map((l) => ({ value: l, label: levelName(l) }))} data-testid="escalate-level" />
            </Form.Item>
            <Form.Item name="reason" label={t('act.escalate.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} data-testid="demand-reason" />
            </Form.Item>
          </>
        );
      case 'return':
      case 'suspend':
        return (
          <Form.Item name="reason" label={t(verb === 'return' ? 'act.return.reason' : 'act.suspend.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={500} data-testid="demand-reason" />
          </Form.Item>
        );
      case 'transfer':
        return (
          <>
            <Form.Item name="level" label={t('act.transfer.level')} initialValue={demand.level ?? 'grid'} rules={[{ required: true, message: t('act.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={downLevels.map((l) => ({ value: l, label: levelName(l) }))} onChange={() => form.setFieldValue('body', undefined)} />
            </Form.Item>
            <Form.Item name="body" label={t('act.transfer.body')} rules={[{ required: true, message: t('act.required') }]}>
              <Select loading={bodies.loading} options={bodyOptions} data-testid="transfer-body" />
            </Form.Item>
            <Form.Item name="reason" label={t('act.transfer.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} data-testid="demand-reason" />
            </Form.Item>
          </>
        );
      case 'extend':
        return (
          <>
            <Form.Item name="amount" label={t('act.extend.amount', { unit: t(`unit.${unit}`) })} rules={[{ required: true, message: t('act.required') }]}>
              <InputNumber min={1} max={365} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="reason" label={t('act.extend.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} data-testid="demand-reason" />
            </Form.Item>
          </>
        );
      case 'urge':
      case 'supervise':
        return (
          <Form.Item name="note" label={t('act.note')}>
            <Input.TextArea rows={3} maxLength={500} data-testid="demand-note" />
          </Form.Item>
        );
      case 'finish':
        return (
          <>
            <Form.Item name="result" label={t('act.finish.result')} initialValue="resolved" rules={[{ required: true, message: t('act.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={(['resolved', 'explained', 'unresolvable'] as const).map((r) => ({ value: r, label: t(`result.${r}`) }))} data-testid="finish-result" />
            </Form.Item>
            <Form.Item name="text" label={t('act.finish.text')} rules={required}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="finish-text" />
            </Form.Item>
          </>
        );
      case 'merge':
        return (
          <Form.Item name="intoDemandId" label={t('act.merge.into')} rules={[{ required: true, message: t('act.merge.pick') }]}>
            <MergeTargetSelect demandId={demand.id} t={t} />
          </Form.Item>
        );
      default:
        return null;
    }
  };

  return (
    <Modal
      open
      title={t(`act.${verb}`)}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('act.ok')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      okButtonProps={testIdButton('demand-action-ok', { size: 'large' })}
      cancelButtonProps={{ size: 'large' }}
      destroyOnHidden
      data-testid="demand-action-modal"
    >
      <Form form={form} layout="vertical" requiredMark={false} size="large">
        {fields()}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="demand-action-error" />}
    </Modal>
  );
}

/** 合并: a search box over the open demands of the same community (server-side, by title, newest first). */
function MergeTargetSelect({ demandId, t, value, onChange }: { demandId: string; t: DemandsT; value?: string; onChange?: (value: string) => void }) {
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [items, setItems] = useState<DemandSummary[] | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    demandAidsApi.mergeCandidates(demandId, q, controller.signal).then(
      (r) => setItems(r.items),
      () => !controller.signal.aborted && setItems([]),
    );
    return () => controller.abort();
  }, [demandId, q]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      placeholder={t('act.merge.search')}
      loading={items === null}
      notFoundContent={items === null ? null : t('act.merge.none')}
      options={(items ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.statusName}）` }))}
      data-testid="merge-target"
    />
  );
}
