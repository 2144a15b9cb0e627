import { chinaDate } from '../../../platform/china-time.ts';
import type { Db } from '../../../platform/db/database.ts';
import { meetingDetail } from './meetings.queries.ts';

const MODE = { in_person: '本人到会', proxy: '委托出席', online: '网上表决' } as const;

function cell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote every cell; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The sign-in sheet (签到表) as CSV with a BOM, so Excel opens the Chinese text directly. */
export async function signInSheetCsv(db: Db, districtId: string, meetingId: string): Promise<{ fileName: string; body: string }> {
  const m = await meetingDetail(db, districtId, meetingId);
  const lines = [
    [`${m.title} 签到表`],
    [`会议时间：${chinaTime(m.scheduledAt)}`, `地点：${m.place}`, `议事主体：${m.body.name}`],
    [`应到 ${m.counts.entitled} 人`, `实到 ${m.counts.present} 人（本人 ${m.counts.inPerson}，委托 ${m.counts.proxy}，网上 ${m.counts.online}）`],
    [],
    ['序号', '姓名', ...(m.roster.some((r) => r.weightArea !== null) ? ['专有面积（㎡）'] : []), '出席方式', '签到时间', '受托人', '委托原因', '见证人', '本人签名'],
    ...m.roster.map((r) => [
      r.position, r.name, ...(m.roster.some((x) => x.weightArea !== null) ? [r.weightArea ?? ''] : []),
      r.attendance ? MODE[r.attendance.mode] : '缺席', r.attendance ? chinaTime(r.attendance.signedInAt) : '', r.attendance?.proxyName ?? '', r.attendance?.proxyReason ?? '', r.attendance?.witness ?? '', '',
    ]),
  ];
  const body = `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
  return { fileName: `签到表-${m.title.slice(0, 40)}-${chinaDate(new Date(m.scheduledAt))}.csv`, body };
}
