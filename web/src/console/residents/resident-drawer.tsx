import { Alert, Button, Descriptions, Drawer, Spin, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../shared/api';
import type { Household, Resident } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType, useIsPhone } from '../grid/grid-ui';
import { useT } from '../messages';
import { HouseholdSection } from './household-section';
import { ResidenceChangeModal, type ResidenceChange } from './residence-change-modal';
import { ResidentHistory } from './resident-history';
import { ResidentTagsSection } from './resident-tags';

/**
 * A resident at a glance, from the 实有人口 table: masked basics, tags, history, the household, and
 * (with registry.write) the registry changes. Every write reloads the drawer and tells the list.
 */
export function ResidentDrawer({ residentId, onClose, onChanged }: { residentId: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const can = useCan();
  const isPhone = useIsPhone();
  const [currentId, setCurrentId] = useState(residentId);
  const [version, setVersion] = useState(0);
  const [change, setChange] = useState<ResidenceChange | null>(null);

  const resident = useApi((signal) => api.get<Resident>(`/api/residents/${encodeURIComponent(currentId)}`, { signal }), [currentId, version]);
  const householdId = resident.data?.id === currentId ? resident.data.householdId : null;
  const household = useApi(
    (signal) => (householdId ? api.get<Household>(`/api/households/${encodeURIComponent(householdId)}`, { signal }) : Promise.resolve(undefined)),
    [householdId, version],
  );
  // The detail route has no status; the household's member list does.
  const status = household.data?.members.find((member) => member.id === currentId)?.status ?? 'present';
  const present = status === 'present';
  const changed = () => {
    setVersion((value) => value + 1);
    onChanged();
  };

  const person = resident.data?.id === currentId ? resident.data : undefined;

  return (
    <Drawer open onClose={onClose} size={isPhone ? '100%' : 640} title={person ? person.name : t('resident.title')} destroyOnHidden>
      <LargeType>
        <div data-testid="resident-drawer">
          {resident.error !== undefined && <Alert type="error" showIcon title={errorMessage(resident.error)} />}
          {!person && resident.loading && <Spin />}
          {person && (
            <>
              {!present && (
                <Alert type="warning" showIcon title={t(`status.${status}`)} description={t('resident.notPresent')} style={{ marginBottom: 16 }} data-testid="resident-not-present" />
              )}
              <Descriptions
                column={1}
                size="small"
                bordered
                styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
                data-testid="resident-basics"
                items={[
                  { key: 'name', label: t('residents.name'), children: <strong>{person.name}</strong> },
                  { key: 'gender', label: t('residents.gender'), children: `${person.genderLabel} · ${t('resident.ageYears', { age: person.age })}` },
                  { key: 'id', label: t('residents.idNumber'), children: <span className="gz-mono">{person.idNumber}</span> },
                  { key: 'phone', label: t('residents.phone'), children: <span className="gz-mono">{person.phone ?? '—'}</span> },
                  { key: 'relation', label: t('residents.relation'), children: person.relation },
                  { key: 'registration', label: t('residents.registration'), children: <Tag>{person.registrationLabel}</Tag> },
                  { key: 'address', label: t('residents.address'), children: person.address },
                ]}
              />

              <div className="gz-section-title">{t('resident.tags')}</div>
              <ResidentTagsSection key={`${currentId}:${present ? 1 : 0}`} residentId={currentId} present={present} onChanged={changed} />

              <div className="gz-section-title">{t('resident.household')}</div>
              <HouseholdSection household={household.data} error={household.error} currentId={currentId} onOpenMember={(member) => setCurrentId(member.id)} onChanged={changed} />

              <div className="gz-section-title">{t('resident.history')}</div>
              <ResidentHistory residentId={currentId} version={version} />

              {can('registry.write') && present && (
                <>
                  <div className="gz-section-title">{t('resident.changes')}</div>
                  <div className="gz-drawer-actions">
                    <Button onClick={() => setChange('move')} data-testid="resident-move">
                      {t('change.move')}
                    </Button>
                    <Button danger onClick={() => setChange('move-out')} data-testid="resident-move-out">
                      {t('change.move-out')}
                    </Button>
                    <Button danger onClick={() => setChange('deceased')} data-testid="resident-deceased">
                      {t('change.deceased')}
                    </Button>
                  </div>
                </>
              )}

            </>
          )}
        </div>
      </LargeType>
      {change && person && (
        <ResidenceChangeModal
          change={change}
          resident={{ id: person.id, name: person.name }}
          onClose={() => setChange(null)}
          onSaved={() => {
            setChange(null);
            changed();
          }}
        />
      )}
    </Drawer>
  );
}
