import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { fail } from '../../../platform/errors.ts';
import { storeFile } from '../../../platform/files/files.ts';
import type { FilePurpose } from '../../../platform/files/files.tables.ts';
import { findNode } from '../../org/org.repository.ts';
import { periodAfter } from '../rules/periods.ts';
import { resolveTemplate, type ProcedureTemplate, type StageTemplate } from '../rules/procedure-template.ts';
import { renderName } from '../rules/wording.ts';
import { workingDayPredicate } from './collaborators.ts';
import { lockMatter, recordMatterStep, unitOfCommunity, type StepCtx } from './matter-step.ts';
import type { MatterRow } from './matters.tables.ts';
import { findTemplate } from './procedure-templates.ts';

export type ItemInput = { title: string; description?: string; subjectResidentId?: string | null; householdSize?: number | null; amount?: number | null };
export type AttachmentInput = { purpose: FilePurpose; name: string; mime: string; content: string };

/** The community (社区 / 村) node a path lies in. */
export async function communityOfPath(db: Db, districtId: string, path: string) {
  const ids = path.split('/').filter(Boolean);
  return db.selectFrom('org_node').selectAll().where('district_id', '=', districtId).where('kind', '=', 'community').where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']).executeTakeFirst();
}

/**
 * 提出议题: staff raise a topic for a community, a resident raises one for their own community (民事民提).
 * The matter starts with one item (its title); acceptance may replace the items.
 */
export async function raiseMatter(ctx: StepCtx, input: { communityId?: string; title: string; description?: string; category?: string | null }): Promise<string> {
  return ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const community = ctx.actor.kind === 'resident' ? await communityOfPath(tx, districtId, ctx.actor.nodePath) : input.communityId ? await findNode(tx, districtId, input.communityId) : undefined;
    if (!community) return fail('NOT_FOUND', { field: 'communityId' });
    if (community.kind !== 'community') return fail('MATTER_NOT_COMMUNITY', { field: 'communityId' });
    const id = crypto.randomUUID();
    const unit = unitOfCommunity(community.name);
    await tx
      .insertInto('matter')
      .values({
        district_id: districtId, id, community_id: community.id, node_path: community.path, title: input.title, description: input.description ?? '', category: input.category ?? null, budget: null,
        template_id: null, procedure: null, unit, raised_by_resident_id: ctx.actor.kind === 'resident' ? ctx.actor.id : null, raised_by_account_id: ctx.actor.kind === 'staff' ? ctx.actor.id : null,
        raised_at: ctx.now, accepted_at: null, accepted_by: null, closed_at: null, close_reason: null, affected_node_id: null, updated_at: ctx.now,
      })
      .execute();
    await tx.insertInto('matter_item').values({ district_id: districtId, id: crypto.randomUUID(), matter_id: id, position: 1, title: input.title, description: input.description ?? '', subject_resident_id: null, household_size: null, amount: null, stopped_at_stage_id: null }).execute();
    const by = ctx.actor.kind === 'resident' ? `${renderName('{居民}', unit)}${ctx.actor.displayName}` : ctx.actor.displayName;
    await recordMatterStep(tx, ctx, { id, node_path: community.path }, {
      action: 'matter.raise',
      kind: 'matter.raised',
      summary: { zh: `${by}提出议题「${input.title}」（${community.name}）`, en: `${ctx.actor.displayName} raised the matter "${input.title}"` },
      data: { title: input.title, category: input.category ?? null, byResident: ctx.actor.kind === 'resident' },
    });
    return id;
  });
}

