import type { ResidentActor, StaffActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { handleDemand, receiveDemand, type DemandCommand } from '../demands/index.ts';
import { inTransaction } from './seed-decisions-demo.ts';

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type StaffName = 'wangge' | 'shuji' | 'jiedao';
type Step = { hoursLater: number; by: StaffName | 'resident'; command: DemandCommand };
type Plan = {
  daysAgo: number;
  hour: number;
  channel: 'hotline' | 'walk_in' | 'grid_worker' | 'mailbox' | 'door_note' | 'symposium' | 'hotline_12345';
  category: string;
  title: string;
  description: string;
  /** Index into the residents of the first grid (0 = the portal demo resident 13800000001). */
  resident: number | null;
  by: StaffName;
  photo?: boolean;
  steps: Step[];
};

const route = (hoursLater: number, by: StaffName = 'wangge'): Step => ({ hoursLater, by, command: { kind: 'route' } });
const accept = (hoursLater: number, by: StaffName = 'wangge'): Step => ({ hoursLater, by, command: { kind: 'accept' } });
const finish = (hoursLater: number, by: StaffName, result: 'resolved' | 'explained', text: string): Step => ({ hoursLater, by, command: { kind: 'finish', outcome: { result, text } } });
const rate = (hoursLater: number, rating: 'satisfied' | 'basically_satisfied'): Step => ({ hoursLater, by: 'resident', command: { kind: 'rate', rating } });

/**
 * About fifteen demands of the last three weeks in 百步亭花园社区 (relative to `now`): done and rated,
 * done awaiting a rating, one returned with its reason, one escalated to the street, one suspended,
 * some overdue, fresh ones not yet routed — and two of the portal demo resident 13800000001 (by phone:
 * staff channels, so tests that count the portal channel in a fresh demo stay exact), so 我的诉求 is
 * not empty. Deterministic (fixed titles, times and steps), made through the real commands.
 */
const PLANS: readonly Plan[] = [
  { daysAgo: 20, hour: 9, channel: 'hotline', category: 'environment.garbage', title: '3栋楼下垃圾桶满溢无人清运', description: '3栋楼下两个垃圾桶已满两天，气味很大，请尽快清运。', resident: 1, by: 'wangge', steps: [route(0.2), accept(0.5), finish(5, 'wangge', 'resolved', '已联系保洁公司当天清运，并增加每日清运一次。'), rate(30, 'satisfied')] },
  { daysAgo: 18, hour: 10, channel: 'grid_worker', category: 'property.repair', title: '2单元门禁损坏', description: '2单元楼道门禁刷卡无反应，陌生人可随意进出。', resident: 2, by: 'wangge', photo: true, steps: [route(0.1, 'shuji'), accept(1, 'shuji'), finish(26, 'shuji', 'resolved', '物业已更换门禁读卡器，经测试正常。'), rate(50, 'basically_satisfied')] },
  { daysAgo: 17, hour: 15, channel: 'walk_in', category: 'welfare.elderly', title: '申请居家养老上门服务', description: '老人独居，行动不便，希望每周有人上门助餐助洁。', resident: 3, by: 'shuji', steps: [route(0.1, 'shuji'), accept(0.3, 'shuji'), finish(48, 'shuji', 'resolved', '已纳入居家养老服务名单，每周二、五上门助餐助洁。'), rate(72, 'satisfied')] },
  { daysAgo: 15, hour: 11, channel: 'mailbox', category: 'neighbour', title: '楼上夜间噪音扰民', description: '楼上住户经常深夜拖动家具，影响休息。', resident: 4, by: 'wangge', steps: [route(0.5), accept(1), finish(30, 'wangge', 'explained', '网格员上门沟通，双方已协商夜间十点后不再拖动家具。'), rate(60, 'satisfied')] },
  { daysAgo: 14, hour: 9, channel: 'door_note', category: 'policy', title: '咨询城乡居民医保缴费时间', description: '想了解明年医保什么时候开始缴费、在哪里缴。', resident: 5, by: 'shuji', steps: [route(0.1, 'shuji'), accept(0.2, 'shuji'), finish(2, 'shuji', 'explained', '已电话告知缴费时间和线上缴费方式，并送达宣传单。'), rate(8, 'satisfied')] },
  { daysAgo: 12, hour: 14, channel: 'hotline_12345', category: 'municipal.streetlight', title: '百步亭路东段路灯不亮', description: '百步亭路东段有五盏路灯连续一周不亮，夜间出行不安全。', resident: null, by: 'shuji', steps: [route(0.5, 'shuji'), accept(3, 'jiedao'), finish(70, 'jiedao', 'resolved', '街道城市管理科已协调路灯所更换灯具，五盏路灯恢复照明。')] },
  { daysAgo: 11, hour: 10, channel: 'symposium', category: 'environment.greening', title: '小区中心花园杂草丛生', description: '座谈会上居民反映中心花园很久没修剪，杂草有半人高。', resident: null, by: 'shuji', steps: [route(0.2, 'shuji'), accept(1), { hoursLater: 18, by: 'shuji', command: { kind: 'urge', note: '居民反映较多，请尽快修剪' } }, finish(26, 'wangge', 'resolved', '物业已组织修剪，并纳入每月绿化养护计划。')] },
  { daysAgo: 10, hour: 9, channel: 'hotline', category: 'environment.garbage', title: '小区外围马路垃圾堆放', description: '小区围墙外马路边有人长期堆放建筑垃圾。', resident: 6, by: 'wangge', steps: [route(0.3), { hoursLater: 2, by: 'wangge', command: { kind: 'return', reason: '经现场核实，堆放点在小区围墙外市政道路上，不属本网格管辖，已转告街道城管；请重新分派。' } }] },
  { daysAgo: 9, hour: 16, channel: 'grid_worker', category: 'property.lift', title: '5栋电梯频繁故障停运', description: '5栋电梯本月已停运三次，楼上老人下楼困难。', resident: 7, by: 'wangge', steps: [route(0.1, 'shuji'), accept(0.5, 'shuji'), { hoursLater: 6, by: 'shuji', command: { kind: 'escalate', level: 'street', reason: '电梯需整体大修，维修资金须街道协调维修基金使用，社区无法单独解决。' } }] },
  { daysAgo: 8, hour: 10, channel: 'walk_in', category: 'welfare.assistance', title: '申请临时救助', description: '家中老人住院，医疗费用负担重，申请临时救助。', resident: 8, by: 'shuji', steps: [route(0.1, 'shuji'), accept(0.5, 'shuji'), { hoursLater: 4, by: 'shuji', command: { kind: 'suspend', reason: '等待区民政局复核家庭收入材料，材料回复后继续办理。' } }] },
  { daysAgo: 6, hour: 9, channel: 'hotline', category: 'environment.garbage', title: '1栋后面垃圾中转点异味', description: '垃圾中转点夏天一直有异味，最近更严重。', resident: null, by: 'wangge', steps: [route(0.5)] },
  { daysAgo: 5, hour: 15, channel: 'grid_worker', category: 'safety', title: '消防通道被私家车占用', description: '4栋与5栋之间的消防通道长期停放私家车，消防车无法通行。', resident: null, by: 'wangge', steps: [route(0.1), accept(0.5)] },
  { daysAgo: 6, hour: 10, channel: 'hotline', category: 'property.repair', title: '楼道声控灯坏了', description: '我家单元三楼楼道声控灯不亮，晚上上下楼看不清。', resident: 0, by: 'wangge', steps: [route(0.5, 'shuji'), accept(2, 'shuji'), finish(24, 'shuji', 'resolved', '物业已更换三楼声控灯，请您查看是否正常。')] },
  { daysAgo: 3, hour: 11, channel: 'mailbox', category: 'neighbour', title: '邻居在楼道堆放杂物', description: '对门邻居在楼道长期堆放纸箱，存在火灾隐患。', resident: 9, by: 'wangge', steps: [route(0.2), accept(0.5), finish(4, 'wangge', 'resolved', '已与邻居沟通，杂物当天清理完毕。'), rate(20, 'satisfied')] },
  { daysAgo: 2, hour: 20, channel: 'hotline', category: 'environment.greening', title: '楼下大树树枝压到电线', description: '楼下那棵大树的树枝已经碰到电线，刮风时很危险。', resident: 0, by: 'wangge', steps: [route(1), accept(14)] },
  { daysAgo: 1, hour: 16, channel: 'hotline', category: 'other', title: '建议小区增设智能快递柜', description: '小区快递都堆在门卫室，建议增设快递柜。', resident: 10, by: 'shuji', steps: [] },
  { daysAgo: 0, hour: -3, channel: 'walk_in', category: 'policy', title: '咨询老年证办理', description: '刚满六十岁，想办理老年优待证，需要带什么材料？', resident: 11, by: 'shuji', steps: [route(0.2, 'shuji')] },
];

/** Demo demands (民情诉求) in 百步亭花园社区, made through the real commands. */
export async function seedDemandsDemo(tx: Db, input: { districtId: string; now: Date }): Promise<void> {
  const { districtId, now } = input;
  const db = inTransaction(tx);
  const community = await tx.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('kind', '=', 'community').where('name', '=', '百步亭花园社区').executeTakeFirst();
  const accounts = await tx.selectFrom('account').select(['id', 'username', 'display_name']).where('district_id', '=', districtId).where('username', 'in', ['wangge', 'shuji', 'jiedao']).execute();
  const portalResident = await tx.selectFrom('resident').select(['id', 'household_id', 'node_path', 'name']).where('district_id', '=', districtId).where('phone', '=', '13800000001').executeTakeFirst();
  if (!community || !portalResident || accounts.length < 3) return;
  // The others: present adults of the same grid as the demo resident, in a fixed order (by name and id card).
  const grid = await tx.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('kind', '=', 'grid').where('path', 'in', ancestorPaths(portalResident.node_path)).executeTakeFirst();
  if (!grid) return;
  const gridPath = grid.path;
  const neighbours = await tx
    .selectFrom('resident')
    .select(['id', 'household_id', 'node_path', 'name'])
    .where('district_id', '=', districtId)
    .where('node_path', 'like', `${gridPath}%`)
    .where('status', '=', 'present')
    .where('id', '<>', portalResident.id)
    .where('birth_date', '<=', '2006-01-01')
    .orderBy('id_number')
    .limit(12)
    .execute();
  const people = [portalResident, ...neighbours];
  const staff = (name: StaffName): StaffActor => {
    const a = accounts.find((x) => x.username === name);
    return { kind: 'staff', id: a?.id ?? '', districtId, username: name, displayName: a?.display_name ?? name, mustChangePassword: false, bindings: [] };
  };
  // Midnight (China time) of today, as an instant.
  const chinaMidnight = new Date(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000);

  for (const plan of PLANS) {
    const person = plan.resident === null ? null : (people[plan.resident % people.length] ?? null);
    const start = plan.daysAgo === 0 ? new Date(now.getTime() + plan.hour * 3600_000) : new Date(chinaMidnight.getTime() - plan.daysAgo * 86_400_000 + plan.hour * 3600_000);
    const residentActor: ResidentActor | null = person ? { kind: 'resident', id: person.id, districtId, displayName: person.name, nodePath: person.node_path, roles: [] } : null;
    const received = await receiveDemand(db, { actor: staff(plan.by), ip: '127.0.0.1', now: start }, {
      channel: plan.channel,
      place: { nodeId: person?.household_id ?? grid.id },
      residentId: person?.id ?? null,
      category: plan.category,
      title: plan.title,
      description: plan.description,
      ...(plan.photo ? { photos: [{ name: '现场照片.png', mime: 'image/png', content: PNG_1PX }] } : {}),
    });
    for (const step of plan.steps) {
      const at = new Date(start.getTime() + step.hoursLater * 3600_000);
      if (at.getTime() > now.getTime()) break;
      const actor = step.by === 'resident' ? residentActor : staff(step.by);
      if (!actor) continue;
      await handleDemand(db, { actor, ip: '127.0.0.1', now: at }, received.id, step.command);
    }
  }
}

/** `/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`. */
function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}
