import { Card, Tabs } from 'antd';
import { LargeType } from '../grid/grid-ui';
import { HotlineImportTab } from './hotline-import-tab';
import { KeysTab } from './keys-tab';
import { useInteropT } from './interop-messages';
import { Open311Tab } from './open311-tab';

/** 对外接口: import 12345 tickets from a file, manage API keys, and where the Open311 interface is. */
export function InteropPage() {
  const t = useInteropT();
  return (
    <LargeType>
      <div className="gz-page gz-grid-page" data-testid="interop-page">
        <Card title={t('title')} variant="borderless">
          <Tabs
            size="large"
            defaultActiveKey="import"
            items={[
              { key: 'import', label: t('tab.import'), children: <HotlineImportTab /> },
              { key: 'keys', label: t('tab.keys'), children: <KeysTab /> },
              { key: 'open311', label: t('tab.open311'), children: <Open311Tab /> },
            ]}
          />
        </Card>
      </div>
    </LargeType>
  );
}