/** Opens a stage row: status open, opened now, due after its maxDays (民法典 201: counted from the next day). */
export async function openStageRow(tx: Db, ctx: StepCtx, matter: Pick<MatterRow, 'id' | 'node_path' | 'unit'>, stage: { id: string; rules: unknown; round?: number }, reason: { zh: string; en: string } | null = null): Promise<void> {
  const rules = stage.rules as StageTemplate;
  const isWorkingDay = await workingDayPredicate(tx, ctx.actor.districtId);
  const dueAt = rules.maxDays ? periodAfter(ctx.now, rules.maxDays, isWorkingDay).endsAt : null;
  await tx
    .updateTable('matter_stage')
    .set({ status: 'open', opened_at: ctx.now, due_at: dueAt, closed_at: null, outcome: null, rules_locked_at: null, signed_off_at: null, signed_off_by: null })
    .where('district_id', '=', ctx.actor.districtId)
    .where('id', '=', stage.id)
    .execute();
  const name = renderName(rules.name, matter.unit);
  await recordMatterStep(tx, ctx, matter, {
    action: 'matter.stage.open',
    kind: 'stage.opened',
    stageId: stage.id,
    entityType: 'matter_stage',
    entityId: stage.id,
    summary: reason ?? { zh: `开始环节「${name.zh}」`, en: `Stage "${name.en}" opened` },
    data: { stageKey: rules.key, dueAt: dueAt?.toISOString() ?? null },
  });
}

export type AcceptInput = {
  templateId: string;
  title?: string;
  description?: string;
  category?: string | null;
  budget?: number | null;
  affectedNodeId?: string | null;
  affectedHouseIds?: string[];
  items?: ItemInput[];
  attachments?: AttachmentInput[];
};

/**
 * 两委受理: the matter goes into a procedure. The template is copied into the matter (its snapshot) and
 * into each stage's rules; the first stage opens. Several items make a simplified batch (简易程序), if
 * the procedure allows one.
 */
