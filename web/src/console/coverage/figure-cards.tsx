import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Progress, Tooltip } from 'antd';
import type { KeyboardEvent } from 'react';
import type { CoverageDefinition, CoverageFigureCode, CoverageNode } from '../../shared/api-types';
import { formatNumber } from '../common/format';
import { useT } from '../messages';
import { definitionText, levelColor, missingCount } from './coverage-format';

/** The five figures of one node: percentage, numerator / denominator, the definition on hover. */
export function FigureCards({
  node,
  definitions,
  selected,
  onSelect,
  onShowMissing,
}: {
  node: CoverageNode;
  definitions: CoverageDefinition[];
  selected: CoverageFigureCode;
  onSelect: (code: CoverageFigureCode) => void;
  onShowMissing: (code: CoverageFigureCode) => void;
}) {
  const t = useT();
  return (
    <div className="gz-figure-cards" data-testid="coverage-cards">
      {definitions.map((definition) => {
        const figure = node.figures[definition.code];
        const text = definitionText(definition);
        const color = levelColor(figure.percent);
        const active = definition.code === selected;
        const choose = () => onSelect(definition.code);
        const onKey = (event: KeyboardEvent) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            choose();
          }
        };
        return (
          <div
            key={definition.code}
            role="button"
            tabIndex={0}
            aria-pressed={active}
            className={`gz-figure-card${active ? ' gz-figure-card-active' : ''}`}
            onClick={choose}
            onKeyDown={onKey}
            data-testid={`coverage-card-${definition.code}`}
          >
            <div className="gz-figure-name">
              <span>{text.name}</span>
              <Tooltip title={<div className="gz-figure-help">{text.help}</div>}>
                <QuestionCircleOutlined className="gz-figure-help-icon" aria-label={t('coverage.help')} onClick={(event) => event.stopPropagation()} />
              </Tooltip>
            </div>
            <div className="gz-figure-value" style={{ color }}>
              {figure.display}
            </div>
            <Progress percent={figure.percent ?? 0} showInfo={false} strokeColor={color} size="small" />
            <div className="gz-figure-ratio">
              <div>
                {text.numerator}
                {t('common.colon')}
                <strong>{formatNumber(figure.numerator)}</strong>
              </div>
              <div>
                {text.denominator}
                {t('common.colon')}
                <strong>{formatNumber(figure.denominator)}</strong>
              </div>
            </div>
            <div className="gz-figure-missing">
              {missingCount(figure) > 0 ? (
                <Button
                  type="link"
                  className="gz-name-link"
                  onClick={(event) => {
                    event.stopPropagation();
                    onShowMissing(definition.code);
                  }}
                  data-testid={`coverage-missing-${definition.code}`}
                >
                  {t('coverage.missingCount', { count: formatNumber(missingCount(figure)) })} ›
                </Button>
              ) : (
                <span className="gz-muted">{t('coverage.complete')}</span>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
