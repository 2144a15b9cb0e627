import { categoryRule } from '../demand-store.ts';
import { mapHotlineCategory } from './hotline-categories.ts';

/**
 * A 12345 work order (工单) as the hotline sends it — from the import file or the API — and the pure
 * checks that tell a good one from a bad one, each reason naming the column and the value.
 */
export const TICKET_COLUMNS = [
  { key: 'ticketNo', header: '工单编号', required: true, width: 20 },
  { key: 'calledAt', header: '来电时间', required: true, width: 20 },
  { key: 'callerName', header: '来电人', required: false, width: 12 },
  { key: 'callerPhone', header: '联系电话', required: false, width: 16 },
  { key: 'address', header: '诉求地址', required: false, width: 30 },
  { key: 'content', header: '诉求内容', required: true, width: 50 },
  { key: 'category', header: '诉求分类', required: true, width: 16 },
  { key: 'limitWorkingDays', header: '办理时限(工作日)', required: false, width: 16 },
  { key: 'community', header: '所属社区', required: false, width: 18 },
] as const;
export type TicketKey = (typeof TICKET_COLUMNS)[number]['key'];
export type RawTicket = Partial<Record<TicketKey, string>>;

export type Ticket = {
  ticketNo: string;
  calledAt: Date;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  content: string;
  category: string;
  categoryName: string;
  limitWorkingDays: number | null;
  community: string | null;
};
export type TicketCheck = { ok: true; ticket: Ticket } | { ok: false; ticketNo: string | null; reasons: string[] };

const header = (key: TicketKey): string => TICKET_COLUMNS.find((c) => c.key === key)?.header ?? key;
const PHONE = /^[0-9+\- ]{5,20}$/;
const TICKET_NO = /^[A-Za-z0-9_-]{1,64}$/;

/** China wall-clock text ('2026-11-23 09:30', '2026/11/23 9:30:05', ISO with offset) → instant. */
export function parseChinaTime(text: string): Date | null {
  const t = text.trim();
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) && /^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s)));
  // Reject 2026-02-30 and 25:00 instead of rolling them over.
  const back = new Date(date.getTime() + 8 * 3600_000);
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || Number(mi) > 59 || Number(s) > 59) return null;
  return date;
}

export function checkTicket(raw: RawTicket, now: Date): TicketCheck {
  const text = (key: TicketKey): string => (raw[key] ?? '').trim();
  const reasons: string[] = [];
  for (const c of TICKET_COLUMNS) if (c.required && text(c.key) === '') reasons.push(`「${c.header}」不能为空`);
  const ticketNo = text('ticketNo');
  if (ticketNo && !TICKET_NO.test(ticketNo)) reasons.push(`「${header('ticketNo')}」${ticketNo} 只能是字母、数字、- 和 _（最多 64 位）`);
  const calledText = text('calledAt');
  const calledAt = calledText ? parseChinaTime(calledText) : null;
  if (calledText && !calledAt) reasons.push(`「${header('calledAt')}」${calledText} 不是有效的时间（例：2026-11-23 09:30）`);
  if (calledAt && calledAt.getTime() > now.getTime() + 10 * 60_000) reasons.push(`「${header('calledAt')}」${calledText} 晚于现在`);
  const callerName = text('callerName');
  if (callerName.length > 50) reasons.push(`「${header('callerName')}」最多 50 个字`);
  const phone = text('callerPhone');
  if (phone && !PHONE.test(phone)) reasons.push(`「${header('callerPhone')}」${phone} 不是有效的电话号码`);
  const address = text('address');
  if (address.length > 200) reasons.push(`「${header('address')}」最多 200 个字`);
  const content = text('content');
  if (content.length > 1800) reasons.push(`「${header('content')}」最多 1800 个字`);
  const categoryText = text('category');
  const category = categoryText ? mapHotlineCategory(categoryText) : null;
  if (categoryText && !category) reasons.push(`「${header('category')}」「${categoryText}」不在分类对照表中（例如可填：垃圾清运、噪音扰民、电梯故障、其他）`);
  const limitText = text('limitWorkingDays');
  const limit = limitText === '' ? null : Number(limitText);
  if (limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= 365)) reasons.push(`「${header('limitWorkingDays')}」${limitText} 应为 1 到 365 之间的整数`);
  const community = text('community');
  if (community.length > 100) reasons.push(`「${header('community')}」最多 100 个字`);
  if (reasons.length > 0 || !calledAt || !category) return { ok: false, ticketNo: ticketNo || null, reasons };
  return {
    ok: true,
    ticket: {
      ticketNo, calledAt, callerName: callerName || null, callerPhone: phone || null, address: address || null, content, category,
      categoryName: categoryRule(category).name.zh, limitWorkingDays: limit, community: community || null,
    },
  };
}

/** The demand's title and description from a ticket (the title is the start of the content). */
export function ticketText(t: Ticket): { title: string; description: string } {
  const firstLine = t.content.split(/\r?\n/)[0]?.trim() ?? '';
  const head = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
  const lines = [t.content, t.address ? `诉求地址：${t.address}` : null, `12345 工单编号：${t.ticketNo}`, t.limitWorkingDays ? `热线办理时限：${t.limitWorkingDays} 个工作日` : null];
  return { title: `12345：${head || t.categoryName}`, description: lines.filter(Boolean).join('\n') };
}