export async function acceptMatter(ctx: StepCtx, matterId: string, input: AcceptInput): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const districtId = ctx.actor.districtId;
    const matter = await lockMatter(tx, districtId, matterId);
    if (matter.status !== 'raised') return fail('MATTER_WRONG_STATUS', { status: matter.status }, '只有待受理的议题可以受理');
    const template = await findTemplate(tx, districtId, input.templateId);
    if (!template || template.superseded_at || (template.community_id !== null && template.community_id !== matter.community_id)) return fail('NOT_FOUND', { field: 'templateId' });
    const stored = template.body as ProcedureTemplate;
    if (stored.unit !== 'both' && stored.unit !== matter.unit) return fail('TEMPLATE_NOT_FOR_UNIT', { field: 'templateId', unit: matter.unit });
    // The snapshot reads as the unit does (居民/村民 …) and carries the village's legal rules where a stage has them.
    const procedure = resolveTemplate(stored, matter.unit);
    const items = input.items && input.items.length > 0 ? input.items : null;
    if (items && items.length > 1 && !procedure.batch) return fail('MATTER_BATCH_NOT_ALLOWED', { field: 'items' });
    // Households affected: a node of the community, or listed houses of the community.
    if (input.affectedNodeId) {
      const node = await findNode(tx, districtId, input.affectedNodeId);
      if (!node) return fail('NOT_FOUND', { field: 'affectedNodeId' });
      if (!node.path.startsWith(matter.node_path)) return fail('MATTER_AFFECTED_OUTSIDE', { field: 'affectedNodeId' });
    }
    const houseIds = [...new Set(input.affectedHouseIds ?? [])];
    if (houseIds.length > 0) {
      const found = await tx.selectFrom('org_node').select(['id', 'path', 'kind']).where('district_id', '=', districtId).where('id', 'in', houseIds).execute();
      if (found.length !== houseIds.length || found.some((h) => h.kind !== 'household' || !h.path.startsWith(matter.node_path))) return fail('MATTER_AFFECTED_OUTSIDE', { field: 'affectedHouseIds' });
    }
    if (items) {
      const subjects = [...new Set(items.map((i) => i.subjectResidentId).filter((x): x is string => !!x))];
      if (subjects.length > 0) {
        const people = await tx.selectFrom('resident').select(['id', 'node_path']).where('district_id', '=', districtId).where('id', 'in', subjects).execute();
        if (people.length !== subjects.length || people.some((p) => !p.node_path.startsWith(matter.node_path))) return fail('MATTER_ITEM_SUBJECT_OUTSIDE', { field: 'items' });
      }
      await tx.deleteFrom('matter_item').where('district_id', '=', districtId).where('matter_id', '=', matter.id).execute();
      await tx
        .insertInto('matter_item')
        .values(items.map((it, i) => ({ district_id: districtId, id: crypto.randomUUID(), matter_id: matter.id, position: i + 1, title: it.title, description: it.description ?? '', subject_resident_id: it.subjectResidentId ?? null, household_size: it.householdSize ?? null, amount: it.amount ?? null, stopped_at_stage_id: null })))
        .execute();
    }
    const title = input.title ?? matter.title;
    await tx
      .updateTable('matter')
      .set({
        status: 'in_progress', template_id: template.id, procedure: JSON.stringify(procedure), title, description: input.description ?? matter.description, category: input.category ?? matter.category,
        budget: input.budget ?? null, batch: (items?.length ?? 1) > 1, affected_node_id: input.affectedNodeId ?? null, affected_house_ids: JSON.stringify(houseIds), accepted_at: ctx.now, accepted_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null, updated_at: ctx.now,
      })
      .where('district_id', '=', districtId)
      .where('id', '=', matter.id)
      .execute();
    const stageRows = procedure.stages.map((s, i) => ({ district_id: districtId, id: crypto.randomUUID(), matter_id: matter.id, position: i + 1, stage_key: s.key, kind: s.kind, rules: JSON.stringify(s), opened_at: null, due_at: null, closed_at: null, outcome: null, rules_locked_at: null, signed_off_at: null, signed_off_by: null, note: null }));
    await tx.insertInto('matter_stage').values(stageRows).execute();
    for (const a of input.attachments ?? []) {
      await storeFile(tx, { districtId, ownerKind: 'matter', ownerId: matter.id, nodePath: matter.node_path, purpose: a.purpose, name: a.name, mime: a.mime, content: a.content, actor: ctx.actor, at: ctx.now });
    }
    const name = renderName(procedure.name, matter.unit);
    const itemCount = items?.length ?? 1;
    await recordMatterStep(tx, ctx, matter, {
      action: 'matter.accept',
      kind: 'matter.accepted',
      summary: {
        zh: `两委受理议题「${title}」，按「${name.zh}」办理${itemCount > 1 ? `（简易程序，${itemCount} 项）` : ''}`,
        en: `The two committees accepted "${title}" under "${name.en}"${itemCount > 1 ? ` (batch of ${itemCount} items)` : ''}`,
      },
      data: { templateId: template.id, templateVersion: template.version, category: input.category ?? null, budget: input.budget ?? null, items: itemCount, affectedHouses: houseIds.length, attachments: input.attachments?.length ?? 0 },
    });
    const first = stageRows[0];
    if (first) await openStageRow(tx, ctx, matter, { id: first.id, rules: procedure.stages[0] });
  });
}

/** 不予受理, with the reason (the resident sees it on the portal). */
export async function declineMatter(ctx: StepCtx, matterId: string, input: { reason: string }): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const matter = await lockMatter(tx, ctx.actor.districtId, matterId);
    if (matter.status !== 'raised') return fail('MATTER_WRONG_STATUS', { status: matter.status }, '只有待受理的议题可以不予受理');
    await tx.updateTable('matter').set({ status: 'declined', closed_at: ctx.now, close_reason: input.reason, updated_at: ctx.now }).where('district_id', '=', ctx.actor.districtId).where('id', '=', matterId).execute();
    await recordMatterStep(tx, ctx, matter, { action: 'matter.decline', kind: 'matter.declined', summary: { zh: `议题不予受理：${input.reason}`, en: `The matter was declined: ${input.reason}` }, data: { reason: input.reason } });
  });
}
