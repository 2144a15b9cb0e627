import { Descriptions, Space, Tag, Typography } from 'antd';
import { useDT, type DecisionsT } from './decisions-messages';
import { bodyName, kindName, loc, shareRuleText, stageName, type Unit } from './decisions-format';
import { ATTACHMENT_LABELS, type ProcedureTemplate, type StageAlternative, type StageTemplate } from './procedure-types';

export function attachmentLabel(kind: string): string {
  const label = (ATTACHMENT_LABELS as Record<string, { zh: string; en: string } | undefined>)[kind];
  return label ? loc(label) : kind;
}

function periods(stage: StageTemplate, t: DecisionsT): string[] {
  const list: string[] = [];
  if (stage.noticeDays !== undefined) list.push(t('rule.noticeDays', { days: stage.noticeDays }));
  if (stage.minDays !== undefined) list.push(t('rule.minDays', { days: stage.minDays }));
  if (stage.maxDays !== undefined) list.push(t('rule.maxDays', { days: stage.maxDays }));
  if (stage.publicationDays !== undefined) list.push(stage.publicationDays === 0 ? t('rule.publishAtOnce') : t('rule.publicationDays', { days: stage.publicationDays }));
  return list;
}

function rejectedText(stage: StageTemplate, template: ProcedureTemplate, unit: Unit, t: DecisionsT): string | null {
  if (!stage.decision && !stage.attendance) return null;
  const action = stage.onRejected ?? 'stop';
  if (action === 'stop') return t('rule.onRejected.stop');
  const target = template.stages.find((candidate) => candidate.key === action.backTo);
  return t('rule.onRejected.back', { stage: target ? stageName(target.name, unit) : action.backTo });
}

function Alternative({ alternative, unit }: { alternative: StageAlternative; unit: Unit }) {
  const t = useDT();
  return (
    <div className="gz-alt">
      <strong>{t('rule.or', { name: stageName(alternative.name, unit) })}</strong>
      <div>
        {t('rule.attendance')}
        {t('colon')}
        {shareRuleText(alternative.attendance, 'attendance')}
      </div>
      <div>
        {t('rule.decision')}
        {t('colon')}
        {shareRuleText(alternative.decision, 'decision')}
      </div>
      {alternative.noticeDays !== undefined && <div>{t('rule.noticeDays', { days: alternative.noticeDays })}</div>}
    </div>
  );
}

/** One stage of a template in plain words: who acts, when it is valid, when it passes, what must be attached. */
export function StageRules({ stage, template, unit }: { stage: StageTemplate; template: ProcedureTemplate; unit: Unit }) {
  const t = useDT();
  const meets = stage.attendance !== null || stage.decision !== null;
  const list = periods(stage, t);
  const rejected = rejectedText(stage, template, unit, t);
  return (
    <Descriptions size="small" column={1} className="gz-stage-rules" data-testid="stage-rules">
      <Descriptions.Item label={t('rule.kind')}>
        {kindName(stage.kind)}
        {stage.optional && <Tag style={{ marginInlineStart: 8 }}>{t('stage.optional')}</Tag>}
      </Descriptions.Item>
      {stage.body && <Descriptions.Item label={t('rule.body')}>{bodyName(stage.body, unit)}</Descriptions.Item>}
      {meets && <Descriptions.Item label={t('rule.attendance')}>{shareRuleText(stage.attendance, 'attendance')}</Descriptions.Item>}
      {meets && <Descriptions.Item label={t('rule.decision')}>{shareRuleText(stage.decision, 'decision')}</Descriptions.Item>}
      {meets && (
        <Descriptions.Item label={t('rule.ballot')}>
          {stage.ballot === 'secret' ? t('rule.ballot.secret') : t('rule.ballot.open')}
          {stage.allowProxy ? ` · ${t('rule.proxyAllowed')}` : ` · ${t('rule.proxyNotAllowed')}`}
        </Descriptions.Item>
      )}
      {list.length > 0 && <Descriptions.Item label={t('rule.periods')}>{list.join('；')}</Descriptions.Item>}
      <Descriptions.Item label={t('rule.attachments')}>
        {stage.requiredAttachments.length === 0 ? (
          <Typography.Text type="secondary">{t('rule.noAttachments')}</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {stage.requiredAttachments.map((kind) => (
              <Tag key={kind}>{attachmentLabel(kind)}</Tag>
            ))}
          </Space>
        )}
      </Descriptions.Item>
      {stage.supervisorSignOff && <Descriptions.Item label={t('rule.supervision')}>{t('rule.signOff')}</Descriptions.Item>}
      {rejected && <Descriptions.Item label={t('rule.onRejected')}>{rejected}</Descriptions.Item>}
      {(stage.alternatives ?? []).length > 0 && (
        <Descriptions.Item label={t('rule.alternatives')}>
          <div>
            {(stage.alternatives ?? []).map((alternative) => (
              <Alternative key={alternative.key} alternative={alternative} unit={unit} />
            ))}
          </div>
        </Descriptions.Item>
      )}
      {stage.note && <Descriptions.Item label={t('rule.note')}>{stageName(stage.note, unit)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** A whole template read top to bottom: numbered stages, each with its rules in words. */
export function ProcedureView({ template, unit = 'community' }: { template: ProcedureTemplate; unit?: Unit }) {
  const t = useDT();
  return (
    <div data-testid="procedure-view">
      <Typography.Paragraph className="gz-muted">
        {t('procedure.source')}
        {t('colon')}
        {template.source}
        {template.batch && <Tag color="purple" style={{ marginInlineStart: 8 }}>{t('procedure.batchAllowed')}</Tag>}
      </Typography.Paragraph>
      {template.note && <Typography.Paragraph>{stageName(template.note, unit)}</Typography.Paragraph>}
      <ol className="gz-procedure-stages">
        {template.stages.map((stage) => (
          <li key={stage.key} className="gz-procedure-stage" data-testid="procedure-stage">
            <div className="gz-procedure-stage-name">{stageName(stage.name, unit)}</div>
            <StageRules stage={stage} template={template} unit={unit} />
          </li>
        ))}
      </ol>
    </div>
  );
}
