import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Descriptions, Tag, Typography } from 'antd';
import { useDT } from './decisions-messages';
import { loc } from './decisions-format';
import type { Localised } from './procedure-types';

export type TallyCounts = { entitled: number; present: number; yes: number; no: number; abstain: number };

/** One item's result as the minutes will read it. */
export type ItemTally = {
  itemId: string;
  title: string;
  quorumMet: boolean;
  passed: boolean;
  explanation: Localised | string;
  counts?: TallyCounts | null;
  recused?: number;
};

export function ResultTag({ tally }: { tally: Pick<ItemTally, 'quorumMet' | 'passed'> }) {
  const t = useDT();
  if (!tally.quorumMet) {
    return (
      <Tag color="warning" icon={<WarningFilled />} className="gz-result-tag" data-testid="result-no-quorum">
        {t('tally.noQuorum')}
      </Tag>
    );
  }
  return tally.passed ? (
    <Tag color="success" icon={<CheckCircleFilled />} className="gz-result-tag" data-testid="result-passed">
      {t('tally.passed')}
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleFilled />} className="gz-result-tag" data-testid="result-rejected">
      {t('tally.rejected')}
    </Tag>
  );
}

/**
 * 表决结果说明: for each item, passed or not, the counts, and the arithmetic in words exactly as it
 * goes into the minutes ("应到 35 人，实到 27 人…通过").
 */
export function TallyPanel({ items, provisional = false }: { items: ItemTally[]; provisional?: boolean }) {
  const t = useDT();
  return (
    <div className="gz-tally-list" data-testid="tally-panel">
      {provisional && <Typography.Paragraph type="secondary">{t('tally.provisional')}</Typography.Paragraph>}
      {items.map((item, index) => (
        <div key={item.itemId} className="gz-tally" data-testid="tally-item">
          <div className="gz-tally-head">
            <strong>{items.length > 1 ? t('tally.itemN', { n: index + 1, title: item.title }) : item.title}</strong>
            <ResultTag tally={item} />
          </div>
          {item.counts && (
            <Descriptions size="small" column={{ xs: 2, sm: 3, md: 6 }} className="gz-tally-counts">
              <Descriptions.Item label={t('tally.entitled')}>{item.counts.entitled}</Descriptions.Item>
              <Descriptions.Item label={t('tally.present')}>{item.counts.present}</Descriptions.Item>
              <Descriptions.Item label={t('tally.yes')}>{item.counts.yes}</Descriptions.Item>
              <Descriptions.Item label={t('tally.no')}>{item.counts.no}</Descriptions.Item>
              <Descriptions.Item label={t('tally.abstain')}>{item.counts.abstain}</Descriptions.Item>
              {item.recused ? <Descriptions.Item label={t('tally.recused')}>{item.recused}</Descriptions.Item> : null}
            </Descriptions>
          )}
          <blockquote className="gz-minutes-text" data-testid="tally-explanation">
            {loc(item.explanation) || t('tally.noExplanation')}
          </blockquote>
        </div>
      ))}
    </div>
  );
}
