import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Select, Space, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api';
import { downloadFile } from '../grid/download-file';
import { downscalePhoto, STORED_FILE_MAX_DATA_URL } from '../../shared/downscale-photo';
import { rowTestId } from '../grid/grid-ui';
import { mattersApi, type MatterDetail, type MatterFile, type MatterStage } from './decisions-api';
import { dayTime } from './decisions-format';
import { useDT } from './decisions-messages';
import { attachmentLabel } from './procedure-view';
import { ATTACHMENT_KINDS } from './procedure-types';

const MAX_BYTES = 768 * 1024;

function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/** A picked file made ready to send: photos downscaled to JPEG (like the visit form), others as they are. */
export async function prepareFile(file: File): Promise<{ name: string; mime: string; content: string }> {
  if (file.type.startsWith('image/')) {
    const dataUrl = await downscalePhoto(file, STORED_FILE_MAX_DATA_URL);
    return { name: file.name.replace(/\.\w+$/, '') + '.jpg', mime: 'image/jpeg', content: dataUrl.replace(/^data:[^,]*,/, '') };
  }
  if (file.size > MAX_BYTES) throw new Error('too large');
  return { name: file.name, mime: file.type || 'application/octet-stream', content: await readBase64(file) };
}

/** 上传附件 to one stage: pick the kind (会议记录, 签到表, 照片 …), then the file. */
export function UploadButton({ stage, onDone, defaultPurpose }: { stage: MatterStage; onDone: () => void; defaultPurpose?: string }) {
  const t = useDT();
  const { message } = App.useApp();
  const needed = stage.rules.requiredAttachments;
  const [purpose, setPurpose] = useState<string>(defaultPurpose ?? needed[0] ?? 'photos');
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const prepared = await prepareFile(file);
      await mattersApi.upload(stage.id, { purpose, ...prepared });
      message.success(t('files.uploaded', { name: prepared.name }));
      onDone();
    } catch (error) {
      message.error(error instanceof Error && error.message === 'too large' ? t('files.tooLarge', { name: file.name }) : errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <Select
        value={purpose}
        onChange={setPurpose}
        style={{ width: 170 }}
        data-testid="upload-purpose"
        options={[...ATTACHMENT_KINDS, 'other' as const].map((kind) => ({ value: kind, label: attachmentLabel(kind) }))}
      />
      <Upload
        showUploadList={false}
        accept="image/*,.pdf,.txt,.docx,.xlsx"
        beforeUpload={(file) => {
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="upload-file">
          {t('files.upload')}
        </Button>
      </Upload>
    </Space.Compact>
  );
}

/** What a stage needs attached, what it has, and what is missing (in red). */
export function RequiredAttachments({ stage }: { stage: MatterStage }) {
  const t = useDT();
  const needed = stage.rules.requiredAttachments;
  if (needed.length === 0) return null;
  const have = new Set<string>(stage.files.map((file) => file.purpose));
  return (
    <div className="gz-needed" data-testid="required-attachments">
      <span>{t('files.needed')}</span>
      {needed.map((kind) => (
        <Tag key={kind} color={have.has(kind) ? 'green' : 'red'} className="gz-result-tag" data-testid={have.has(kind) ? 'attachment-have' : 'attachment-missing'}>
          {have.has(kind) ? '✓ ' : '✗ '}
          {attachmentLabel(kind)}
        </Tag>
      ))}
    </div>
  );
}

/** 附件: every file of the matter, by stage, with a download link. */
export function AttachmentsPanel({ matter }: { matter: MatterDetail }) {
  const t = useDT();
  const { message } = App.useApp();
  const files = [...matter.files, ...matter.stages.flatMap((stage) => stage.files)];
  if (files.length === 0) return <Empty description={t('files.none')} />;
  const stageOf = new Map(matter.stages.map((stage) => [stage.id, stage]));
  const columns: TableColumnsType<MatterFile> = [
    { title: t('files.stage'), key: 'stage', render: (_, file) => stageOf.get(file.ownerId)?.name ?? '—' },
    { title: t('files.purpose'), key: 'purpose', render: (_, file) => <Tag>{file.purposeLabel || attachmentLabel(file.purpose)}</Tag> },
    { title: t('files.name'), dataIndex: 'name' },
    { title: t('files.at'), key: 'at', render: (_, file) => dayTime(file.createdAt) },
    {
      key: 'download',
      render: (_, file) => (
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(mattersApi.fileUrl(file.id), { fallbackName: file.name }).catch((error: unknown) => message.error(errorMessage(error)))}>
          {t('files.download')}
        </Button>
      ),
    },
  ];
  return <Table<MatterFile> rowKey="id" size="middle" columns={columns} dataSource={files} pagination={false} onRow={() => rowTestId('file-row')} scroll={{ x: 640 }} />;
}
