import crypto from 'node:crypto';
import type { StaffActor } from '../../../platform/auth/actor.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { findNode } from '../../org/org.repository.ts';
import { procedureTemplateSchema, validateTemplate, type ProcedureTemplate } from '../rules/procedure-template.ts';
import { SHIPPED_PROCEDURES } from './collaborators.ts';
import type { ProcedureTemplateRow } from './matters.tables.ts';
import './matters.errors.ts';

export type Ctx = { db: Db; actor: StaffActor; ip: string; now: Date };

/**
 * Procedure templates per district: the shipped five installed once (community_id null), community
 * copies adjusted by a community administrator. A template in use by an open matter cannot change;
 * any other edit makes a new version (the old row stays, superseded, for the matters that used it).
 * Matters keep their own snapshot anyway.
 */
export async function installProcedureTemplates(tx: Db, districtId: string, now = new Date()): Promise<number> {
  const existing = await tx.selectFrom('procedure_template').select('code').where('district_id', '=', districtId).where('community_id', 'is', null).execute();
  const have = new Set(existing.map((r) => r.code));
  const missing = SHIPPED_PROCEDURES.filter((p) => !have.has(p.code));
  if (missing.length === 0) return 0;
  await tx
    .insertInto('procedure_template')
    .values(missing.map((p) => ({ district_id: districtId, id: crypto.randomUUID(), community_id: null, code: p.code, version: 1, name: p.name.zh, body: JSON.stringify(p), based_on_id: null, superseded_at: null, created_by: null, created_at: now })))
    .onConflict((oc) => oc.doNothing()) // two first requests at once: the second finds them installed
    .execute();
  await appendAudit(tx, { districtId, actor: null, ip: null, at: now, action: 'procedure_template.install', entityType: 'procedure_template', entityId: null, nodePath: `/${districtId}/`, summary: `安装内置议事程序 ${missing.length} 个：${missing.map((p) => p.name.zh).join('、')}` });
  return missing.length;
}

/** Parses and validates a template body; a DomainError naming every problem if it cannot be used. */
export function checkTemplate(body: unknown): ProcedureTemplate {
  const parsed = procedureTemplateSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return fail('TEMPLATE_INVALID', { issues }, `议事程序模板有误：${issues.map((i) => `${i.path}：${i.message}`).join('；')}`);
  }
  const template = parsed.data as ProcedureTemplate;
  const problems = validateTemplate(template);
  if (problems.length > 0) {
    return fail('TEMPLATE_INVALID', { problems }, `议事程序模板有误：${problems.map((p) => p.zh).join('；')}`, `The template is invalid: ${problems.map((p) => p.en).join('; ')}`);
  }
  return template;
}

export async function templateInUse(db: Db, districtId: string, templateId: string): Promise<number> {
  const row = await db.selectFrom('matter').select((eb) => eb.fn.countAll<number>().as('n')).where('district_id', '=', districtId).where('template_id', '=', templateId).where('status', '=', 'in_progress').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findTemplate(db: Db, districtId: string, id: string): Promise<ProcedureTemplateRow | undefined> {
  return db.selectFrom('procedure_template').selectAll().where('district_id', '=', districtId).where('id', '=', id).executeTakeFirst();
}

/** Scope resolver: a community copy lies in its community; a shipped template at the district root. */
export async function templateScope(db: Db, districtId: string, id: string): Promise<string[] | null> {
  const row = await db
    .selectFrom('procedure_template as t')
    .leftJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 't.district_id').onRef('n.id', '=', 't.community_id'))
    .select(['t.community_id', 'n.path'])
    .where('t.district_id', '=', districtId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return [row.path ?? `/${districtId}/`];
}

/** Copies a template (shipped or another community's copy visible to the actor) into a community, optionally adjusted. */
export async function copyTemplate(ctx: Ctx, templateId: string, input: { communityId: string; name?: string; body?: unknown }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const source = await findTemplate(tx, ctx.actor.districtId, templateId);
    if (!source) return fail('NOT_FOUND', { field: 'templateId' });
    const community = await findNode(tx, ctx.actor.districtId, input.communityId);
    if (!community) return fail('NOT_FOUND', { field: 'communityId' });
    if (community.kind !== 'community') return fail('MATTER_NOT_COMMUNITY', { field: 'communityId' });
    const body = checkTemplate(input.body ?? source.body);
    const name = input.name ?? `${body.name.zh}（${community.name}）`;
    // The copy's code: the source code, made unique within the community.
    const taken = new Set((await tx.selectFrom('procedure_template').select('code').where('district_id', '=', ctx.actor.districtId).where('community_id', '=', community.id).execute()).map((r) => r.code));
    let code = body.code;
    for (let n = 2; taken.has(code); n++) code = `${body.code}-${n}`;
    const id = crypto.randomUUID();
    await tx
      .insertInto('procedure_template')
      .values({ district_id: ctx.actor.districtId, id, community_id: community.id, code, version: 1, name, body: JSON.stringify({ ...body, code }), based_on_id: source.id, superseded_at: null, created_by: ctx.actor.id, created_at: ctx.now })
      .execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'procedure_template.copy', entityType: 'procedure_template', entityId: id, nodePath: community.path, summary: `复制议事程序「${source.name}」到${community.name}，名称「${name}」`, after: { code, name } });
    return id;
  });
}

