import { AlertOutlined, FormOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import type { DueVisit } from '../../shared/api-types';
import { useCan } from '../auth-context';
import { useT } from '../messages';
import { navigate, useLocation, withQuery } from '../router';
import { AbsencesPanel } from './absences-panel';
import { DueList } from './due-list';
import { LargeType } from './grid-ui';
import { RequiredVisitModal } from './required-visit-modal';
import { VisitFormDrawer, type VisitTarget } from './visit-form-drawer';
import { VisitLog } from './visit-log';

type TabKey = 'due' | 'log' | 'absences';
const TABS: readonly TabKey[] = ['due', 'log', 'absences'];

/** `/visits?tab=due|log|absences&all=1`: 走访 — the due list, the visit log (民情日记) and leave cover (请假顶岗). */
export function VisitsPage() {
  const t = useT();
  const can = useCan();
  const location = useLocation();
  const tabParam = location.search.get('tab');
  const tab: TabKey = TABS.find((key) => key === tabParam) ?? 'due';
  const mine = location.search.get('all') !== '1';
  const [target, setTarget] = useState<VisitTarget | null>(null);
  const [requiredOpen, setRequiredOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const canWrite = can('visit.write');

  const go = (changes: { tab?: TabKey; all?: boolean }) => {
    const nextTab = changes.tab ?? tab;
    const all = changes.all ?? !mine;
    navigate(withQuery('/visits', { tab: nextTab === 'due' ? undefined : nextTab, all: all ? 1 : undefined }), { replace: true });
  };
  const openFromRow = (item: DueVisit) =>
    setTarget({ householdId: item.householdId, address: item.address, residentId: item.residentId, requiredVisitId: item.requiredVisitId, label: item.label });
  const saved = () => {
    setTarget(null);
    setRequiredOpen(false);
    setVersion((value) => value + 1);
  };

  const actions = canWrite ? (
    <Space wrap>
      <Button icon={<FormOutlined />} onClick={() => setTarget({ householdId: null })} data-testid="visit-new">
        {t('visits.logOther')}
      </Button>
      <Button danger icon={<AlertOutlined />} onClick={() => setRequiredOpen(true)} data-testid="required-open">
        {t('required.button')}
      </Button>
    </Space>
  ) : null;

  return (
    <LargeType>
      <div className="gz-page gz-grid-page" data-testid="visits-page">
        <Card title={t('nav.visits')} variant="borderless" extra={actions}>
          <Tabs
            activeKey={tab}
            onChange={(key) => go({ tab: TABS.find((candidate) => candidate === key) ?? 'due' })}
            items={[
              { key: 'due', label: <span data-testid="tab-due">{t('visits.tab.due')}</span>, children: <DueList mine={mine} onMineChange={(next) => go({ all: !next })} onVisit={openFromRow} version={version} /> },
              { key: 'log', label: <span data-testid="tab-log">{t('visits.tab.log')}</span>, children: <VisitLog version={version} /> },
              { key: 'absences', label: <span data-testid="tab-absences">{t('visits.tab.absences')}</span>, children: <AbsencesPanel /> },
            ]}
          />
        </Card>
        {target && <VisitFormDrawer target={target} onClose={() => setTarget(null)} onSaved={saved} />}
        {requiredOpen && <RequiredVisitModal onClose={() => setRequiredOpen(false)} onSaved={saved} />}
      </div>
    </LargeType>
  );
}
