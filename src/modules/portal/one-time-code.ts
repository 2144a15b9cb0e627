import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit, registerAuditActions } from '../../platform/audit/audit.ts';
import { createSession, type SessionPolicy } from '../../platform/auth/sessions.ts';
import { DomainError, registerErrors } from '../../platform/errors.ts';
import type { MessageSender } from './message-sender.ts';

/** Resident sign-in by phone number and a one-time code. */
export const CODE_RULES = { digits: 6, validMinutes: 5, resendSeconds: 60, maxAttempts: 5, perIpPer15Minutes: 30 } as const;

registerErrors({
  PORTAL_PHONE_UNKNOWN: { status: 404, zh: '「手机号」未在社区居民信息中登记，请联系所在社区工作人员核实', en: 'This phone number is not registered with any community' },
  PORTAL_CODE_INVALID: { status: 401, zh: '「验证码」不正确或已过期，请重新获取', en: 'The code is wrong or has expired' },
  PORTAL_CODE_TOO_SOON: { status: 429, zh: '验证码已发送，请稍后再重新获取', en: 'A code was just sent; wait before asking again' },
});
registerAuditActions({ 'portal.login': { zh: '居民登录', en: 'Resident sign-in' }, 'portal.code.sent': { zh: '发送验证码', en: 'Send sign-in code' } });

function codeHash(phone: string, code: string): string {
  return crypto.createHash('sha256').update(`${phone}:${code}`).digest('hex');
}

async function residentsWithPhone(db: Db, phone: string) {
  return db.selectFrom('resident').select(['district_id', 'id', 'name', 'node_path']).where('phone', '=', phone).where('status', '=', 'present').orderBy('district_id').orderBy('birth_date').limit(5).execute();
}

async function recentFailures(db: Db, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', ip)
    .where('kind', 'in', ['code_request', 'code'])
    .where('at', '>', since)
    .where('success', '=', false)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function requestCode(db: Db, sender: MessageSender, input: { phone: string; ip: string; now: Date }): Promise<{ expiresInSeconds: number; retryAfterSeconds: number }> {
  const { phone, ip, now } = input;
  if ((await recentFailures(db, ip, new Date(now.getTime() - 15 * 60_000))) >= CODE_RULES.perIpPer15Minutes) {
    throw new DomainError('AUTH_RATE_LIMITED', { retryAfterSeconds: 15 * 60 });
  }
  const last = await db.selectFrom('one_time_code').select('created_at').where('phone', '=', phone).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (last) {
    const wait = CODE_RULES.resendSeconds - Math.floor((now.getTime() - new Date(last.created_at).getTime()) / 1000);
    if (wait > 0) throw new DomainError('PORTAL_CODE_TOO_SOON', { retryAfterSeconds: wait });
  }
  const residents = await residentsWithPhone(db, phone);
  const first = residents[0];
  if (!first) {
    await db.insertInto('login_attempt').values({ id: crypto.randomUUID(), at: now, ip, login: phone, kind: 'code_request', success: false }).execute();
    throw new DomainError('PORTAL_PHONE_UNKNOWN');
  }
  const code = String(crypto.randomInt(0, 10 ** CODE_RULES.digits)).padStart(CODE_RULES.digits, '0');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('one_time_code')
      .values({ id: crypto.randomUUID(), phone, code_hash: codeHash(phone, code), created_at: now, expires_at: new Date(now.getTime() + CODE_RULES.validMinutes * 60_000), consumed_at: null })
      .execute();
    await sender.send(tx, { districtId: first.district_id, recipient: phone, purpose: 'login_code', at: now, body: `【共治】您的登录验证码为 ${code}，${CODE_RULES.validMinutes} 分钟内有效。如非本人操作请忽略。` });
    await appendAudit(tx, { districtId: first.district_id, actor: null, ip, at: now, action: 'portal.code.sent', entityType: 'resident', entityId: first.id, nodePath: first.node_path, summary: `向居民「${first.name}」发送登录验证码`, after: { phone } });
  });
  return { expiresInSeconds: CODE_RULES.validMinutes * 60, retryAfterSeconds: CODE_RULES.resendSeconds };
}

export async function loginWithCode(
  db: Db,
  input: { phone: string; code: string; ip: string; now: Date; policy: SessionPolicy },
): Promise<{ token: string; expiresAt: Date; districtId: string; residentId: string }> {
  const { phone, code, ip, now } = input;
  if ((await recentFailures(db, ip, new Date(now.getTime() - 15 * 60_000))) >= CODE_RULES.perIpPer15Minutes) {
    throw new DomainError('AUTH_RATE_LIMITED', { retryAfterSeconds: 15 * 60 });
  }
  const pending = await db
    .selectFrom('one_time_code')
    .selectAll()
    .where('phone', '=', phone)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fresh = pending && pending.attempts < CODE_RULES.maxAttempts;
  if (!pending || !fresh || pending.code_hash !== codeHash(phone, code)) {
    await db.transaction().execute(async (tx) => {
      if (pending) await tx.updateTable('one_time_code').set({ attempts: pending.attempts + 1 }).where('id', '=', pending.id).execute();
      await tx.insertInto('login_attempt').values({ id: crypto.randomUUID(), at: now, ip, login: phone, kind: 'code', success: false }).execute();
    });
    throw new DomainError('PORTAL_CODE_INVALID');
  }
  const resident = (await residentsWithPhone(db, phone))[0];
  if (!resident) throw new DomainError('PORTAL_PHONE_UNKNOWN');
  return db.transaction().execute(async (tx) => {
    const consumed = await tx.updateTable('one_time_code').set({ consumed_at: now }).where('id', '=', pending.id).where('consumed_at', 'is', null).executeTakeFirst();
    if (Number(consumed.numUpdatedRows) !== 1) throw new DomainError('PORTAL_CODE_INVALID');
    await tx.insertInto('login_attempt').values({ id: crypto.randomUUID(), at: now, ip, login: phone, kind: 'code', success: true }).execute();
    const actor = { kind: 'resident' as const, id: resident.id, districtId: resident.district_id, displayName: resident.name, nodePath: resident.node_path, roles: [] };
    await appendAudit(tx, { districtId: resident.district_id, actor, ip, at: now, action: 'portal.login', entityType: 'resident', entityId: resident.id, nodePath: resident.node_path, summary: `居民「${resident.name}」用验证码登录` });
    const session = await createSession(tx, { subject: { kind: 'resident', districtId: resident.district_id, residentId: resident.id }, ip, now, policy: input.policy });
    return { ...session, districtId: resident.district_id, residentId: resident.id };
  });
}
