import crypto from 'node:crypto';
import type { StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { ensureStandardColumns, publishEntry } from '../public-board/publish-entry.ts';

/**
 * Demo public board (公开栏) of 百步亭花园社区: a few months of entries in the three standard columns, a
 * minimum-allowance notice (name, household size, amount only) in its publication period, a correction,
 * a physical posting — and a finance column left overdue, so the console shows its warning. Dates are
 * relative to `now`; entries are published in date order so the hash chain reads like a real one.
 */
export async function seedBoardDemo(tx: Db, input: { districtId: string; now: Date }): Promise<void> {
  const community = await tx.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', input.districtId).where('kind', '=', 'community').where('name', '=', '百步亭花园社区').executeTakeFirst();
  if (!community) return;
  for (const c of await tx.selectFrom('org_node').select('id').where('district_id', '=', input.districtId).where('kind', '=', 'community').execute()) {
    await ensureStandardColumns(tx, input.districtId, c.id, input.now);
  }
  const account = await tx.selectFrom('account').select(['id', 'username', 'display_name']).where('district_id', '=', input.districtId).where('username', '=', 'shuji').executeTakeFirst();
  const actor: StaffActor | null = account ? { kind: 'staff', id: account.id, districtId: input.districtId, username: account.username, displayName: account.display_name, mustChangePassword: false, bindings: [] } : null;
  const daysAgo = (n: number, hour = 9) => n === 0 ? input.now : new Date(input.now.getTime() - n * 86400_000 - (input.now.getTime() % 86400_000) + (hour - 8) * 3600_000);
  const publish = (n: number, entry: { column: string; title: string; body: string; publicationDays: number; personal?: { name: string; householdSize: number; amount: number }[]; correctsEntryId?: string }) =>
    publishEntry(tx, { districtId: input.districtId, communityId: community.id, actor, now: daysAgo(n), ...entry });

  await publish(140, { column: 'party', title: '二季度党费收缴情况公示', body: '社区党委二季度应缴党费党员 86 人，实缴 86 人，收缴党费合计 5,160.00 元，已全额上缴街道党工委。', publicationDays: 10 });
  await publish(110, { column: 'finance', title: '7月份社区财务收支公示', body: '本月收入：办公经费拨款 20,000.00 元。\n本月支出：办公用品 1,260.00 元，活动经费 3,480.00 元，维修费 2,150.00 元。\n月末结余 13,110.00 元。', publicationDays: 10 });
  const renovation = await publish(40, { column: 'residents', title: '关于电焊条厂家属院环境整治方案的决议公示', body: '经居民意见征集、两委提议、党员议事会审议，居民代表会议于本月表决通过电焊条厂家属院环境整治方案：地面硬化、煤池改造、车位规划和绿化，预算 38 万元。', publicationDays: 7 });
  await publish(38, { column: 'residents', title: '更正：关于电焊条厂家属院环境整治方案的决议公示', body: '原公示预算金额有误，更正为 36.5 万元，其余内容不变。', publicationDays: 7, correctsEntryId: renovation.id });
  const allowance = await publish(1, {
    column: 'residents', title: '2026年第四季度最低生活保障初审公示',
    body: '根据《最低生活保障审核确认办法》，经入户调查和民主评议，以下家庭拟上报区民政局审批，现予公示。公示期内如有异议，请向社区居委会反映或扫码提出。', publicationDays: 7,
    personal: [{ name: '王桂芝', householdSize: 2, amount: 1420 }, { name: '刘长海', householdSize: 1, amount: 780 }, { name: '陈小兰', householdSize: 3, amount: 2130 }],
  });
  await publish(0, { column: 'party', title: '关于召开社区党员大会的通知', body: '定于下周五下午 3 点在社区党群服务中心三楼会议室召开党员大会，审议老旧小区加装电梯议题。请全体党员准时参加。', publicationDays: 10 });
  await tx.insertInto('board_posting').values({ district_id: input.districtId, id: crypto.randomUUID(), entry_id: allowance.id, location: '社区党群服务中心门口公开栏', posted_at: daysAgo(1, 10), taken_down_at: null, photo_file_id: null, recorded_by: account?.id ?? null, created_at: daysAgo(1, 10) }).execute();
}