/** Adjusts a community copy: refused while an open matter uses it; otherwise a new version replaces it. */
export async function updateTemplate(ctx: Ctx, templateId: string, input: { name?: string; body: unknown }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('procedure_template').selectAll().where('district_id', '=', ctx.actor.districtId).where('id', '=', templateId).forUpdate().executeTakeFirst();
    if (!current) return fail('NOT_FOUND', { field: 'templateId' });
    if (current.community_id === null) return fail('TEMPLATE_SHIPPED_READONLY', { templateId });
    if (current.superseded_at) return fail('TEMPLATE_SUPERSEDED', { templateId });
    const using = await templateInUse(tx, ctx.actor.districtId, templateId);
    if (using > 0) return fail('TEMPLATE_IN_USE', { templateId, matters: using }, `该程序模板正被 ${using} 个进行中的议题使用，不能修改；请复制一份再调整`);
    const body = checkTemplate(input.body);
    const community = await findNode(tx, ctx.actor.districtId, current.community_id);
    const id = crypto.randomUUID();
    await tx.updateTable('procedure_template').set({ superseded_at: ctx.now }).where('district_id', '=', ctx.actor.districtId).where('id', '=', current.id).execute();
    await tx
      .insertInto('procedure_template')
      .values({ district_id: ctx.actor.districtId, id, community_id: current.community_id, code: current.code, version: current.version + 1, name: input.name ?? current.name, body: JSON.stringify({ ...body, code: current.code }), based_on_id: current.id, superseded_at: null, created_by: ctx.actor.id, created_at: ctx.now })
      .execute();
    await appendAudit(tx, { districtId: ctx.actor.districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'procedure_template.update', entityType: 'procedure_template', entityId: id, nodePath: community?.path ?? null, summary: `调整议事程序「${current.name}」，第 ${current.version + 1} 版`, before: { version: current.version }, after: { version: current.version + 1 } });
    return id;
  });
}

export type TemplateView = {
  id: string;
  communityId: string | null;
  communityName: string | null;
  code: string;
  version: number;
  name: string;
  shipped: boolean;
  basedOnId: string | null;
  inUse: number;
  createdAt: string;
  body: ProcedureTemplate;
};

/** Current templates visible in the actor's scope: the district's shipped ones and community copies within scope. */
export async function listTemplates(db: Db, districtId: string, scope: string[], communityId?: string): Promise<TemplateView[]> {
  let q = db
    .selectFrom('procedure_template as t')
    .leftJoin('org_node as n', (j) => j.onRef('n.district_id', '=', 't.district_id').onRef('n.id', '=', 't.community_id'))
    .select(['t.id', 't.community_id', 'n.name as community_name', 'n.path', 't.code', 't.version', 't.name', 't.based_on_id', 't.created_at', 't.body'])
    .where('t.district_id', '=', districtId)
    .where('t.superseded_at', 'is', null);
  q = q.where((eb) => eb.or([eb('t.community_id', 'is', null), ...scope.map((p) => eb('n.path', 'like', `${p}%`))]));
  if (communityId) q = q.where((eb) => eb.or([eb('t.community_id', 'is', null), eb('t.community_id', '=', communityId)]));
  const rows = await q.orderBy('t.community_id', 'desc').orderBy('t.code').execute();
  const use = rows.length
    ? await db.selectFrom('matter').select(['template_id', (eb) => eb.fn.countAll<number>().as('n')]).where('district_id', '=', districtId).where('status', '=', 'in_progress').where('template_id', 'in', rows.map((r) => r.id)).groupBy('template_id').execute()
    : [];
  const uses = new Map(use.map((u) => [u.template_id, Number(u.n)]));
  return rows.map((r) => ({
    id: r.id,
    communityId: r.community_id,
    communityName: r.community_name,
    code: r.code,
    version: r.version,
    name: r.name,
    shipped: r.community_id === null,
    basedOnId: r.based_on_id,
    inUse: uses.get(r.id) ?? 0,
    createdAt: new Date(r.created_at).toISOString(),
    body: r.body as ProcedureTemplate,
  }));
}
