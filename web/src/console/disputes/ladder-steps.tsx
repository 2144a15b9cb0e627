import { ArrowRightOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { Fragment } from 'react';
import { useDisT } from './disputes-messages';

/** One level of the ladder as the screen draws it. */
export type LadderStepLevel = {
  key: string;
  name: string;
  maxAttempts: number;
  /** Outcomes of the attempts made at this level, in order. */
  outcomes: string[];
  /** The level was left early (提前上移). */
  leftEarly: boolean;
};

/**
 * The ladder drawn as boxes left to right (三三制: 网格调解 → 社区综治办调解 → 人民调解委员会调解), each
 * showing its attempts as numbered dots (red: failed, green: settled), the current box highlighted
 * in blue with “第 2/3 次” — the attempt that comes next.
 */
export function LadderSteps({ levels, currentIndex, mediating, referralName }: { levels: LadderStepLevel[]; currentIndex: number; mediating: boolean; referralName?: string | null }) {
  const t = useDisT();
  return (
    <div className="gz-ladder" data-testid="dispute-ladder">
      {levels.map((level, index) => {
        const used = level.outcomes.length;
        const settled = level.outcomes.includes('settled');
        const current = mediating && index === currentIndex;
        const done = index < currentIndex || (!mediating && used > 0);
        const cls = ['gz-ladder-level', current ? 'is-current' : '', settled ? 'is-settled' : done ? 'is-done' : ''].join(' ');
        return (
          <Fragment key={level.key}>
            {index > 0 && <ArrowRightOutlined className="gz-ladder-arrow" aria-hidden />}
            <div className={cls} data-testid={current ? 'ladder-level-current' : 'ladder-level'} data-level={level.key}>
              <div className="gz-ladder-level-head">
                <span className="gz-ladder-level-name">{level.name}</span>
                {current && <Tag color="blue">{t('ladder.current')}</Tag>}
                {settled && <Tag color="success">{t('outcome.settled.short')}</Tag>}
                {level.leftEarly && <Tag color="orange">{t('ladder.skipped')}</Tag>}
              </div>
              <div className="gz-ladder-level-count" data-testid="ladder-level-count">
                {used === 0 && index > currentIndex ? t('ladder.notYet') : t('ladder.attempts', { used, max: level.maxAttempts })}
              </div>
              {current && used < level.maxAttempts && (
                <div className="gz-ladder-next" data-testid="ladder-level-next">
                  {t('ladder.nextAttempt', { n: used + 1, max: level.maxAttempts })}
                </div>
              )}
              <div className="gz-ladder-dots">
                {Array.from({ length: Math.max(level.maxAttempts, used) }, (_, n) => {
                  const outcome = level.outcomes[n];
                  return (
                    <span key={n} className={`gz-ladder-dot${outcome ? ` is-${outcome}` : ''}`} title={outcome ? t(`outcome.${outcome === 'settled' ? 'settled' : outcome === 'refused' ? 'refused' : 'failed'}.short`) : undefined}>
                      {n + 1}
                    </span>
                  );
                })}
              </div>
            </div>
          </Fragment>
        );
      })}
      {referralName && (
        <>
          <ArrowRightOutlined className="gz-ladder-arrow" aria-hidden />
          <div className="gz-ladder-level is-current" data-testid="ladder-referral">
            <div className="gz-ladder-level-head">
              <span className="gz-ladder-level-name">{t('ladder.referral')}</span>
            </div>
            <div className="gz-ladder-level-count">{referralName}</div>
          </div>
        </>
      )}
    </div>
  );
}
