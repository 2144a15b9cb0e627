import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Radio, Space, Spin, Switch, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { FollowUpKind, Household, VisitInput } from '../../shared/api-types';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { useApi } from '../common/use-api';
import { useT } from '../messages';
import { downscalePhoto } from '../../shared/downscale-photo';
import { LargeType, useIsPhone } from './grid-ui';
import { showServerErrors } from './server-errors';

/** What the form starts from: a row of the due list (household known), or nothing (pick one). */
export type VisitTarget = { householdId: string; address: string; residentId: string | null; requiredVisitId: string | null; label: string | null } | { householdId: null };

type Values = {
  household?: OrgPick | null;
  residentIds: string[];
  visitedAt: Dayjs;
  findings: string;
  withFollowUp: boolean;
  followUpKind?: FollowUpKind;
  followUpSummary?: string;
};

type Photo = { uid: string; name: string; dataUrl: string };

const MAX_PHOTOS = 3;
const FIELDS = ['household', 'residentIds', 'visitedAt', 'findings', 'followUpKind', 'followUpSummary'] as const;

/** Server field names (`householdId`, `followUp.summary`…) → this form's. */
function formField(field: string): (typeof FIELDS)[number] | null {
  if (field === 'householdId') return 'household';
  if (field === 'followUp.kind') return 'followUpKind';
  if (field.startsWith('followUp')) return 'followUpSummary';
  return FIELDS.find((name) => name === field) ?? null;
}

