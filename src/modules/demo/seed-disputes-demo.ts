import type { StaffActor } from '../../platform/auth/actor.ts';
import { chinaDate } from '../../platform/china-time.ts';
import type { Db } from '../../platform/db/database.ts';
import { addDays } from '../calendar/working-calendar.ts';
import { drawUpAgreement, recordFollowUp, recordMediation, registerDispute, signAgreement, type AttemptCommand } from '../disputes/dispute.commands.ts';
import { assignDisputeMediator } from '../disputes/mediator-assignment.commands.ts';
import { weekOf } from '../disputes/rules/index.ts';
import { submitScreeningReport } from '../disputes/screening.commands.ts';
import { inTransaction } from './seed-decisions-demo.ts';

type StaffName = 'wangge' | 'shuji' | 'tiaojie';

/**
 * Demo disputes (矛盾纠纷) and weekly screening reports in 百步亭花园社区, relative to `now`, made through
 * the real commands: the last three complete weeks reported by every grid but one (which missed last
 * week), some of them zero reports; a neighbours' dispute settled at the second grid attempt with a
 * signed agreement and a follow-up visit (the portal demo resident 13800000001 is its applicant); a
 * property dispute at the community office after three failed grid attempts (三三制); a high-risk
 * wage dispute flagged as a possible petition; a fresh tenancy dispute on the 004 diversion ladder.
 * Deterministic: fixed texts and times, grids and residents in a fixed order.
 */
