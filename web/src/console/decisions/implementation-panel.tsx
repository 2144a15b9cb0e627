import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Select, Slider, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { testIdButton } from '../grid/grid-ui';
import { mattersApi, type ImplementationTask, type MatterDetail } from './decisions-api';
import { useDT } from './decisions-messages';
import { ProgressTree, type ProgressTask } from './progress-tree';

type AddValues = { title: string; parentId: string | null; weight: number; milestone: boolean; dueOn: Dayjs | null };
type UpdateValues = { percent: number; status: string };

function toProgress(task: ImplementationTask): ProgressTask {
  return { id: task.id, title: task.title, weight: task.weight, progress: task.percent, status: task.status, dueOn: task.dueOn, children: task.children.map(toProgress) };
}

function flatten(tasks: ImplementationTask[]): ImplementationTask[] {
  return tasks.flatMap((task) => [task, ...flatten(task.children)]);
}

/** 组织实施: the task tree with rolled-up progress; add tasks and record progress (leaves only). */
export function ImplementationPanel({ matter, onChanged }: { matter: MatterDetail; onChanged: () => void }) {
  const t = useDT();
  const can = useCan();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [updating, setUpdating] = useState<ImplementationTask | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm<AddValues>();
  const [updateForm] = Form.useForm<UpdateValues>();
  const implementation = matter.stages.find((stage) => stage.kind === 'implementation');
  const canWrite = can('matter.write') && implementation?.status === 'open';
  const all = flatten(matter.implementation.roots);

  const add = async (values: AddValues) => {
    setSaving(true);
    setError(null);
    try {
      await mattersApi.addTask(matter.id, { title: values.title.trim(), parentId: values.parentId ?? null, weight: values.weight, milestone: values.milestone, dueOn: values.dueOn ? values.dueOn.format('YYYY-MM-DD') : null });
      setAdding(false);
      onChanged();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };
  const update = async (task: ImplementationTask, values: UpdateValues) => {
    setSaving(true);
    try {
      await mattersApi.updateTask(matter.id, task.id, { percent: values.percent, status: values.percent >= 100 ? 'done' : values.status });
      setUpdating(null);
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="implementation-panel">
      <div className="gz-impl-head">
        <span className="gz-impl-label">{t('impl.overall')}</span>
        <div style={{ flex: 1, maxWidth: 420 }} data-testid="impl-overall" data-percent={Math.round(matter.implementation.percent)}>
          <Progress percent={Math.round(matter.implementation.percent)} status={matter.implementation.percent >= 100 ? 'success' : 'active'} />
        </div>
      </div>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { addForm.resetFields(); setAdding(true); }} style={{ marginBottom: 12 }} data-testid="task-add">
          {t('impl.add')}
        </Button>
      )}
      {matter.implementation.roots.length === 0 ? (
        <Empty description={t('impl.none')} />
      ) : (
        <ProgressTree
          tasks={matter.implementation.roots.map(toProgress)}
          onPick={
            canWrite
              ? (picked) => {
                  const task = all.find((candidate) => candidate.id === picked.id);
                  if (!task || task.children.length > 0) return;
                  updateForm.setFieldsValue({ percent: task.percent, status: task.status });
                  setUpdating(task);
                }
              : undefined
          }
        />
      )}
      {adding && (
        <Modal open title={t('impl.add')} onCancel={() => setAdding(false)} onOk={() => addForm.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('task-submit', { loading: saving })} destroyOnHidden>
          <Form<AddValues> form={addForm} layout="vertical" initialValues={{ title: '', parentId: null, weight: 1, milestone: false, dueOn: null }} onFinish={(values) => void add(values)}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form.Item name="title" label={t('impl.task')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input maxLength={200} data-testid="task-title" />
            </Form.Item>
            <Form.Item name="parentId" label={t('impl.parent')}>
              <Select allowClear options={all.map((task) => ({ value: task.id, label: task.title }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="weight" label={t('impl.weight')} extra={t('impl.weight.hint')}>
                <InputNumber min={0.1} max={1000} step={1} />
              </Form.Item>
              <Form.Item name="dueOn" label={t('impl.due')}>
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item name="milestone" valuePropName="checked">
              <Checkbox>{t('impl.milestone')}</Checkbox>
            </Form.Item>
          </Form>
        </Modal>
      )}
      {updating && (
        <Modal open title={`${t('impl.update')}：${updating.title}`} onCancel={() => setUpdating(null)} onOk={() => updateForm.submit()} okText={t('save')} cancelText={t('cancel')} okButtonProps={testIdButton('task-update-submit', { loading: saving })} destroyOnHidden>
          <Form<UpdateValues> form={updateForm} layout="vertical" onFinish={(values) => void update(updating, values)}>
            <Form.Item name="percent">
              <Slider min={0} max={100} step={5} marks={{ 0: '0', 50: '50%', 100: '100%' }} />
            </Form.Item>
            <Form.Item name="percent" label={t('impl.percent')}>
              <InputNumber min={0} max={100} suffix="%" data-testid="task-percent" />
            </Form.Item>
            <Form.Item name="status" label={t('impl.status')} style={{ marginTop: 16 }}>
              <Select options={(['not_started', 'in_progress', 'done', 'blocked'] as const).map((status) => ({ value: status, label: t(`impl.status.${status}`) }))} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </div>
  );
}