/** 登记走访: one visit to one household — people met, time, findings, up to three photos, an optional 待办. */
export function VisitFormDrawer({ target, onClose, onSaved }: { target: VisitTarget; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<OrgPick | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [processing, setProcessing] = useState(0);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const withFollowUp = Form.useWatch('withFollowUp', form) ?? false;

  const householdId = target.householdId ?? picked?.id ?? null;
  const household = useApi(
    (signal) => (householdId ? api.get<Household>(`/api/households/${encodeURIComponent(householdId)}`, { signal }) : Promise.resolve(undefined)),
    [householdId],
  );
  const members = (household.data?.members ?? []).filter((member) => member.status === 'present');

  const addPhoto = async (file: File) => {
    if (photos.length + processing >= MAX_PHOTOS) {
      message.warning(t('visit.photos.max', { max: MAX_PHOTOS }));
      return;
    }
    setProcessing((count) => count + 1);
    try {
      const dataUrl = await downscalePhoto(file);
      setPhotos((list) => (list.length >= MAX_PHOTOS ? list : [...list, { uid: `${Date.now()}-${file.name}`, name: file.name, dataUrl }]));
    } catch {
      message.error(t('visit.photos.unreadable', { name: file.name }));
    } finally {
      setProcessing((count) => count - 1);
    }
  };

  const submit = async (values: Values) => {
    if (!householdId) {
      form.setFields([{ name: 'household', errors: [t('visit.household.required')] }]);
      return;
    }
    setSaving(true);
    setFormError(null);
    const body: VisitInput = {
      householdId,
      visitedAt: values.visitedAt.toISOString(),
      residentIds: values.residentIds,
      findings: values.findings.trim(),
      photos: photos.map((photo) => photo.dataUrl),
      followUp: values.withFollowUp && values.followUpKind ? { kind: values.followUpKind, summary: (values.followUpSummary ?? '').trim() } : null,
    };
    if (target.householdId && target.requiredVisitId) body.requiredVisitIds = [target.requiredVisitId];
    try {
      await api.post<{ id: string }>('/api/visits', body);
      message.success(t('visit.saved'));
      onSaved();
    } catch (error) {
      setFormError(showServerErrors(form, error, formField));
    } finally {
      setSaving(false);
    }
  };

  const fileList: UploadFile[] = photos.map((photo) => ({ uid: photo.uid, name: photo.name, status: 'done', url: photo.dataUrl, thumbUrl: photo.dataUrl }));

  return (
    <Drawer
      open
      title={t('visit.title')}
      onClose={onClose}
      size={isPhone ? '100%' : 600}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" size="large" loading={saving} disabled={processing > 0} onClick={() => form.submit()} data-testid="visit-submit">
            {t('visit.submit')}
          </Button>
        </Space>
      }
    >
      <LargeType>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="visit-form"
          initialValues={{ residentIds: target.householdId && target.residentId ? [target.residentId] : [], visitedAt: dayjs(), findings: '', withFollowUp: false, followUpKind: 'demand' }}
          onFinish={(values) => void submit(values)}
        >
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          {target.householdId ? (
            <Form.Item label={t('visit.household')}>
              <Typography.Text strong data-testid="visit-address">
                {target.address}
              </Typography.Text>
              {target.label && <div className="gz-muted">{target.label}</div>}
            </Form.Item>
          ) : (
            <Form.Item name="household" label={t('visit.household')} rules={[{ required: true, message: t('visit.household.required') }]} extra={t('visit.household.hint')}>
              <OrgTreeSelect allowedKinds={['household']} placeholder={t('visit.household.pick')} onChange={setPicked} testId="visit-household" />
            </Form.Item>
          )}

          <Form.Item label={t('visit.peopleMet')} extra={t('visit.peopleMet.hint')}>
            {household.loading && householdId ? <Spin size="small" /> : null}
            {!household.loading && members.length === 0 && (
              <Typography.Text type="secondary">{householdId ? t('visit.peopleMet.none') : t('visit.household.first')}</Typography.Text>
            )}
            <Form.Item name="residentIds" noStyle>
              <Checkbox.Group data-testid="visit-people" className="gz-checkbox-column" options={members.map((member) => ({ value: member.id, label: `${member.name}（${member.relation}）` }))} />
            </Form.Item>
          </Form.Item>
          {household.error !== undefined && <Alert type="error" showIcon title={errorMessage(household.error)} style={{ marginBottom: 16 }} />}

          <Form.Item name="visitedAt" label={t('visit.time')} rules={[{ required: true, message: t('visit.time.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} allowClear={false} />
          </Form.Item>

          <Form.Item
            name="findings"
            label={t('visit.findings')}
            rules={[
              { required: true, message: t('visit.findings.required') },
              { min: 2, message: t('visit.findings.min') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('visit.findings.placeholder')} data-testid="visit-findings" />
          </Form.Item>

          <Form.Item label={t('visit.photos', { max: MAX_PHOTOS })} extra={t('visit.photos.hint')}>
            <div data-testid="visit-photos">
              <Upload
                accept="image/*"
                listType="picture-card"
                multiple
                fileList={fileList}
                beforeUpload={async (file) => {
                  await addPhoto(file);
                  return Upload.LIST_IGNORE;
                }}
                onRemove={(file) => setPhotos((list) => list.filter((photo) => photo.uid !== file.uid))}
                showUploadList={{ showPreviewIcon: false }}
              >
                {photos.length + processing < MAX_PHOTOS && (
                  <div>
                    {processing > 0 ? <Spin size="small" /> : <PlusOutlined />}
                    <div style={{ marginTop: 8 }}>{t('visit.photos.add')}</div>
                  </div>
                )}
              </Upload>
            </div>
          </Form.Item>

          <Form.Item name="withFollowUp" label={t('visit.followUp')} valuePropName="checked" extra={t('visit.followUp.hint')}>
            <Switch checkedChildren={t('visit.followUp.yes')} unCheckedChildren={t('visit.followUp.no')} data-testid="visit-followup-switch" />
          </Form.Item>
          {withFollowUp && (
            <div className="gz-followup-box">
              <Form.Item name="followUpKind" label={t('visit.followUp.kind')} rules={[{ required: true, message: t('visit.followUp.kind.required') }]}>
                <Radio.Group
                  data-testid="visit-followup-kind"
                  options={[
                    { value: 'demand', label: t('followUp.demand') },
                    { value: 'dispute', label: t('followUp.dispute') },
                    { value: 'other', label: t('followUp.other') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="followUpSummary"
                label={t('visit.followUp.summary')}
                rules={[
                  { required: true, message: t('visit.followUp.summary.required') },
                  { min: 2, message: t('visit.findings.min') },
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('visit.followUp.placeholder')} data-testid="visit-followup-summary" />
              </Form.Item>
            </div>
          )}
        </Form>
      </LargeType>
    </Drawer>
  );
}
