import crypto from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { StaffActor } from '../../../platform/auth/actor.ts';
import { chinaDate } from '../../../platform/china-time.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import type { BodyKind } from '../rules/procedure-template.ts';
import { withTx } from './meeting-shared.ts';
import './meetings.errors.ts';
import './meetings.tables.ts';

/** 议事主体 (bodies) and their members; each command is one transaction with its audit entry. */
export type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

export const BODY_KIND_LABELS: Record<BodyKind, { zh: string; en: string }> = {
  two_committees: { zh: '社区两委', en: 'Two committees' },
  party_organisation: { zh: '社区党组织', en: 'Party organisation' },
  party_council: { zh: '党员议事会', en: 'Party members\u2019 council' },
  party_general_meeting: { zh: '党员大会', en: 'Party members\u2019 general meeting' },
  representatives_assembly: { zh: '居民代表会议', en: 'Residents\u2019 representatives\u2019 assembly' },
  residents_meeting: { zh: '居民会议', en: 'Residents\u2019 meeting' },
  owners_assembly: { zh: '业主大会', en: 'Owners\u2019 assembly' },
  residents_council: { zh: '居民议事会', en: 'Residents\u2019 council' },
  experts: { zh: '专家组', en: 'Experts' },
  stakeholders: { zh: '恳谈会', en: 'Stakeholders\u2019 talk' },
};

type NodeRow = { id: string; path: string; kind: string; name: string };

async function findNode(tx: Db, districtId: string, id: string): Promise<NodeRow | undefined> {
  return tx.selectFrom('org_node').select(['id', 'path', 'kind', 'name']).where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

export async function findBody(tx: Db, districtId: string, bodyId: string) {
  const body = await tx.selectFrom('body').selectAll().where('district_id', '=', districtId).where('id', '=', bodyId).executeTakeFirst();
  return body ?? fail('NOT_FOUND', { entity: 'body', id: bodyId });
}

async function scopePathOf(tx: Db, districtId: string, scopeNodeId: string): Promise<string> {
  const node = await findNode(tx, districtId, scopeNodeId);
  return node?.path ?? '';
}

export async function createBody(ctx: Ctx, input: { communityId: string; kind: BodyKind; name: string; scopeNodeId?: string | null }): Promise<string> {
  const districtId = ctx.actor.districtId;
  return withTx(ctx.db, async (tx) => {
    const community = await findNode(tx, districtId, input.communityId);
    if (!community) return fail('NOT_FOUND', { field: 'communityId' });
    if (community.kind !== 'community') return fail('BODY_NOT_COMMUNITY', { field: 'communityId' });
    let scope = community;
    if (input.scopeNodeId && input.scopeNodeId !== community.id) {
      const node = await findNode(tx, districtId, input.scopeNodeId);
      if (!node || node.kind !== 'building' || !node.path.startsWith(community.path)) return fail('BODY_SCOPE_INVALID', { field: 'scopeNodeId' });
      scope = node;
    }
    const taken = await tx.selectFrom('body').select('id').where('district_id', '=', districtId).where('community_id', '=', community.id).where('name', '=', input.name).executeTakeFirst();
    if (taken) return fail('BODY_NAME_TAKEN', { field: 'name' });
    const id = crypto.randomUUID();
    await tx.insertInto('body').values({ district_id: districtId, id, community_id: community.id, node_path: community.path, kind: input.kind, name: input.name, scope_node_id: scope.id, standard: false, created_at: ctx.now, created_by: ctx.actor.id }).execute();
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'body.create', entityType: 'body', entityId: id, nodePath: community.path,
      summary: `新建议事主体「${input.name}」（${BODY_KIND_LABELS[input.kind].zh}，${scope.name}）`, after: { kind: input.kind, name: input.name, scope: scope.name },
    });
    return id;
  });
}

