import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, List, Select, Space, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { applyServerErrors } from '../common/form-errors';
import { LargeType, testIdButton } from '../grid/grid-ui';
import { navigate } from '../router';
import { deadlineDateTime, shortDateTime } from './demand-format';
import { DEMAND_PHOTO_MAX_DATA_URL, downscalePhoto } from '../../shared/downscale-photo';
import { demandsApi, limitText, STAFF_CHANNELS, type DemandCategory, type IntakeResult, type StaffChannel } from './demands-api';
import { useDemT } from './demands-messages';

const MAX_PHOTOS = 6;

type Values = { channel: StaffChannel; place: OrgPick | null; category: string; title: string; description?: string; contactName?: string; contactPhone?: string };
type Photo = { name: string; dataUrl: string };

export const CHANNEL_LABELS: Record<StaffChannel, [string, string]> = {
  hotline: ['服务热线', 'Hotline'],
  walk_in: ['来访', 'Walk-in'],
  grid_worker: ['网格员上报', 'Grid worker'],
  mailbox: ['意见箱', 'Mailbox'],
  door_note: ['民情联系卡', 'Door note'],
  symposium: ['座谈会', 'Symposium'],
  hotline_12345: ['12345 转办', '12345 transfer'],
};

type TreeOption = { value: string; title: string; selectable: boolean; children?: TreeOption[] };

/** Categories as a two-level tree; a parent with children is only a heading. */
export function categoryTree(categories: readonly DemandCategory[]): TreeOption[] {
  return categories
    .filter((c) => c.parent === null)
    .map((root) => {
      const children = categories.filter((c) => c.parent === root.code).map((c) => ({ value: c.code, title: c.name, selectable: true }));
      return { value: root.code, title: root.name, selectable: true, ...(children.length > 0 ? { children } : {}) };
    });
}

