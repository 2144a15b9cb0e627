import { CameraOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Empty, Form, Image, Input, List, Space, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { formatDateTime } from '../common/format';
import { boardApi } from './board-api';
import { useBoardT } from './board-messages';
import type { EntryDetail } from './board-types';
import { downscalePhoto, STORED_FILE_MAX_DATA_URL } from '../../shared/downscale-photo';

type Photo = { name: string; dataUrl: string };

/** 张贴记录: when and where the printed notice went up and came down, each with a photo. */
export function PostingsSection({ entry, onChanged }: { entry: EntryDetail; onChanged: () => void }) {
  const t = useBoardT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ location: string; postedAt: Dayjs }>();
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const canWrite = entry.canWrite && entry.state !== 'withdrawn';

  const readPhoto = async (file: File): Promise<Photo | null> => {
    try {
      return { name: file.name, dataUrl: await downscalePhoto(file, STORED_FILE_MAX_DATA_URL) };
    } catch {
      message.error(t('posting.photo.unreadable', { name: file.name }));
      return null;
    }
  };

  const record = async (values: { location: string; postedAt: Dayjs }) => {
    setBusy('new');
    try {
      await boardApi.recordPosting(entry.id, { location: values.location.trim(), postedAt: values.postedAt.toISOString(), photo });
      message.success(t('posting.recorded'));
      form.resetFields();
      setPhoto(null);
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(null);
    }
  };
  const takeDown = async (postingId: string) => {
    setBusy(postingId);
    try {
      await boardApi.takeDown(entry.id, postingId, new Date().toISOString());
      message.success(t('posting.takenDown'));
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(null);
    }
  };
  const upload = async (postingId: string, file: File) => {
    const read = await readPhoto(file);
    if (!read) return;
    setBusy(postingId);
    try {
      await boardApi.setPhoto(entry.id, postingId, read);
      message.success(t('posting.photo.saved'));
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="board-postings">
      {entry.postings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posting.none')} />
      ) : (
        <List
          dataSource={entry.postings}
          renderItem={(p) => (
            <List.Item key={p.id} data-testid="board-posting">
              <Space align="start" size="large" wrap>
                {p.hasPhoto ? (
                  <Image width={120} height={90} style={{ objectFit: 'cover', borderRadius: 6 }} src={`${boardApi.photoUrl(entry.id, p.id)}?v=${encodeURIComponent(p.id)}`} alt={t('posting.photo')} />
                ) : (
                  <div className="gz-board-photo-missing">{t('posting.photo.missing')}</div>
                )}
                <div className="gz-board-posting-text">
                  <div className="gz-board-posting-location">{p.location}</div>
                  <div>
                    {t('posting.postedAt')}：{formatDateTime(p.postedAt)}
                  </div>
                  <div>
                    {t('posting.takenDownAt')}：{p.takenDownAt ? formatDateTime(p.takenDownAt) : <Tag color="processing">{t('posting.stillUp')}</Tag>}
                  </div>
                  <div className="gz-muted">{t('posting.by', { name: p.recordedByName })}</div>
                  {canWrite && (
                    <Space wrap style={{ marginTop: 8 }}>
                      <Upload accept="image/*" showUploadList={false} beforeUpload={(file) => { void upload(p.id, file); return false; }}>
                        <Button icon={<CameraOutlined />} loading={busy === p.id}>
                          {p.hasPhoto ? t('posting.photo.replace') : t('posting.photo.add')}
                        </Button>
                      </Upload>
                      {!p.takenDownAt && (
                        <Button onClick={() => void takeDown(p.id)} loading={busy === p.id} data-testid="board-take-down">
                          {t('posting.takeDown')}
                        </Button>
                      )}
                    </Space>
                  )}
                </div>
              </Space>
            </List.Item>
          )}
        />
      )}
      {canWrite && (
        <Form form={form} layout="vertical" initialValues={{ postedAt: dayjs() }} onFinish={(v) => void record(v)} className="gz-board-posting-form" data-testid="board-posting-form">
          <Space wrap align="start">
            <Form.Item name="location" label={t('posting.location')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
              <Input placeholder={t('posting.locationPlaceholder')} maxLength={100} style={{ width: 300 }} data-testid="board-posting-location" />
            </Form.Item>
            <Form.Item name="postedAt" label={t('posting.postedAt')} rules={[{ required: true, message: t('required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Upload accept="image/*" showUploadList={false} beforeUpload={(file) => { void readPhoto(file).then((read) => read && setPhoto(read)); return false; }}>
              <Button icon={<CameraOutlined />} size="large">
                {photo ? t('posting.photo.replace') : t('posting.photo.add')}
              </Button>
            </Upload>
            {photo && <Image width={80} height={60} style={{ objectFit: 'cover' }} src={photo.dataUrl} alt={photo.name} />}
            <Button type="primary" size="large" htmlType="submit" loading={busy === 'new'} data-testid="board-posting-submit">
              {t('posting.record')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