export async function addBodyMember(ctx: Ctx, bodyId: string, input: { residentId: string; role?: string | null }): Promise<void> {
  const districtId = ctx.actor.districtId;
  await withTx(ctx.db, async (tx) => {
    const body = await findBody(tx, districtId, bodyId);
    const scopePath = await scopePathOf(tx, districtId, body.scope_node_id);
    const resident = await tx.selectFrom('resident').select(['id', 'name', 'node_path', 'status']).where('district_id', '=', districtId).where('id', '=', input.residentId).executeTakeFirst();
    if (!resident || resident.status !== 'present' || !resident.node_path.startsWith(scopePath)) return fail('BODY_MEMBER_OUTSIDE', { field: 'residentId' });
    if (body.kind === 'owners_assembly') {
      const owner = await tx.selectFrom('resident_role').select('role').where('district_id', '=', districtId).where('resident_id', '=', resident.id).where('role', '=', 'owner').executeTakeFirst();
      if (!owner) return fail('BODY_MEMBER_NOT_OWNER', { field: 'residentId' });
    }
    const added = await tx
      .insertInto('body_member')
      .values({ district_id: districtId, body_id: body.id, resident_id: resident.id, role: input.role ?? null, source: 'manual', added_at: ctx.now, added_by: ctx.actor.id })
      .onConflict((oc) => oc.columns(['district_id', 'body_id', 'resident_id']).doNothing())
      .returning('resident_id')
      .executeTakeFirst();
    if (!added) return fail('BODY_MEMBER_EXISTS', { field: 'residentId' });
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'body.member.add', entityType: 'body', entityId: body.id, nodePath: body.node_path,
      summary: `「${body.name}」添加成员「${resident.name}」${input.role ? `（${input.role}）` : ''}`, after: { residentId: resident.id, role: input.role ?? null },
    });
  });
}

export async function removeBodyMember(ctx: Ctx, bodyId: string, residentId: string): Promise<void> {
  const districtId = ctx.actor.districtId;
  await withTx(ctx.db, async (tx) => {
    const body = await findBody(tx, districtId, bodyId);
    const removed = await tx.deleteFrom('body_member').where('district_id', '=', districtId).where('body_id', '=', body.id).where('resident_id', '=', residentId).returning(['resident_id', 'role']).executeTakeFirst();
    if (!removed) return fail('BODY_MEMBER_NOT_FOUND', { field: 'residentId' });
    const person = await tx.selectFrom('resident').select('name').where('district_id', '=', districtId).where('id', '=', residentId).executeTakeFirst();
    await appendAudit(tx, {
      districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'body.member.remove', entityType: 'body', entityId: body.id, nodePath: body.node_path,
      summary: `「${body.name}」移除成员「${person?.name ?? residentId}」`, before: { residentId, role: removed.role },
    });
  });
}

/** Who the standard bodies hold, by kind: from resident roles (resident_role) and open tags (resident_tag). */
type MemberSource = 'party_members' | 'representatives' | 'council' | 'adults' | 'owners' | 'none';
const STANDARD_BODIES: readonly { kind: BodyKind; members: MemberSource }[] = [
  { kind: 'two_committees', members: 'none' },
  { kind: 'party_organisation', members: 'none' },
  { kind: 'party_council', members: 'party_members' },
  { kind: 'party_general_meeting', members: 'party_members' },
  { kind: 'representatives_assembly', members: 'representatives' },
  { kind: 'residents_meeting', members: 'adults' },
  { kind: 'owners_assembly', members: 'owners' },
  { kind: 'residents_council', members: 'council' },
  { kind: 'experts', members: 'none' },
];

function withRoleOrTag(tx: Db, districtId: string, communityPath: string, roles: ('party_member' | 'representative')[], tags: string[]) {
  return tx
    .selectFrom('resident as r')
    .select('r.id')
    .where('r.district_id', '=', districtId)
    .where('r.node_path', 'like', `${communityPath}%`)
    .where('r.status', '=', 'present')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('resident_role as rr').select('rr.resident_id').whereRef('rr.district_id', '=', 'r.district_id').whereRef('rr.resident_id', '=', 'r.id').where('rr.role', 'in', roles)),
        eb.exists(eb.selectFrom('resident_tag as t').select('t.resident_id').whereRef('t.district_id', '=', 'r.district_id').whereRef('t.resident_id', '=', 'r.id').where('t.tag_code', 'in', tags).where('t.until', 'is', null)),
      ]),
    );
}

