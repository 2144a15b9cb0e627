import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { staffOf } from './authorize.ts';

/** The client address as the app sees it (behind a proxy, set trustProxy so this is the real one). */
export function clientIp(req: FastifyRequest): string {
  return req.ip ?? 'unknown';
}

/** Page parameters shared by list routes. */
export function pageWindow(page: number, pageSize: number): { limit: number; offset: number } {
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

/** What a command needs from a staff request: the database, the actor, their address and the time. */
export function commandContext(req: FastifyRequest, deps: { db: Db; clock: () => Date }): { db: Db; actor: StaffActor; ip: string; now: Date } {
  return { db: deps.db, actor: staffOf(req), ip: clientIp(req), now: deps.clock() };
}
