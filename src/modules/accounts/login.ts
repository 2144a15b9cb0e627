import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { createSession, type SessionPolicy } from '../../platform/auth/sessions.ts';
import { DomainError } from '../../platform/errors.ts';
import { dummyPasswordHash, verifyPassword } from '../../platform/security/password.ts';
import { accountNodePath, findAccountByUsername } from './accounts.repository.ts';
import './accounts.errors.ts';

/**
 * Staff sign-in. Failures are counted per account (lockout after `maxFailures` for `lockoutMinutes`)
 * and per address (rate limit), both in the database so that several app servers agree. A failed
 * attempt still commits its counters and audit entry; only then is the error raised.
 */
export type LoginPolicy = SessionPolicy & { maxFailures: number; lockoutMinutes: number; perIpPer15Minutes: number };

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string; now: Date; policy: LoginPolicy },
): Promise<{ token: string; accountId: string; expiresAt: Date }> {
  const { now, policy, ip } = input;
  const since = new Date(now.getTime() - 15 * 60_000);
  const recent = await db
    .selectFrom('login_attempt')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('ip', '=', ip)
    .where('kind', '=', 'password')
    .where('success', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  if (recent.n >= policy.perIpPer15Minutes) throw new DomainError('AUTH_RATE_LIMITED', { retryAfterSeconds: 15 * 60 });

  const account = await findAccountByUsername(db, input.username);
  const recordAttempt = (tx: Db, success: boolean) =>
    tx.insertInto('login_attempt').values({ id: crypto.randomUUID(), at: now, ip, login: input.username.slice(0, 64), kind: 'password', success }).execute();

  if (!account) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordAttempt(db, false);
    throw new DomainError('AUTH_INVALID_CREDENTIALS');
  }
  const lockedUntil = account.locked_until ? new Date(account.locked_until) : null;
  if (lockedUntil && lockedUntil > now) {
    await recordAttempt(db, false);
    throw new DomainError('AUTH_ACCOUNT_LOCKED', { lockedUntil: lockedUntil.toISOString() });
  }
  const ok = await verifyPassword(account.password_hash, input.password);
  const nodePath = await accountNodePath(db, account.district_id, account.id);
  const actor = { kind: 'staff' as const, id: account.id, districtId: account.district_id, username: account.username, displayName: account.display_name, mustChangePassword: false, bindings: [] };

  if (!ok) {
    const failures = account.failed_logins + 1;
    const lock = failures >= policy.maxFailures;
    const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('account')
        .set(lock ? { failed_logins: 0, locked_until: until } : { failed_logins: failures })
        .where('id', '=', account.id)
        .execute();
      await recordAttempt(tx, false);
      await appendAudit(tx, {
        districtId: account.district_id, actor, ip, at: now, nodePath,
        action: lock ? 'auth.account.locked' : 'auth.login.failed', entityType: 'account', entityId: account.id,
        summary: lock ? `连续 ${failures} 次密码错误，账号锁定至 ${until.toISOString()}` : `密码错误（第 ${failures} 次）`,
      });
    });
    if (lock) throw new DomainError('AUTH_ACCOUNT_LOCKED', { lockedUntil: until.toISOString() });
    throw new DomainError('AUTH_INVALID_CREDENTIALS', { remainingAttempts: policy.maxFailures - failures });
  }
  if (account.disabled) {
    await recordAttempt(db, false);
    throw new DomainError('AUTH_ACCOUNT_DISABLED');
  }
  return db.transaction().execute(async (tx) => {
    await tx.updateTable('account').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', account.id).execute();
    await recordAttempt(tx, true);
    await appendAudit(tx, { districtId: account.district_id, actor, ip, at: now, nodePath, action: 'auth.login', entityType: 'account', entityId: account.id, summary: '登录成功' });
    const session = await createSession(tx, { subject: { kind: 'staff', accountId: account.id }, ip, now, policy });
    return { token: session.token, accountId: account.id, expiresAt: session.expiresAt };
  });
}
