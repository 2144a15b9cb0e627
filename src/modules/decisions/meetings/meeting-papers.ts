import { chinaDate } from '../../../platform/china-time.ts';
import { fail } from '../../../platform/errors.ts';
import { storeFile } from '../matters/index.ts';
import type { Ctx } from './bodies.commands.ts';
import { lockMeeting, recordStep, withTx } from './meeting-shared.ts';
import { meetingDetail } from './meetings.queries.ts';
import { chinaTime, signInSheetCsv } from './sign-in-sheet.ts';

const MODE = { in_person: '本人到会', proxy: '委托出席', online: '网上表决' } as const;

/** The tally part of the minutes (会议记录): who was entitled and present, recusals, and each item's result in words. */
export async function minutesText(db: Ctx['db'], districtId: string, meetingId: string, now: Date): Promise<string> {
  const m = await meetingDetail(db, districtId, meetingId);
  const lines = [
    `${m.title}`,
    `会议时间：${chinaTime(m.scheduledAt)}　地点：${m.place || '—'}　议事主体：${m.body.name}`,
    `表决方式：${m.ballot === 'secret' ? '无记名投票' : '记名投票'}`,
    `应到 ${m.counts.entitled} 人，实到 ${m.counts.present} 人（本人到会 ${m.counts.inPerson} 人，委托出席 ${m.counts.proxy} 人，网上表决 ${m.counts.online} 人）。`,
    ...m.roster.filter((r) => r.attendance?.mode === 'proxy').map((r) => `${r.name} 委托 ${r.attendance?.proxyName ?? ''} 出席（${r.attendance?.proxyReason ?? ''}，见证人 ${r.attendance?.witness ?? ''}）。`),
    '',
    ...m.items.flatMap((i) => [
      `第 ${i.position} 项：${i.title}`,
      ...i.recusals.map((r) => `　${r.name} 回避（${r.reason}）。`),
      `　${i.result ? i.result.explanation.zh : '尚未计票。'}`,
    ]),
    '',
    `（本页由系统根据签到和计票记录生成，${chinaDate(now)} 导出）`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Files the generated sign-in sheet (CSV) or the tally part of the minutes (text) as an attachment of the
 * meeting's stage, so the stage's close check finds it. The minutes need a closed meeting.
 */
export async function attachGenerated(ctx: Ctx, meetingId: string, kind: 'sign_in_sheet' | 'minutes'): Promise<{ fileId: string }> {
  return withTx(ctx.db, async (tx) => {
    const meeting = await lockMeeting(tx, ctx.actor.districtId, meetingId, 'share');
    if (kind === 'minutes' && meeting.status !== 'closed') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, '会议结束计票后才能生成会议记录');
    if (kind === 'sign_in_sheet' && meeting.status === 'called') return fail('MEETING_WRONG_STATUS', { status: meeting.status }, '会议还没有开始签到');
    const day = chinaDate(meeting.scheduled_at);
    const file = kind === 'sign_in_sheet'
      ? { name: `签到表-${day}.csv`, content: (await signInSheetCsv(tx, meeting.district_id, meeting.id)).body }
      : { name: `会议记录（计票）-${day}.txt`, content: await minutesText(tx, meeting.district_id, meeting.id, ctx.now) };
    const stored = await storeFile(tx, {
      districtId: meeting.district_id, ownerKind: 'matter_stage', ownerId: meeting.stage_id, nodePath: meeting.node_path, purpose: kind,
      name: file.name, mime: 'text/plain', content: new TextEncoder().encode(file.content), actor: ctx.actor, at: ctx.now,
    });
    const label = kind === 'sign_in_sheet' ? { zh: '签到表', en: 'sign-in sheet' } : { zh: '会议记录（计票部分）', en: 'minutes (tally)' };
    await recordStep(tx, {
      meeting, actor: ctx.actor, ip: ctx.ip, at: ctx.now, kind: 'meeting.attachment',
      summary: { zh: `生成${label.zh}并归入本阶段附件`, en: `Generated the ${label.en} and filed it with the stage` },
      data: { fileId: stored.id, purpose: kind }, audit: { after: { fileId: stored.id, purpose: kind, sha256: stored.sha256 } },
    });
    return { fileId: stored.id };
  });
}
