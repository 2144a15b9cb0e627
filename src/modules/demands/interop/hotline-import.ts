import type { StaffActor } from '../../../platform/auth/actor.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { DomainError } from '../../../platform/errors.ts';
import { fileExternalDemand } from './file-external-demand.ts';
import { checkTicket, ticketText, type RawTicket, type Ticket } from './hotline-tickets.ts';
import type { KeyChannel, KeyHolder } from './interop-keys.ts';
import type { Area } from './place.ts';
import './interop.errors.ts';

/**
 * 12345 transfers: check every ticket (pure checks, then place and duplicates against the database),
 * and file the good ones. Used by the console's file import (preview, then import) and by the API.
 */
export type TicketLine = { row: number; raw: RawTicket };
export type TicketVerdict = {
  row: number;
  ticketNo: string | null;
  status: 'ok' | 'duplicate' | 'bad';
  reasons: string[];
  category: string | null;
  categoryName: string | null;
  communityName: string | null;
  demandId: string | null;
};
type Checked = TicketVerdict & { ticket: Ticket | null; nodeId: string | null };

export type TicketResult = { row: number; ticketNo: string | null; result: 'created' | 'duplicate' | 'rejected'; demandId: string | null; reasons: string[] };

export async function checkTickets(db: Db, area: Area, lines: TicketLine[], now: Date): Promise<Checked[]> {
  const communities = await db.selectFrom('org_node').select(['id', 'name', 'path']).where('district_id', '=', area.districtId).where('kind', '=', 'community').execute();
  const inside = communities.filter((c) => c.path.startsWith(area.nodePath));
  const areaCommunity = communities.find((c) => area.nodePath.startsWith(c.path)) ?? null;
  const numbers = lines.map((l) => (l.raw.ticketNo ?? '').trim()).filter(Boolean);
  const known = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const rows = await db.selectFrom('demand_external_ref').select(['external_id', 'demand_id']).where('district_id', '=', area.districtId).where('source', '=', '12345').where('external_id', 'in', numbers.slice(i, i + 1000)).execute();
    for (const r of rows) known.set(r.external_id, r.demand_id);
  }
  const seenAt = new Map<string, number>();
  return lines.map((line): Checked => {
    const checked = checkTicket(line.raw, now);
    const base = { row: line.row, category: null, categoryName: null, communityName: null, demandId: null, ticket: null, nodeId: null };
    if (!checked.ok) return { ...base, ticketNo: checked.ticketNo, status: 'bad', reasons: checked.reasons };
    const t = checked.ticket;
    const withTicket = { ...base, ticketNo: t.ticketNo, category: t.category, categoryName: t.categoryName, ticket: t };
    const firstRow = seenAt.get(t.ticketNo);
    if (firstRow !== undefined) return { ...withTicket, status: 'bad', reasons: [`「工单编号」${t.ticketNo} 与第 ${firstRow} 行重复`] };
    seenAt.set(t.ticketNo, line.row);
    const already = known.get(t.ticketNo);
    if (already) return { ...withTicket, status: 'duplicate', demandId: already, reasons: [`工单 ${t.ticketNo} 已导入过，不再重复导入`] };
    // The place: the named community under the area; or the area's own community; or a community named in the address.
    let place: { id: string; name: string } | null = null;
    if (t.community) {
      place = inside.find((c) => c.name === t.community) ?? null;
      if (!place) {
        const elsewhere = communities.some((c) => c.name === t.community);
        return { ...withTicket, status: 'bad', reasons: [elsewhere ? `「所属社区」${t.community} 不在可导入的范围内` : `「所属社区」${t.community} 不存在`] };
      }
    } else if (areaCommunity) {
      place = areaCommunity;
    } else if (t.address) {
      place = inside.filter((c) => t.address?.includes(c.name)).sort((a, b) => b.name.length - a.name.length)[0] ?? null;
    }
    if (!place) return { ...withTicket, status: 'bad', reasons: ['无法确定所属社区：请填写「所属社区」'] };
    const nodeId = areaCommunity && !t.community ? area.nodeId : place.id;
    return { ...withTicket, status: 'ok', reasons: [], communityName: place.name, nodeId };
  });
}

export function verdicts(checked: Checked[]): TicketVerdict[] {
  return checked.map(({ ticket: _t, nodeId: _n, ...v }) => v);
}

/** Files every good ticket (each in its own transaction, so one failure does not undo the others). */
export async function importTickets(
  db: Db,
  ctx: { actor: StaffActor; ip: string; now: Date; key: KeyHolder['key'] | null; channel: KeyChannel },
  area: Area,
  lines: TicketLine[],
): Promise<{ results: TicketResult[]; created: number; duplicates: number; rejected: number }> {
  const checked = await checkTickets(db, area, lines, ctx.now);
  const results: TicketResult[] = [];
  for (const c of checked) {
    if (c.status === 'bad' || !c.ticket || !c.nodeId) {
      results.push({ row: c.row, ticketNo: c.ticketNo, result: c.status === 'duplicate' ? 'duplicate' : 'rejected', demandId: c.demandId, reasons: c.reasons });
      continue;
    }
    if (c.status === 'duplicate') {
      results.push({ row: c.row, ticketNo: c.ticketNo, result: 'duplicate', demandId: c.demandId, reasons: c.reasons });
      continue;
    }
    const t = c.ticket;
    const { title, description } = ticketText(t);
    try {
      const filed = await fileExternalDemand(db, ctx, {
        source: '12345', externalId: t.ticketNo, channel: ctx.channel, nodeId: c.nodeId, category: t.category, title, description, point: null,
        contactName: t.callerName, contactPhone: t.callerPhone, limitWorkingDays: t.limitWorkingDays, calledAt: t.calledAt,
      });
      results.push({ row: c.row, ticketNo: t.ticketNo, result: filed.outcome, demandId: filed.demandId, reasons: filed.outcome === 'duplicate' ? [`工单 ${t.ticketNo} 已导入过，不再重复导入`] : [] });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ row: c.row, ticketNo: t.ticketNo, result: 'rejected', demandId: null, reasons: [error.localized('zh')] });
    }
  }
  const count = (r: TicketResult['result']) => results.filter((x) => x.result === r).length;
  const summary = { created: count('created'), duplicates: count('duplicate'), rejected: count('rejected') };
  if (!ctx.key && summary.created > 0) {
    // The file import as a whole, besides one demand.receive entry per ticket.
    await appendAudit(db, {
      districtId: area.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'interop.import', entityType: 'org_node', entityId: area.nodeId, nodePath: area.nodePath,
      summary: `导入 12345 工单：新建 ${summary.created} 条，重复 ${summary.duplicates} 条，未导入 ${summary.rejected} 条`, after: summary,
    });
  }
  return { results, ...summary };
}
