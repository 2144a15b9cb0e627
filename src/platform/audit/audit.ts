import type { Db } from '../db/database.ts';
import { newRowId } from '../db/row-id.ts';
import { actorLabel, type Actor } from '../auth/actor.ts';
import { maskSensitive } from '../security/masking.ts';

/**
 * The audit log. Every write appends an entry in the same transaction as the change (pass the
 * transaction), with who, when, what, before and after. Sensitive values are stored masked.
 */
export const AUDIT_ACTIONS: Record<string, { zh: string; en: string }> = {};

export function registerAuditActions(actions: Record<string, { zh: string; en: string }>): void {
  Object.assign(AUDIT_ACTIONS, actions);
}

export type AuditEntry = {
  districtId: string;
  actor: Actor | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** Path of the org node the entity belongs to, so the log can be searched within a scope. */
  nodePath: string | null;
  summary: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  at?: Date;
};

export async function appendAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      district_id: entry.districtId,
      id: newRowId(),
      at: entry.at ?? new Date(),
      actor_kind: entry.actor ? entry.actor.kind : 'system',
      actor_id: entry.actor?.id ?? null,
      actor_name: actorLabel(entry.actor),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      node_path: entry.nodePath,
      summary: entry.summary,
      before: entry.before ? JSON.stringify(maskSensitive(entry.before)) : null,
      after: entry.after ? JSON.stringify(maskSensitive(entry.after)) : null,
      ip: entry.ip,
    })
    .execute();
}
