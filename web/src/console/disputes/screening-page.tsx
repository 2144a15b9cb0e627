import { Alert, Card, Typography } from 'antd';
import { errorMessage } from '../../shared/api';
import { useCan } from '../auth-context';
import { useApi } from '../common/use-api';
import { LargeType } from '../grid/grid-ui';
import { disputesApi } from './disputes-api';
import { useDisT } from './disputes-messages';
import { ScreeningOverview } from './screening-overview';
import { ScreeningReportForm } from './screening-report-form';
import './disputes.css';

/**
 * `/disputes/screening` 纠纷排查 (一周一排查、一旬一汇报、一月一通报；零报告). A grid worker sees this
 * week's report form for their grid; the community and street see which grids have reported, with the
 * ten-day and monthly summaries.
 */
export function ScreeningPage() {
  const t = useDisT();
  const can = useCan();
  const current = useApi((signal) => disputesApi.week({}, signal), []);
  const node = current.data?.node;
  const gridWorker = node?.kind === 'grid' && can('dispute.record');
  return (
    <LargeType>
      <div className="gz-page gz-grid-page gz-disputes" data-testid="screening-page">
        <Card title={t('screen.title')} variant="borderless">
          {current.error !== undefined && <Alert type="error" showIcon title={errorMessage(current.error)} />}
          {current.data && gridWorker && <ScreeningReportForm current={current.data} onDone={current.reload} />}
          {current.data && node && !gridWorker && (
            <>
              <Typography.Paragraph className="gz-screen-hint">{t('screen.staffHint')}</Typography.Paragraph>
              <ScreeningOverview defaultNode={{ id: node.id, name: node.name }} />
            </>
          )}
        </Card>
      </div>
    </LargeType>
  );
}
