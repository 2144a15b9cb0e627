import { ATTACHMENT_LABELS, stageKindLabel, type ProcedureTemplate } from './procedure-template.ts';
import { SHIPPED_PROCEDURES } from './shipped-procedures.ts';
import { describeRule } from './tally.ts';
import { bodyName } from './wording.ts';

/**
 * The template tables of docs/procedures.md, generated from the templates (a test checks the page holds
 * exactly this text). Regenerate: `npx tsx -e "import('./src/modules/decisions/rules/procedures-doc.ts').then(m => console.log(m.proceduresTables()))"`.
 */
export function proceduresTables(templates: readonly ProcedureTemplate[] = SHIPPED_PROCEDURES): string {
  const lines: string[] = [];
  for (const t of templates) {
    const unit = t.unit === 'village' ? 'village' : 'community';
    lines.push('', `### ${t.name.zh} — \`${t.code}\``, '', `${t.name.en}. Unit: ${t.unit}; simplified batch: ${t.batch ? 'yes' : 'no'}. Source: ${t.source}.`, '');
    if (t.note) lines.push(`> ${t.note.zh}`, '');
    lines.push('| # | stage (key) | kind | body | valid when (到会) | passes when (表决) | days | attachments | if rejected |', '|---|---|---|---|---|---|---|---|---|');
    t.stages.forEach((s, i) => {
      const days = [s.noticeDays ? `通知 ${s.noticeDays} 日` : '', s.minDays ? `至少 ${s.minDays} 日` : '', s.publicationDays !== undefined ? (s.publicationDays ? `公示 ${s.publicationDays} 日` : '即时公开') : '']
        .filter(Boolean)
        .join('; ');
      const flags = [s.optional ? '可选' : '', s.supervisorSignOff ? '监委签字' : ''].filter(Boolean).join(', ');
      let att = describeRule(s.attendance).zh;
      if (s.village?.attendance !== undefined) att += `（村：${describeRule(s.village.attendance).zh}）`;
      const dec = describeRule(s.decision).zh;
      const rejected = s.onRejected && s.onRejected !== 'stop' ? `退回 \`${s.onRejected.backTo}\`` : s.decision ? '终止' : '—';
      const attachments = s.requiredAttachments.map((a) => ATTACHMENT_LABELS[a].zh).join('、') || '—';
      lines.push(`| ${i + 1} | ${s.name.zh} (\`${s.key}\`)${flags ? ` [${flags}]` : ''} | ${stageKindLabel(s.kind).zh} | ${s.body ? bodyName(s.body, unit).zh : '—'} | ${att} | ${dec} | ${days || '—'} | ${attachments} | ${rejected} |`);
      for (const a of s.alternatives ?? []) {
        lines.push(`| | ↳ 或 \`${a.key}\` | | ${a.name.zh} | ${describeRule(a.attendance).zh} | ${describeRule(a.decision).zh} | ${a.noticeDays ? `通知 ${a.noticeDays} 日` : '—'} | | |`);
      }
      for (const a of s.village?.alternatives ?? []) {
        lines.push(`| | ↳ 村：或 \`${a.key}\` | | ${a.name.zh} | ${describeRule(a.attendance).zh} | ${describeRule(a.decision).zh} | ${a.noticeDays ? `通知 ${a.noticeDays} 日` : '—'} | | |`);
      }
    });
  }
  return lines.join('\n');
}