async function standardMemberIds(tx: Db, input: { districtId: string; communityPath: string; source: MemberSource; today: string }): Promise<string[]> {
  const { districtId, communityPath } = input;
  switch (input.source) {
    case 'none':
      return [];
    case 'party_members':
      return (await withRoleOrTag(tx, districtId, communityPath, ['party_member'], ['party_member']).orderBy('r.node_path').orderBy('r.id').execute()).map((r) => r.id);
    case 'representatives':
      return (await withRoleOrTag(tx, districtId, communityPath, ['representative'], ['representative']).orderBy('r.node_path').orderBy('r.id').execute()).map((r) => r.id);
    case 'council':
      return (await withRoleOrTag(tx, districtId, communityPath, ['representative'], ['representative', 'building_leader']).orderBy('r.node_path').orderBy('r.id').execute()).map((r) => r.id);
    case 'adults': {
      const [y, m, d] = input.today.split('-');
      const born = `${Number(y) - 18}-${m}-${d}`;
      const rows = await tx.selectFrom('resident').select('id').where('district_id', '=', districtId).where('node_path', 'like', `${communityPath}%`).where('status', '=', 'present').where('birth_date', '<=', born).orderBy('node_path').orderBy('id').execute();
      return rows.map((r) => r.id);
    }
    case 'owners': {
      // Co-owners of one house count as one owner (民法典 278 counts owners by house): the head of household first.
      const rows = await tx
        .selectFrom('resident as r')
        .innerJoin('resident_role as rr', (j) => j.onRef('rr.district_id', '=', 'r.district_id').onRef('rr.resident_id', '=', 'r.id'))
        .select(['r.id', 'r.household_id'])
        .distinctOn('r.household_id')
        .where('r.district_id', '=', districtId)
        .where('r.node_path', 'like', `${communityPath}%`)
        .where('r.status', '=', 'present')
        .where('rr.role', '=', 'owner')
        .orderBy('r.household_id')
        .orderBy(sql`(r.relation = '户主')`, 'desc')
        .orderBy('r.id')
        .execute();
      return rows.map((r) => r.id);
    }
  }
}

/**
 * Builds the community's standard bodies that do not exist yet, with members from resident roles and
 * tags: 党员议事会 and 党员大会 (党员), 居民代表会议 (居民代表), 居民会议 (adult residents), 业主大会 (one
 * owner per house; floor area is read at each call), 居民议事会 (居民代表 and 楼栋长); 两委, 党组织 and
 * 专家组 start empty unless `committeeSize` fills 两委 and 党组织 with the first party members (demo only).
 * Bodies that already exist are left as the staff keep them. Runs inside the caller's transaction.
 */
export async function ensureStandardBodies(
  tx: Db,
  input: { districtId: string; communityId: string; now?: Date; actor?: StaffActor | null; committeeSize?: number },
): Promise<{ id: string; kind: BodyKind; name: string; created: boolean; members: number }[]> {
  const now = input.now ?? new Date();
  const community = await findNode(tx, input.districtId, input.communityId);
  if (!community) return fail('NOT_FOUND', { field: 'communityId' });
  if (community.kind !== 'community') return fail('BODY_NOT_COMMUNITY', { field: 'communityId' });
  const existing = await tx.selectFrom('body').select(['id', 'kind', 'name']).where('district_id', '=', input.districtId).where('community_id', '=', community.id).where('standard', '=', true).execute();
  const out: { id: string; kind: BodyKind; name: string; created: boolean; members: number }[] = [];
  let partyMembers: string[] | null = null;
  for (const spec of STANDARD_BODIES) {
    const found = existing.find((b) => b.kind === spec.kind);
    if (found) {
      const n = await tx.selectFrom('body_member').select((eb) => eb.fn.countAll<string>().as('n')).where('district_id', '=', input.districtId).where('body_id', '=', found.id).executeTakeFirstOrThrow();
      out.push({ id: found.id, kind: spec.kind, name: found.name, created: false, members: Number(n.n) });
      continue;
    }
    let ids = await standardMemberIds(tx, { districtId: input.districtId, communityPath: community.path, source: spec.members, today: chinaDate(now) });
    if (input.committeeSize && (spec.kind === 'two_committees' || spec.kind === 'party_organisation')) {
      partyMembers ??= await standardMemberIds(tx, { districtId: input.districtId, communityPath: community.path, source: 'party_members', today: chinaDate(now) });
      ids = partyMembers.slice(0, input.committeeSize);
    }
    const id = crypto.randomUUID();
    const name = BODY_KIND_LABELS[spec.kind].zh;
    await tx.insertInto('body').values({ district_id: input.districtId, id, community_id: community.id, node_path: community.path, kind: spec.kind, name, scope_node_id: community.id, standard: true, created_at: now, created_by: input.actor?.id ?? null }).execute();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await tx.insertInto('body_member').values(chunk.map((rid) => ({ district_id: input.districtId, body_id: id, resident_id: rid, role: null, source: 'standard' as const, added_at: now, added_by: input.actor?.id ?? null }))).execute();
    }
    out.push({ id, kind: spec.kind, name, created: true, members: ids.length });
  }
  const created = out.filter((b) => b.created);
  if (created.length > 0) {
    await appendAudit(tx, {
      districtId: input.districtId, actor: input.actor ?? null, ip: null, at: now, action: 'body.standard', entityType: 'org_node', entityId: community.id, nodePath: community.path,
      summary: `为「${community.name}」生成标准议事主体：${created.map((b) => `${b.name}（${b.members} 人）`).join('、')}`,
    });
  }
  return out;
}
