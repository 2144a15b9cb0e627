import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { useCan } from '../auth-context';
import { testIdButton } from '../grid/grid-ui';
import { demandsApi, HANDLING_LEVELS, type DemandDetail, type HandlingLevel } from './demands-api';
import { useDemT, type DemandsT } from './demands-messages';

type Verb = 'route' | 'accept' | 'escalate' | 'return' | 'transfer' | 'extend' | 'suspend' | 'resume' | 'urge' | 'supervise' | 'finish' | 'merge';

const LEVEL_LABELS: Record<HandlingLevel, [string, string]> = { grid: ['网格', 'Grid'], community: ['社区', 'Community'], street: ['街道', 'Street office'], district: ['区职能部门', 'District department'] };
/** The handling bodies (src/modules/demands/rules/routing.ts BODIES), for 转派. */
const BODIES: { code: string; level: HandlingLevel; name: [string, string] }[] = [
  { code: 'grid_station', level: 'grid', name: ['网格工作站', 'Grid station'] },
  { code: 'community_committee', level: 'community', name: ['社区居委会', 'Community committee'] },
  { code: 'property_company', level: 'community', name: ['物业服务企业', 'Property management company'] },
  { code: 'owners_committee', level: 'community', name: ['业主委员会', 'Owners’ committee'] },
  { code: 'community_police', level: 'community', name: ['社区民警', 'Community police officer'] },
  { code: 'street_urban_management', level: 'street', name: ['街道城市管理科', 'Street urban management'] },
  { code: 'street_civil_affairs', level: 'street', name: ['街道民政科', 'Street civil affairs'] },
  { code: 'street_safety', level: 'street', name: ['街道安全办', 'Street safety office'] },
  { code: 'district_department', level: 'district', name: ['区职能部门', 'District department'] },
];
const rank = (level: HandlingLevel | null) => (level === null ? -1 : HANDLING_LEVELS.indexOf(level));

/** What the state allows (mirrors the rules in demand-workflow.ts) and the account may do. */
export function allowedVerbs(d: DemandDetail, can: (p: 'demand.handle' | 'demand.supervise') => boolean): Verb[] {
  const handle = can('demand.handle');
  const supervise = can('demand.supervise');
  const s = d.status;
  const open = s === 'received' || s === 'routed' || s === 'accepted' || s === 'suspended';
  const verbs: Verb[] = [];
  if (handle && s === 'received') verbs.push('route');
  if (handle && s === 'routed') verbs.push('accept');
  if (handle && s === 'accepted') verbs.push('finish');
  if (handle && (s === 'routed' || s === 'accepted') && d.level !== 'district') verbs.push('escalate');
  if (handle && (s === 'routed' || s === 'accepted')) verbs.push('transfer', 'return');
  if (handle && s === 'accepted') verbs.push('suspend');
  if (handle && s === 'suspended') verbs.push('resume');
  if (supervise && (s === 'routed' || s === 'accepted' || s === 'suspended')) verbs.push('extend');
  if (handle && open) verbs.push('urge');
  if (supervise && open) verbs.push('supervise');
  if (handle && (s === 'received' || s === 'routed' || s === 'accepted')) verbs.push('merge');
  return verbs;
}

const PRIMARY: ReadonlySet<Verb> = new Set(['route', 'accept', 'finish', 'resume']);
const CONFIRM_ONLY: ReadonlySet<Verb> = new Set(['route', 'accept', 'resume']);

/** The action buttons of a demand; each opens a small form (or a confirmation) and posts the command. */
export function DemandActions({ demand, unit, onDone }: { demand: DemandDetail; unit: 'natural_hours' | 'working_days'; onDone: (next: DemandDetail) => void }) {
  const t = useDemT();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [verb, setVerb] = useState<Verb | null>(null);
  const verbs = allowedVerbs(demand, can);

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
  const zh = useLang() === 'zh-CN';
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('act.required') }];
  const current = rank(demand.level);
  const upLevels = HANDLING_LEVELS.filter((l) => rank(l) > current);
  const downLevels = HANDLING_LEVELS.filter((l) => current < 0 || rank(l) <= current);
  const transferLevel = Form.useWatch('level', form) as HandlingLevel | undefined;
  const candidates = useMergeCandidates(verb === 'merge', demand.id);

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
              <Radio.Group optionType="button" buttonStyle="solid" options={upLevels.map((l) => ({ value: l, label: LEVEL_LABELS[l][zh ? 0 : 1] }))} data-testid="escalate-level" />
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
              <Radio.Group optionType="button" buttonStyle="solid" options={downLevels.map((l) => ({ value: l, label: LEVEL_LABELS[l][zh ? 0 : 1] }))} onChange={() => form.setFieldValue('body', undefined)} />
            </Form.Item>
            <Form.Item name="body" label={t('act.transfer.body')} rules={[{ required: true, message: t('act.required') }]}>
              <Select options={BODIES.filter((b) => !transferLevel || b.level === transferLevel).map((b) => ({ value: b.code, label: b.name[zh ? 0 : 1] }))} />
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
            <Select showSearch optionFilterProp="label" placeholder={t('act.merge.pick')} loading={candidates === null} options={(candidates ?? []).map((c) => ({ value: c.id, label: c.title }))} />
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

/** Open demands in scope other than this one (for 合并). */
function useMergeCandidates(enabled: boolean, selfId: string): { id: string; title: string }[] | null {
  const [items, setItems] = useState<{ id: string; title: string }[] | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    demandsApi.list({ status: 'open', pageSize: 100 }).then(
      (r) => live && setItems(r.items.filter((d) => d.id !== selfId).map((d) => ({ id: d.id, title: d.title }))),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [enabled, selfId]);
  return items;
}
