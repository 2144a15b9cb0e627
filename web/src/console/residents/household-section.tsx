import { CheckCircleOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Household, HouseholdMember, HouseUse } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { localDate } from '../grid/grid-format';
import { useT } from '../messages';
import { RegisterResidentModal } from './register-resident-modal';

/** The household a person lives in: its members, 核实信息 (verify) and 登记新居民 (register a newcomer). */
export function HouseholdSection({
  household,
  error,
  currentId,
  onOpenMember,
  onChanged,
}: {
  household: Household | undefined;
  error: unknown;
  currentId: string;
  onOpenMember: (member: HouseholdMember) => void;
  onChanged: () => void;
}) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [verifying, setVerifying] = useState(false);
  const [registering, setRegistering] = useState(false);
  const canWrite = can('registry.write');

  if (error !== undefined) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!household) return null;

  const verify = async () => {
    setVerifying(true);
    try {
      await api.post<void>(`/api/households/${encodeURIComponent(household.id)}/verify`);
      message.success(t('household.verified.done'));
      onChanged();
    } catch (cause) {
      message.error(errorMessage(cause));
    } finally {
      setVerifying(false);
    }
  };

  const useLabel = (use: HouseUse | null) => (use ? t(`house.use.${use}`) : '—');

  return (
    <div data-testid="household-section">
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'address', label: t('residents.address'), children: household.address },
          { key: 'use', label: t('household.use'), children: `${useLabel(household.use)}${household.floorArea ? ` · ${household.floorArea} m²` : ''}` },
          {
            key: 'verified',
            label: t('household.verified'),
            children: household.verifiedAt ? (
              <span data-testid="household-verified">
                <CheckCircleOutlined style={{ color: '#389e0d' }} /> {t('household.verifiedOn', { date: localDate(household.verifiedAt) })}
              </span>
            ) : (
              <Typography.Text type="warning" data-testid="household-unverified">
                {t('household.notVerified')}
              </Typography.Text>
            ),
          },
          {
            key: 'members',
            label: t('household.members'),
            children: (
              <div className="gz-tag-row">
                {household.members.map((member) => (
                  <Button
                    key={member.id}
                    size="small"
                    type={member.id === currentId ? 'primary' : member.status === 'present' ? 'default' : 'dashed'}
                    ghost={member.id === currentId}
                    onClick={() => onOpenMember(member)}
                  >
                    {member.name}（{member.relation}）{member.status !== 'present' && <span className="gz-muted"> · {t(`status.${member.status}`)}</span>}
                  </Button>
                ))}
              </div>
            ),
          },
        ]}
      />
      {canWrite && (
        <div className="gz-drawer-actions" style={{ marginTop: 12 }}>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="household-verify">
            {t('household.verify')}
          </Button>
          <Button icon={<UserAddOutlined />} onClick={() => setRegistering(true)} data-testid="household-register">
            {t('register.button')}
          </Button>
        </div>
      )}
      {registering && (
        <RegisterResidentModal
          household={{ id: household.id, name: household.address }}
          onClose={() => setRegistering(false)}
          onSaved={() => {
            setRegistering(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
