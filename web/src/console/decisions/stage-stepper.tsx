import { Steps, Tag } from 'antd';
import { useDT } from './decisions-messages';
import { bodyName, day, daysUntil, isOverdue, kindName, stageName, type Unit } from './decisions-format';
import type { Localised, StageKind } from './procedure-types';

/** What the stepper needs of a stage (a matter's stage, or a template's stage before any matter). */
export type StepperStage = {
  id: string;
  name: Localised | string;
  kind: StageKind | string;
  body: string | null;
  /** pending | open | closed | skipped | stopped | returned (unknown values show as pending). */
  status: string;
  deadline?: string | null;
  closedAt?: string | null;
  outcome?: string | null;
  optional?: boolean;
};

type AntStatus = 'wait' | 'process' | 'finish' | 'error';

function antStatus(stage: StepperStage): AntStatus {
  if (stage.status === 'open') return isOverdue(stage.deadline) ? 'error' : 'process';
  if (stage.status === 'closed' || stage.status === 'skipped') return 'finish';
  if (stage.status === 'stopped' || stage.status === 'rejected') return 'error';
  return 'wait';
}

/**
 * 程序进度: each stage with its kind, the body that acts, its status and deadline. The open stage is
 * highlighted; an open stage past its deadline turns red; a phone shows the steps vertically.
 */
export function StageStepper({ stages, unit = 'community', vertical = false, onSelect }: { stages: StepperStage[]; unit?: Unit; vertical?: boolean; onSelect?: (stageId: string) => void }) {
  const t = useDT();
  const current = Math.max(0, stages.findIndex((stage) => stage.status === 'open'));
  return (
    <Steps
      data-testid="stage-stepper"
      className="gz-stage-stepper"
      orientation={vertical ? 'vertical' : 'horizontal'}
      titlePlacement={vertical ? 'horizontal' : 'vertical'}
      size="small"
      current={current}
      onChange={onSelect ? (index) => { const stage = stages[index]; if (stage) onSelect(stage.id); } : undefined}
      items={stages.map((stage) => {
        const status = antStatus(stage);
        const overdue = stage.status === 'open' && isOverdue(stage.deadline);
        const left = stage.deadline ? daysUntil(stage.deadline) : null;
        return {
          status,
          title: (
            <span className="gz-step-name" data-testid={`stage-step-${stage.status}`}>
              {stageName(stage.name, unit)}
            </span>
          ),
          content: (
            <div className="gz-step-desc">
              <div>
                {kindName(stage.kind)}
                {stage.body ? ` · ${bodyName(stage.body, unit)}` : ''}
              </div>
              <div>
                <Tag color={overdue ? 'red' : stageStatusColor(stage.status)} className="gz-step-tag">
                  {t(`stage.status.${knownStageStatus(stage.status)}`)}
                </Tag>
                {stage.optional && stage.status === 'pending' && <Tag>{t('stage.optional')}</Tag>}
              </div>
              {stage.status === 'open' && stage.deadline && (
                <div className={overdue ? 'gz-text-danger' : undefined} data-testid={overdue ? 'stage-overdue' : undefined}>
                  {overdue ? t('deadline.overdue', { date: day(stage.deadline), days: -(left ?? 0) }) : t('deadline.until', { date: day(stage.deadline), days: left ?? 0 })}
                </div>
              )}
              {stage.status === 'closed' && stage.closedAt && <div className="gz-muted">{t('stage.closedOn', { date: day(stage.closedAt) })}</div>}
            </div>
          ),
        };
      })}
    />
  );
}

export const STAGE_STATUSES = ['pending', 'open', 'closed', 'skipped', 'stopped', 'returned'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export function knownStageStatus(status: string): StageStatus {
  return STAGE_STATUSES.find((known) => known === status) ?? (status === 'rejected' ? 'stopped' : 'pending');
}

export function stageStatusColor(status: string): string {
  switch (knownStageStatus(status)) {
    case 'open':
      return 'processing';
    case 'closed':
      return 'success';
    case 'stopped':
      return 'error';
    case 'returned':
      return 'warning';
    default:
      return 'default';
  }
}