/** 登记诉求: channel, place, category (with its limits), title, content, contact, photos; then possible duplicates. */
export function IntakeDrawer({ open, categories, onClose, onSaved }: { open: boolean; categories: readonly DemandCategory[]; onClose: () => void; onSaved: () => void }) {
  const t = useDemT();
  const zh = useLang() === 'zh-CN';
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<IntakeResult | null>(null);
  const [merged, setMerged] = useState<string | null>(null);
  const category = Form.useWatch('category', form);
  const chosen = categories.find((c) => c.code === category);
  const tree = useMemo(() => categoryTree(categories), [categories]);

  const reset = () => {
    form.resetFields();
    setPhotos([]);
    setError(null);
    setSaved(null);
    setMerged(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const addPhotos = async (files: FileList | null) => {
    for (const file of Array.from(files ?? []).slice(0, MAX_PHOTOS - photos.length)) {
      try {
        const dataUrl = await downscalePhoto(file, DEMAND_PHOTO_MAX_DATA_URL);
        setPhotos((current) => (current.length < MAX_PHOTOS ? [...current, { name: file.name.replace(/\.[^.]+$/, '') + '.jpg', dataUrl }] : current));
      } catch {
        void message.error(t('intake.photoFailed'));
      }
    }
  };

  const submit = async (values: Values) => {
    if (!values.place) return;
    setSaving(true);
    setError(null);
    try {
      const result = await demandsApi.intake({
        channel: values.channel,
        nodeId: values.place.id,
        category: values.category,
        title: values.title,
        ...(values.description ? { description: values.description } : {}),
        ...(values.contactName ? { contactName: values.contactName } : {}),
        ...(values.contactPhone ? { contactPhone: values.contactPhone } : {}),
        ...(photos.length > 0 ? { photos: photos.map((p) => ({ name: p.name, mime: 'image/jpeg', content: p.dataUrl })) } : {}),
      });
      setSaved(result);
      onSaved();
      if (result.possibleDuplicates.length === 0) {
        void message.success(t('intake.saved', { respond: deadlineDateTime(result.respondBy, zh), finish: deadlineDateTime(result.finishBy, zh) }));
        close();
        navigate(`/demands/${encodeURIComponent(result.id)}`);
      }
    } catch (cause) {
      setError(applyServerErrors(form, cause, ['channel', 'category', 'title', 'description', 'contactName', 'contactPhone']));
    } finally {
      setSaving(false);
    }
  };

  const merge = async (intoId: string) => {
    if (!saved) return;
    try {
      await demandsApi.act(saved.id, 'merge', { intoDemandId: intoId });
      setMerged(intoId);
      onSaved();
    } catch (cause) {
      void message.error(errorMessage(cause));
    }
  };

  return (
    <Drawer open={open} onClose={close} title={t('intake.title')} size={560} destroyOnHidden data-testid="demand-intake">
      <LargeType>
        {saved ? (
          <div data-testid="demand-duplicates">
            <Alert type="success" showIcon title={t('intake.saved', { respond: deadlineDateTime(saved.respondBy, zh), finish: deadlineDateTime(saved.finishBy, zh) })} />
            <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('intake.duplicates', { n: saved.possibleDuplicates.length })} description={t('intake.duplicatesHint')} />
            <List
              style={{ marginTop: 8 }}
              dataSource={saved.possibleDuplicates}
              renderItem={(dup) => (
                <List.Item
                  data-testid="demand-duplicate"
                  actions={[
                    merged === dup.id ? (
                      <Tag color="success" key="merged">{t('intake.merged')}</Tag>
                    ) : (
                      <Button key="merge" onClick={() => void merge(dup.id)} disabled={merged !== null} data-testid="demand-merge-into">
                        {t('intake.merge')}
                      </Button>
                    ),
                  ]}
                >
                  <List.Item.Meta
                    title={<a href={`/demands/${encodeURIComponent(dup.id)}`} target="_blank" rel="noreferrer">{dup.title}</a>}
                    description={
                      <Space wrap>
                        <span>{shortDateTime(dup.createdAt, zh)}</span>
                        {dup.sameHousehold && <Tag>{t('intake.sameHousehold')}</Tag>}
                        {dup.distanceM !== null && <span>{t('intake.distance', { m: dup.distanceM })}</span>}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" onClick={() => { const id = merged ?? saved.id; close(); navigate(`/demands/${encodeURIComponent(id)}`); }} data-testid="demand-open-new">
                {t('intake.openNew')}
              </Button>
              <Button onClick={close}>{t('intake.close')}</Button>
            </Space>
          </div>
        ) : (
          <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ channel: 'hotline', place: null }} requiredMark={false} data-testid="demand-intake-form">
            <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
              <Select data-testid="intake-channel" options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][zh ? 0 : 1] }))} />
            </Form.Item>
            <Form.Item name="place" label={t('intake.place')} rules={[{ required: true, message: t('intake.place.required') }]}>
              <OrgTreeSelect allowedKinds={['community', 'grid', 'building', 'household']} testId="intake-place" />
            </Form.Item>
            <Form.Item
              name="category"
              label={t('intake.category')}
              rules={[{ required: true, message: t('intake.category.required') }]}
              extra={chosen ? <span data-testid="intake-limits">{t('intake.limits', { level: chosen.firstLevelName, respond: limitText(chosen.respond, zh), finish: limitText(chosen.finish, zh) })}</span> : undefined}
            >
              <TreeSelect data-testid="intake-category" treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item name="title" label={t('intake.titleField')} rules={[{ required: true, whitespace: true, message: t('intake.title.required') }]}>
              <Input maxLength={100} placeholder={t('intake.titlePlaceholder')} data-testid="intake-title" />
            </Form.Item>
            <Form.Item name="description" label={t('intake.description')}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="intake-description" />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="contactName" label={t('intake.contactName')} style={{ flex: 1 }}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('intake.contactPhone')} style={{ flex: 1, marginLeft: 12 }}>
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Space.Compact>
            <Form.Item label={t('intake.photos')}>
              <div className="gz-demand-photos">
                {photos.map((p, i) => (
                  <div key={`${p.name}-${i}`} className="gz-demand-photo">
                    <img src={p.dataUrl} alt={p.name} />
                    <Button size="small" danger icon={<DeleteOutlined />} onClick={() => setPhotos((c) => c.filter((_, j) => j !== i))} aria-label={t('cancel')} />
                  </div>
                ))}
                {photos.length < MAX_PHOTOS && (
                  <label className="gz-demand-photo-add">
                    <CameraOutlined /> {t('intake.addPhoto')}
                    <input type="file" accept="image/*" multiple style={{ display: 'none' }} data-testid="intake-photo" onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }} />
                  </label>
                )}
              </div>
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="intake-error" />}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} {...testIdButton('intake-submit')}>
                {t('intake.submit')}
              </Button>
              <Button onClick={close}>{t('cancel')}</Button>
            </Space>
          </Form>
        )}
      </LargeType>
    </Drawer>
  );
}
