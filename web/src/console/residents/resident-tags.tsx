import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { ResidentTag, ResidentTags, TagDefinition, TagSensitivity } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { today } from '../grid/grid-format';
import { useT } from '../messages';

const sensitivityColor: Record<TagSensitivity, string> = { normal: 'blue', sensitive: 'orange', restricted: 'red' };

function isOpen(tag: ResidentTag, now: string): boolean {
  return tag.until === null || tag.until >= now;
}

/**
 * A person's tags: restricted (key-person) tags come back only for the roles that may see them (and
 * the server logs the view); the rest are counted in `hiddenCount`. Adding and ending need registry.write.
 */
export function ResidentTagsSection({ residentId, present, onChanged }: { residentId: string; present: boolean; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const [since, setSince] = useState<Dayjs>(() => dayjs());
  const [busy, setBusy] = useState(false);
  const canWrite = can('registry.write') && present;

  const tags = useApi((signal) => api.get<ResidentTags>(`/api/residents/${encodeURIComponent(residentId)}/tags`, { signal }), [residentId, version]);
  const catalogue = useApi((signal) => (canWrite ? api.get<TagDefinition[]>('/api/grid/tags', { signal }) : Promise.resolve([])), [canWrite]);

  const now = today();
  const list = tags.data?.tags ?? [];
  const current = list.filter((tag) => isOpen(tag, now));
  const ended = list.filter((tag) => !isOpen(tag, now));
  const openCodes = new Set(current.map((tag) => tag.code));
  const choosable = (catalogue.data ?? []).filter((tag) => !openCodes.has(tag.code) && (tag.sensitivity !== 'restricted' || can('resident.restricted.read')));
  const groups = [...new Set(choosable.map((tag) => tag.categoryLabel))].map((label) => ({
    label,
    options: choosable.filter((tag) => tag.categoryLabel === label).map((tag) => ({ value: tag.code, label: tag.name })),
  }));

  const changed = () => {
    setVersion((value) => value + 1);
    onChanged();
  };

  const add = async () => {
    if (!code) return;
    setBusy(true);
    try {
      await api.post<ResidentTags>(`/api/residents/${encodeURIComponent(residentId)}/tags`, { tagCode: code, since: since.format('YYYY-MM-DD') });
      message.success(t('tags.added'));
      setAdding(false);
      setCode(null);
      changed();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const end = async (tag: ResidentTag) => {
    try {
      await api.post<ResidentTags>(`/api/residents/${encodeURIComponent(residentId)}/tags/${encodeURIComponent(tag.code)}/end`, {});
      message.success(t('tags.ended', { name: tag.name }));
      changed();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div data-testid="resident-tags">
      {tags.error !== undefined && <Alert type="error" showIcon title={errorMessage(tags.error)} />}
      <div className="gz-tag-row">
        {current.length === 0 && !tags.loading && <Typography.Text type="secondary">{t('tags.none')}</Typography.Text>}
        {current.map((tag) => (
          <Tag
            key={tag.code}
            color={sensitivityColor[tag.sensitivity]}
            icon={tag.sensitivity === 'restricted' ? <LockOutlined /> : undefined}
            data-testid="resident-tag"
            title={t('tags.since', { since: tag.since })}
          >
            {tag.name}
            {canWrite && (
              <Popconfirm title={t('tags.end.confirm', { name: tag.name })} description={t('tags.end.note')} onConfirm={() => end(tag)} okText={t('tags.end')} cancelText={t('common.cancel')}>
                <Button type="link" size="small" className="gz-tag-end" data-testid="resident-tag-end">
                  {t('tags.end')}
                </Button>
              </Popconfirm>
            )}
          </Tag>
        ))}
      </div>
      {(tags.data?.hiddenCount ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="resident-tags-hidden">
          <LockOutlined /> {t('tags.hidden', { count: tags.data?.hiddenCount ?? 0 })}
        </Typography.Paragraph>
      )}
      {ended.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('tags.endedList')}
          {ended.map((tag) => `${tag.name}（${tag.since} ～ ${tag.until ?? ''}）`).join('；')}
        </Typography.Paragraph>
      )}
      {canWrite && !adding && (
        <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setAdding(true)} data-testid="resident-tag-add">
          {t('tags.add')}
        </Button>
      )}
      {canWrite && adding && (
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            style={{ minWidth: 200 }}
            placeholder={t('tags.pick')}
            value={code}
            onChange={setCode}
            options={groups}
            loading={catalogue.loading}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="resident-tag-pick"
          />
          <DatePicker value={since} onChange={(value) => setSince(value ?? dayjs())} allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} aria-label={t('tags.sinceLabel')} />
          <Button type="primary" loading={busy} disabled={!code} onClick={() => void add()} data-testid="resident-tag-save">
            {t('tags.save')}
          </Button>
          <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
        </Space>
      )}
    </div>
  );
}