export async function seedDisputesDemo(tx: Db, input: { districtId: string; now: Date }): Promise<void> {
  const { districtId, now } = input;
  const db = inTransaction(tx);
  const community = await tx.selectFrom('org_node').select(['id', 'path']).where('district_id', '=', districtId).where('kind', '=', 'community').where('name', '=', '百步亭花园社区').executeTakeFirst();
  const accounts = await tx.selectFrom('account').select(['id', 'username', 'display_name']).where('district_id', '=', districtId).where('username', 'in', ['wangge', 'shuji', 'tiaojie']).execute();
  if (!community || accounts.length < 3) return;
  const grids = await tx.selectFrom('org_node').select(['id', 'name', 'path']).where('district_id', '=', districtId).where('kind', '=', 'grid').where('path', 'like', `${community.path}%`).orderBy('name').orderBy('id').execute();
  const firstGrid = grids[0];
  if (!firstGrid) return;
  const staff = (name: StaffName): StaffActor => {
    const a = accounts.find((x) => x.username === name);
    return { kind: 'staff', id: a?.id ?? '', districtId, username: name, displayName: a?.display_name ?? name, mustChangePassword: false, bindings: [] };
  };
  const idOf = (name: StaffName) => staff(name).id;
  const ctx = (name: StaffName, at: Date) => ({ actor: staff(name), ip: '127.0.0.1', now: at });
  const today = chinaDate(now);
  const dayAt = (daysAgo: number, hour: number) => new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, '0')}:00:00+08:00`);

  // ---- screening: the last three complete weeks; the last grid missed last week ----
  const thisMonday = weekOf(today).start;
  for (let w = 3; w >= 1; w--) {
    const monday = addDays(thisMonday, -7 * w);
    const sunday = addDays(monday, 6);
    for (const [i, grid] of grids.entries()) {
      if (w === 1 && i === grids.length - 1 && grids.length > 1) continue;
      const found = (i + w) % 3 === 0 ? 1 + ((i + w) % 2) : 0;
      await submitScreeningReport(db, ctx(i === 0 ? 'wangge' : 'shuji', new Date(`${sunday}T17:00:00+08:00`)), {
        gridId: grid.id,
        week: monday,
        disputes: found,
        zeroReport: found === 0,
        ...(found > 0 ? { items: Array.from({ length: found }, (_, k) => ({ summary: k === 0 ? '邻里之间因楼道堆物发生口角' : '业主与物业因停车收费有争议' })) } : { note: '本周走访未发现矛盾纠纷' }),
      });
    }
  }

  // ---- disputes ----
  const portalResident = await tx.selectFrom('resident').select(['id', 'name', 'household_id', 'node_path']).where('district_id', '=', districtId).where('phone', '=', '13800000001').executeTakeFirst();
  const people = await tx.selectFrom('resident').select(['id', 'name', 'household_id']).where('district_id', '=', districtId).where('node_path', 'like', `${firstGrid.path}%`).where('status', '=', 'present').where('birth_date', '<=', '2000-01-01').orderBy('id_number').limit(6).execute();
  const neighbour = people.find((p) => p.id !== portalResident?.id);
  const attempt = (level: string, at: Date, outcome: AttemptCommand['outcome'], record: string, mediators: StaffName[] = ['wangge']): AttemptCommand => ({ level, at: at.toISOString(), mediatorIds: mediators.map(idOf), method: 'five_hearts', record, outcome });

  // 1. Settled at the second grid attempt; agreement signed; one follow-up visit.
  const leak = await registerDispute(db, ctx('wangge', dayAt(20, 10)), {
    nodeId: portalResident?.household_id ?? firstGrid.id,
    type: 'neighbour',
    summary: '楼上卫生间漏水渗到楼下天花板，双方就维修和赔偿有争议',
    riskLevel: 'low',
    source: 'grid_visit',
    parties: [
      portalResident ? { role: 'applicant', name: portalResident.name, residentId: portalResident.id } : { role: 'applicant', name: '李桂芳' },
      neighbour ? { role: 'respondent', name: neighbour.name, residentId: neighbour.id } : { role: 'respondent', name: '王建国' },
    ],
  });
  await recordMediation(db, ctx('wangge', dayAt(19, 15)), leak, attempt('grid', dayAt(19, 15), 'failed', '网格员上门查看漏水情况，楼上住户认为漏水不是自家造成，双方情绪激动，约定请物业检测后再谈。'));
  await recordMediation(db, ctx('wangge', dayAt(16, 10)), leak, attempt('grid', dayAt(16, 10), 'settled', '物业检测确认为楼上卫生间防水层老化。网格员与调解员耐心疏导，楼上住户同意维修防水并承担楼下天花板修复费用。', ['wangge', 'tiaojie']));
  await drawUpAgreement(db, ctx('tiaojie', dayAt(16, 11)), leak, {
    facts: '被申请人家卫生间防水层老化，漏水渗至申请人家卫生间天花板，造成吊顶霉变脱落。',
    issues: '漏水原因、维修责任及申请人家天花板修复费用的承担。',
    responsibilities: '经物业检测，漏水系被申请人家卫生间防水层老化所致，被申请人应承担维修责任。',
    terms: '一、被申请人于十五日内重做卫生间防水；二、被申请人承担申请人家天花板修复费用人民币捌佰元整；三、双方今后互相谅解，和睦相处。',
    performance: '防水工程完工后三日内，被申请人以现金或转账方式一次性向申请人支付修复费用捌佰元，网格员见证。',
  });
  await signAgreement(db, ctx('tiaojie', dayAt(15, 10)), leak, { signedOn: addDays(today, -15) });
  await recordFollowUp(db, ctx('wangge', dayAt(3, 10)), leak, { on: addDays(today, -3), performance: 'performed', note: '防水已重做，修复费用已付清，双方关系融洽。' });

  // 2. 三三制: three failed grid attempts → the community office (综治办) mediates now.
  const parking = await registerDispute(db, ctx('wangge', dayAt(18, 9)), {
    nodeId: firstGrid.id,
    type: 'property_management',
    summary: '多名业主与物业因地面停车费上涨发生争议，拒交物业费',
    riskLevel: 'medium',
    source: 'screening',
    parties: [
      { role: 'applicant', name: people[1]?.name ?? '张志强', ...(people[1] ? { residentId: people[1].id } : {}) },
      { role: 'respondent', name: '百步亭物业服务中心' },
    ],
  });
  const parkingRecords = ['网格员召集业主代表和物业座谈，物业坚持按新标准收费，业主不接受。', '网格员第二次协调，物业同意公示成本测算，业主仍认为涨幅过大。', '网格员第三次协调未果，业主表示将集体拒交物业费，报社区综治办。'];
  for (const [i, record] of parkingRecords.entries()) {
    await recordMediation(db, ctx('wangge', dayAt(17 - 4 * i, 16)), parking, attempt('grid', dayAt(17 - 4 * i, 16), 'failed', record));
  }
  // 指派调解员: the community names the people's mediator who leads it at its level.
  await assignDisputeMediator(db, ctx('shuji', dayAt(5, 9)), parking, idOf('tiaojie'), { role: 'lead', note: '由社区人民调解员牵头，综治办协调物业公示成本测算' });

  // 3. High risk with a petition flag (may turn into a petition).
  const wages = await registerDispute(db, ctx('shuji', dayAt(6, 14)), {
    nodeId: community.id,
    type: 'labour',
    summary: '小区外墙翻新工程十余名务工人员被拖欠工资，扬言到区政府上访',
    riskLevel: 'high',
    warningFlags: ['petition', 'group_incident'],
    source: 'walk_in',
    parties: [
      { role: 'applicant', name: '赵德明' },
      { role: 'applicant', name: '钱小军' },
      { role: 'respondent', name: '武汉某建筑劳务公司' },
    ],
  });
  await recordMediation(db, ctx('tiaojie', dayAt(4, 10)), wages, attempt('grid', dayAt(4, 10), 'failed', '调解员与网格员约见劳务公司负责人，对方以总包未结款为由拒绝支付，务工人员情绪激动。', ['tiaojie', 'wangge']));

  // 4. A fresh tenancy dispute on the 004 diversion ladder (协管员入户 → 社区 → 街道调解中心).
  await registerDispute(db, ctx('wangge', dayAt(1, 9)), {
    nodeId: firstGrid.id,
    type: 'tenancy',
    summary: '租客提前退租，房东拒退押金',
    riskLevel: 'low',
    source: 'walk_in',
    ladderCode: 'diversion_004',
    parties: [
      { role: 'applicant', name: people[2]?.name ?? '孙丽', ...(people[2] ? { residentId: people[2].id } : {}) },
      { role: 'respondent', name: '周国华' },
    ],
  });
}
