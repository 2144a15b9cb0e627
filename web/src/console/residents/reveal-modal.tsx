import { Alert, Descriptions, Modal } from 'antd';
import type { Resident, RevealedResident } from '../../shared/api-types';
import { useT } from '../messages';

export type Revealed = { resident: Resident; values: RevealedResident };

/** Shows the full values the server returned for one audited reveal. */
export function RevealModal({ revealed, onClose }: { revealed: Revealed; onClose: () => void }) {
  const t = useT();
  const { resident, values } = revealed;
  return (
    <Modal open title={t('residents.reveal.title', { name: resident.name })} onCancel={onClose} footer={null}>
      <div data-testid="reveal-modal">
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'name', label: t('residents.name'), children: resident.name },
            { key: 'id', label: t('residents.idNumber'), children: <span className="gz-mono" data-testid="reveal-id-number">{values.idNumber}</span> },
            { key: 'phone', label: t('residents.phone'), children: <span className="gz-mono" data-testid="reveal-phone">{values.phone ?? '—'}</span> },
          ]}
        />
        <Alert type="info" showIcon title={t('residents.reveal.audited')} style={{ marginTop: 16 }} />
      </div>
    </Modal>
  );
}
