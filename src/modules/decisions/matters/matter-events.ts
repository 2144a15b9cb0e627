import crypto from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import { actorLabel, type Actor } from '../../../platform/auth/actor.ts';
import './matters.tables.ts';

export type MatterEventInput = {
  districtId: string;
  matterId: string;
  /** The stage the step belongs to, if any. */
  stageId?: string | null;
  actor: Actor | null;
  /** A stable dotted code, e.g. 'matter.raised', 'stage.closed', 'meeting.called', 'board.published'. */
  kind: string;
  summary: { zh: string; en: string };
  data?: Record<string, unknown> | null;
  at?: Date;
};

/**
 * Appends one step to a matter's timeline (who, when, what). Call it inside the transaction that makes
 * the change, next to its `appendAudit` entry. Other modules (meetings, public board) call it too.
 */
export async function appendMatterEvent(tx: Db, input: MatterEventInput): Promise<{ id: string }> {
  const id = crypto.randomUUID();
  await tx
    .insertInto('matter_event')
    .values({
      district_id: input.districtId,
      id,
      matter_id: input.matterId,
      stage_id: input.stageId ?? null,
      at: input.at ?? new Date(),
      actor_kind: input.actor ? input.actor.kind : 'system',
      actor_id: input.actor?.id ?? null,
      actor_name: actorLabel(input.actor),
      kind: input.kind,
      summary_zh: input.summary.zh,
      summary_en: input.summary.en,
      data: input.data ? JSON.stringify(input.data) : null,
    })
    .execute();
  return { id };
}
