import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { accountId, auditCount, nodeByName, nodeOfAccount } from '../support/lookups.ts';
import { foreignRecords, sweepCases } from '../sweep/disputes.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachEngine('disputes (矛盾纠纷): screening, ladder, agreement, confidentiality, one card, figures', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const users = ['wangge', 'shuji', 'liangwei', 'jiandu', 'tiaojie', 'jiedao', 'wangge2'] as const;
  type User = (typeof users)[number];
  let community: { id: string; path: string };
  let grids: { id: string; name: string; path: string }[];
  let wanggeGrid: { id: string; path: string };
  const ids: Record<string, string> = {};

  async function moveClockTo(iso: string): Promise<void> {
    t.clock.now = new Date(iso);
    for (const u of users) cookies[u] = await t.login(u);
  }
  const as = (u: User) => cookies[u] ?? '';
  const call = (u: User, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => t.call(method, url, { cookie: as(u), ...(body === undefined ? {} : { body }) });
  const register = (u: User, body: Json) => call(u, 'POST', '/api/disputes', { type: 'neighbour', summary: '楼道堆物引发口角', riskLevel: 'low', source: 'walk_in', parties: [{ role: 'applicant', name: '陈建华' }, { role: 'respondent', name: '林小梅' }], ...body });
  const attempt = (u: User, id: string, body: Json) => call(u, 'POST', `/api/disputes/${id}/attempts`, { method: 'five_hearts', record: '调解经过：双方陈述，调解员释法说理。', outcome: 'failed', ...body });

  async function residentLogin(phone: string): Promise<string> {
    expect((await t.call('POST', '/api/portal/login/code', { body: { phone } })).statusCode).toBe(200);
    const admin = await t.login('admin');
    const outbox = await t.call('GET', '/api/outbox', { cookie: admin });
    const message = outbox.json().items.filter((m: { phone: string }) => m.phone === phone).sort((a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at))[0];
    const code = /(\d{6})/.exec(message?.body ?? '')?.[1];
    const res = await t.call('POST', '/api/portal/login', { body: { phone, code } });
    expect(res.statusCode).toBe(200);
    return `gz_session=${res.cookies.find((c) => c.name === 'gz_session')?.value}`;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    await moveClockTo('2026-09-28T09:00:00+08:00'); // a Monday
    const db = t.database.db;
    community = await nodeByName(db, '百步亭花园社区', 'community');
    wanggeGrid = await nodeOfAccount(db, 'wangge');
    grids = await db.selectFrom('org_node').select(['id', 'name', 'path']).where('kind', '=', 'grid').where('path', 'like', `${community.path}%`).orderBy('name').execute();
    ids.wangge = await accountId(db, 'wangge');
    ids.tiaojie = await accountId(db, 'tiaojie');
    ids.shuji = await accountId(db, 'shuji');
  });
  afterAll(async () => t?.close());

  it('screening: weekly reports with zero reports, corrections keep the first submitter, missing grids, ten-day and monthly summaries, figures', async () => {
    const others = grids.filter((g) => g.id !== wanggeGrid.id);
    expect(others.length).toBeGreaterThanOrEqual(3);
    const report = (u: User, gridId: string, week: string, disputes: number, extra: Json = {}) => call(u, 'POST', '/api/disputes/screening/reports', { gridId, week, disputes, zeroReport: disputes === 0, ...extra });

    // A zero report must say so; a found count must not claim to be zero.
    const unclear = await call('wangge', 'POST', '/api/disputes/screening/reports', { gridId: wanggeGrid.id, week: '2026-09-01', disputes: 0 });
    expect(unclear.statusCode).toBe(400);
    expect(unclear.json().code).toBe('DISPUTE_SCREENING_ZERO_MISMATCH');
    expect(unclear.json().message).toContain('零报告');
    expect((await report('wangge', wanggeGrid.id, '2026-10-05', 0)).json().code).toBe('DISPUTE_SCREENING_FUTURE_WEEK');
    expect((await report('wangge', community.id, '2026-09-01', 0)).statusCode).toBe(403); // not his grid (outside scope)
    expect((await report('shuji', community.id, '2026-09-01', 0)).json().code).toBe('DISPUTE_SCREENING_NOT_GRID');
    expect((await report('wangge', others[0]?.id ?? '', '2026-09-01', 0)).statusCode).toBe(403);

    // September 2026 (weeks whose Sunday is in September: Aug 31, Sep 7, 14, 21).
    // wangge's grid: all four weeks, two of them zero reports, found 2 + 1.
    for (const [week, n] of [['2026-09-02', 2], ['2026-09-07', 0], ['2026-09-18', 1], ['2026-09-21', 0]] as const) {
      const res = await report('wangge', wanggeGrid.id, week, n, n > 0 ? { items: [{ summary: '邻里噪音' }] } : {});
      expect(res.statusCode).toBe(200);
    }
    // others[0]: three weeks (missing Sep 14), one zero; others[1]: only Aug 31 found 3; the rest: nothing.
    for (const [week, n] of [['2026-08-31', 1], ['2026-09-07', 0], ['2026-09-21', 1]] as const) expect((await report('shuji', others[0]?.id ?? '', week, n)).statusCode).toBe(200);
    const first = await report('shuji', others[1]?.id ?? '', '2026-08-31', 1);
    expect(first.json()).toMatchObject({ revision: 1, week: '2026-08-31', weekEnd: '2026-09-06', zeroReport: false });

    // A correction the same week: latest content, first submitter kept, revision counted.
    await moveClockTo('2026-09-28T10:00:00+08:00');
    const corrected = await report('wangge', others[1]?.id ?? '', '2026-09-03', 3).then(() => report('shuji', others[1]?.id ?? '', '2026-09-03', 3));
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ id: first.json().id, week: '2026-08-31', disputes: 3, revision: 2, firstSubmittedBy: { id: ids.shuji }, submittedBy: { id: ids.shuji } });
    expect(corrected.json().firstSubmittedAt).toBe('2026-09-28T01:00:00.000Z');
    expect(corrected.json().submittedAt).toBe('2026-09-28T02:00:00.000Z');

    // The week of Sep 14: wangge's grid reported 1, others[0] missing, others[1] missing …
    const week = await call('liangwei', 'GET', `/api/disputes/screening/week?nodeId=${community.id}&week=2026-09-16`);
    expect(week.statusCode).toBe(200);
    expect(week.json().week).toMatchObject({ start: '2026-09-14', end: '2026-09-20' });
    expect(week.json().counts).toEqual({ grids: grids.length, reported: 1, zero: 0, missing: grids.length - 1, disputes: 1 });
    expect(week.json().grids[0].state).toBe('missing'); // missing first
    expect(week.json().grids.find((g: Json) => g.gridId === wanggeGrid.id)).toMatchObject({ state: 'reported', report: { disputes: 1 } });
    const zeroWeek = await call('shuji', 'GET', `/api/disputes/screening/week?nodeId=${community.id}&week=2026-09-07`);
    expect(zeroWeek.json().counts).toMatchObject({ reported: 2, zero: 2, missing: grids.length - 2, disputes: 0 });
    expect(zeroWeek.json().grids.filter((g: Json) => g.state === 'zero').map((g: Json) => g.gridId).sort()).toEqual([wanggeGrid.id, others[0]?.id].sort());
    // A grid worker's default is his own grid.
    const mine = await call('wangge', 'GET', '/api/disputes/screening/week?week=2026-09-21');
    expect(mine.json().grids).toHaveLength(1);
    expect(mine.json().counts).toMatchObject({ grids: 1, reported: 1, zero: 1 });

    // 九月中旬 (Sep 11–20): the weeks ending Sep 13 and Sep 20.
    const tenDay = await call('shuji', 'GET', `/api/disputes/screening/summary?nodeId=${community.id}&kind=ten_day&date=2026-09-15`);
    expect(tenDay.statusCode).toBe(200);
    expect(tenDay.json().period).toEqual({ start: '2026-09-11', end: '2026-09-20', label: '2026年9月中旬' });
    expect(tenDay.json().weeks).toEqual(['2026-09-07', '2026-09-14']);
    expect(tenDay.json().totals).toEqual({ grids: grids.length, weeksDue: 2 * grids.length, weeksReported: 3, zeroReports: 2, disputes: 1, missingReports: 2 * grids.length - 3, gridsComplete: 1 });
    const month = await call('shuji', 'GET', `/api/disputes/screening/summary?nodeId=${community.id}&kind=month&date=2026-09-30`);
    expect(month.json().period.label).toBe('2026年9月');
    expect(month.json().weeks).toEqual(['2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21']);
    expect(month.json().totals).toEqual({ grids: grids.length, weeksDue: 4 * grids.length, weeksReported: 8, zeroReports: 3, disputes: 3 + 2 + 3, missingReports: 4 * grids.length - 8, gridsComplete: 1 });
    expect(month.json().rows.find((r: Json) => r.gridId === others[0]?.id)).toMatchObject({ weeksReported: 3, zeroReports: 1, disputes: 2, missingWeeks: ['2026-09-14'] });

    // The same numbers in the figures (grid-weeks whose Sunday lies in the period).
    const figures = await call('jiedao', 'GET', `/api/disputes/figures?nodeId=${community.id}&from=2026-09-01&to=2026-09-30`);
    expect(figures.statusCode).toBe(200);
    expect(figures.json().total.screening).toEqual({ due: 4 * grids.length, made: 8, zero: 3, missing: 4 * grids.length - 8 });
    expect(figures.json().rows).toHaveLength(grids.length);
    expect(figures.json().rows.find((r: Json) => r.nodeId === wanggeGrid.id).screening).toEqual({ due: 4, made: 4, zero: 2, missing: 0 });

    // Another community's grid worker sees none of it.
    expect((await call('wangge2', 'GET', `/api/disputes/screening/week?nodeId=${community.id}`)).json().code).toBe('FORBIDDEN_SCOPE');
  });

  it('a dispute climbs 三三制 3×3 through HTTP: the fourth attempt, an attempt without outcome and escalation past the top are refused; then it is referred out and tracked on one card', async () => {
    await moveClockTo('2026-09-29T09:00:00+08:00');
    const made = await register('wangge', { nodeId: wanggeGrid.id, type: 'property_management', riskLevel: 'medium' });
    expect(made.statusCode).toBe(201);
    const d = made.json();
    expect(d).toMatchObject({ status: 'mediating', ladderCode: 'three_by_three', ladderName: '三三制', level: { key: 'grid', name: '网格调解', attemptsUsed: 0, maxAttempts: 3 }, nextStep: { kind: 'try_again', attemptsLeft: 3 } });
    expect(d.number).toMatch(/^纠2026-\d{4}$/);
    const id: string = d.id;

    const noOutcome = await attempt('wangge', id, { level: 'grid', at: '2026-09-29', mediatorIds: [ids.wangge], outcome: undefined });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json()).toMatchObject({ code: 'DISPUTE_OUTCOME_REQUIRED' });
    expect(noOutcome.json().message).toContain('调解结果');
    const noMediator = await attempt('wangge', id, { level: 'grid', at: '2026-09-29', mediatorIds: [] });
    expect(noMediator.json().code).toBe('DISPUTE_MEDIATOR_REQUIRED');
    const custom = await attempt('wangge', id, { level: 'grid', at: '2026-09-29', mediatorIds: [ids.wangge], method: 'custom' });
    expect(custom.json().code).toBe('DISPUTE_METHOD_NOTE_REQUIRED');
    const wrongLevel = await attempt('wangge', id, { level: 'comprehensive_office', at: '2026-09-29', mediatorIds: [ids.wangge] });
    expect(wrongLevel.statusCode).toBe(409);
    expect(wrongLevel.json().code).toBe('DISPUTE_WRONG_LEVEL');
    expect((await attempt('wangge', id, { level: 'grid', at: '2026-10-05', mediatorIds: [ids.wangge] })).json().code).toBe('DISPUTE_ATTEMPT_IN_FUTURE');

    for (const n of [1, 2, 3]) {
      const res = await attempt('wangge', id, { level: 'grid', at: n === 1 ? '2026-09-29T08:00:00+08:00' : '2026-09-29', mediatorIds: [ids.wangge] });
      expect(res.statusCode, res.body).toBe(200);
    }
    const afterGrid = (await call('wangge', 'GET', `/api/disputes/${id}`)).json();
    expect(afterGrid).toMatchObject({ status: 'mediating', attempts: 3, level: { key: 'comprehensive_office', attemptsUsed: 0 }, nextStep: { kind: 'moved_up', attemptsLeft: 3 } });
    expect(afterGrid.escalations).toMatchObject([{ fromLevel: 'grid', toLevel: 'comprehensive_office', early: false }]);

    const fourth = await attempt('wangge', id, { level: 'grid', at: '2026-09-29', mediatorIds: [ids.wangge] });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().code).toBe('DISPUTE_LEVEL_ATTEMPTS_EXHAUSTED');
    expect(fourth.json().message).toContain('不能进行第 4 次');

    for (const level of ['comprehensive_office', 'mediation_committee']) {
      for (let n = 0; n < 3; n++) {
        if (level === 'mediation_committee' && n === 0) {
          const past = await call('tiaojie', 'POST', `/api/disputes/${id}/escalate`, { reason: '双方分歧大' });
          expect(past.statusCode).toBe(409);
          expect(past.json().code).toBe('DISPUTE_ALREADY_AT_TOP');
        }
        const res = await attempt('tiaojie', id, { level, at: '2026-09-29', mediatorIds: [ids.tiaojie] });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const exhausted = (await call('tiaojie', 'GET', `/api/disputes/${id}`)).json();
    expect(exhausted).toMatchObject({ status: 'exhausted', attempts: 9, nextStep: { kind: 'refer_out' } });
    const tenth = await attempt('tiaojie', id, { level: 'mediation_committee', at: '2026-09-29', mediatorIds: [ids.tiaojie] });
    expect(tenth.statusCode).toBe(409);
    expect(tenth.json().code).toBe('DISPUTE_LADDER_EXHAUSTED');
    expect((await call('tiaojie', 'POST', `/api/disputes/${id}/escalate`, { reason: '再提级' })).json().code).toBe('DISPUTE_CLOSED');

    const referred = await call('tiaojie', 'POST', `/api/disputes/${id}/referral`, { target: 'court', reason: '三级调解均未成功，引导当事人向人民法院起诉' });
    expect(referred.statusCode).toBe(200);
    expect(referred.json()).toMatchObject({ status: 'referred', referral: { target: 'court', targetLabel: '人民法院（诉讼）' }, nextStep: { kind: 'track_referral' } });
    const update = await call('wangge', 'POST', `/api/disputes/${id}/referral/updates`, { note: '当事人已向区人民法院起诉，法院已立案' });
    expect(update.json().status).toBe('referred');
    const done = await call('wangge', 'POST', `/api/disputes/${id}/referral/updates`, { note: '法院判决已生效', result: '法院判决物业退还多收停车费' });
    expect(done.json()).toMatchObject({ status: 'closed', closed: { outcome: 'referral_concluded' }, onWarningList: false });

    // 一卡通: every step in order with the body that handled it; the street officer sees it through the street.
    const card = await call('jiedao', 'GET', `/api/disputes/${id}/card`);
    expect(card.statusCode).toBe(200);
    const steps: Json[] = card.json().steps;
    expect(steps.map((s) => s.kind)).toEqual(['registered', 'attempt', 'attempt', 'attempt', 'escalated', 'attempt', 'attempt', 'attempt', 'escalated', 'attempt', 'attempt', 'attempt', 'referred', 'referral_update', 'referral_update', 'closed']);
    const gridName = grids.find((g) => g.id === wanggeGrid.id)?.name;
    expect(steps[1]?.body).toEqual({ level: 'grid', name: '网格调解', nodeName: gridName });
    expect(steps[5]?.body).toEqual({ level: 'comprehensive_office', name: '社区综治办调解', nodeName: '百步亭花园社区' });
    expect(steps[9]?.body).toEqual({ level: 'mediation_committee', name: '人民调解委员会调解', nodeName: '百步亭花园社区' });
    expect(steps[12]?.body.name).toBe('人民法院（诉讼）');
    expect(steps[3]?.title).toBe('「网格调解」第 3 次调解：调解不成功');
    expect(card.json().confidential).toBe(false); // the street officer holds dispute.supervise
    expect(steps[1]?.detail).toContain('调解经过');
  });

  it('early escalation with a reason on the 004 ladder; a reason is required', async () => {
    const made = await register('wangge', { nodeId: wanggeGrid.id, ladderCode: 'diversion_004', type: 'tenancy' });
    const id = made.json().id;
    expect(made.json().level).toMatchObject({ key: 'assistant_home_visit', name: '协管员入户调解' });
    expect((await call('wangge', 'POST', `/api/disputes/${id}/escalate`, { reason: ' ' })).json().code).toBe('DISPUTE_REASON_REQUIRED');
    const up = await call('wangge', 'POST', `/api/disputes/${id}/escalate`, { reason: '涉及多户，需社区统一协调' });
    expect(up.json()).toMatchObject({ level: { key: 'community' }, escalations: [{ early: true, reason: '涉及多户，需社区统一协调' }] });
    expect((await register('wangge', { nodeId: wanggeGrid.id, ladderCode: 'nope' })).json().code).toBe('DISPUTE_LADDER_UNKNOWN');
    expect((await register('wangge', { nodeId: wanggeGrid.id, type: 'other' })).json().code).toBe('DISPUTE_TYPE_NOTE_REQUIRED');
    const noApplicant = await register('wangge', { nodeId: wanggeGrid.id, parties: [{ role: 'respondent', name: '某人' }] });
    expect(noApplicant.json().code).toBe('DISPUTE_APPLICANT_REQUIRED');
    expect((await register('wangge', { nodeId: community.id })).statusCode).toBe(403); // above the grid worker's scope
    const NONE = '00000000-0000-4000-8000-000000000000';
    expect((await register('wangge', { nodeId: wanggeGrid.id, screeningReportId: NONE })).json().code).toBe('DISPUTE_SCREENING_REPORT_UNKNOWN');
    expect((await register('wangge', { nodeId: wanggeGrid.id, demandId: NONE })).statusCode).toBe(404);
  });

  it('a settled attempt yields an agreement: A4 PDF for signing, judicial window = effective date + 30 days, follow-ups; records are confidential; the party sees it on the portal', async () => {
    await moveClockTo('2026-10-08T09:00:00+08:00');
    const db = t.database.db;
    const party = await db.selectFrom('resident').select(['id', 'name', 'household_id']).where('phone', '=', '13800000003').executeTakeFirstOrThrow();
    const made = await register('shuji', { nodeId: party.household_id, parties: [{ role: 'applicant', name: party.name, residentId: party.id, ethnicity: '汉族' }, { role: 'respondent', name: '林小梅', phone: '13912345678', gender: 'female', age: 52 }] });
    expect(made.statusCode, made.body).toBe(201);
    const id: string = made.json().id;
    expect(made.json().parties[0]).toMatchObject({ name: party.name, residentId: party.id });
    expect(made.json().parties[1].phone).toBe('139****5678');

    expect((await call('tiaojie', 'PUT', `/api/disputes/${id}/agreement`, { facts: 'a', issues: 'b', responsibilities: 'c', terms: 'd', performance: 'e' })).json().code).toBe('DISPUTE_NOT_SETTLED');
    const settled = await attempt('tiaojie', id, { level: 'grid', at: '2026-10-08', mediatorIds: [ids.tiaojie, ids.wangge], outcome: 'settled', record: '调解经过：双方各让一步，当场达成一致。' });
    expect(settled.json()).toMatchObject({ status: 'settled', nextStep: { kind: 'draw_up_agreement' } });
    const drawn = await call('tiaojie', 'PUT', `/api/disputes/${id}/agreement`, { facts: '林小梅在楼道长期堆放纸箱杂物。', issues: '楼道杂物是否清理及火灾隐患。', responsibilities: '被申请人占用公共楼道，应负主要责任。', terms: '被申请人三日内清理楼道杂物，今后不再堆放。', performance: '三日内自行清理，网格员上门查看。' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json().agreement).toMatchObject({ attemptNumber: 1, copies: 3, signedOn: null, judicialDeadline: null, mediators: [{ id: ids.tiaojie }, { id: ids.wangge }], terms: '被申请人三日内清理楼道杂物，今后不再堆放。' });

    const pdf = await call('tiaojie', 'GET', `/api/disputes/${id}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);

    expect((await call('tiaojie', 'POST', `/api/disputes/${id}/follow-ups`, { on: '2026-10-08', performance: 'performed' })).json().code).toBe('DISPUTE_AGREEMENT_NOT_SIGNED');
    expect((await call('tiaojie', 'POST', `/api/disputes/${id}/agreement/sign`, { signedOn: '2026-10-09' })).json().code).toBe('DISPUTE_DATE_IN_FUTURE');
    const signed = await call('tiaojie', 'POST', `/api/disputes/${id}/agreement/sign`, { signedOn: '2026-10-08' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().agreement).toMatchObject({ signedOn: '2026-10-08', effectiveOn: '2026-10-08', judicialDeadline: '2026-11-07' });
    expect(signed.json().judicialDeadline).toBe('2026-11-07');
    expect((await call('tiaojie', 'PUT', `/api/disputes/${id}/agreement`, { facts: 'a', issues: 'b', responsibilities: 'c', terms: 'd', performance: 'e' })).json().code).toBe('DISPUTE_AGREEMENT_SIGNED');
    const applied = await call('tiaojie', 'POST', `/api/disputes/${id}/agreement/judicial`, { status: 'applied', on: '2026-10-08', court: '江岸区人民法院' });
    expect(applied.json().agreement.judicial).toMatchObject({ status: 'applied', statusLabel: '已申请', court: '江岸区人民法院' });
    const visit = await call('wangge', 'POST', `/api/disputes/${id}/follow-ups`, { on: '2026-10-08', performance: 'performed', note: '杂物已清理' });
    expect(visit.json().followUps).toMatchObject([{ performance: 'performed', visitors: [{ id: ids.wangge }], note: '杂物已清理' }]);
    expect(visit.json().nextStep.kind).toBe('follow_up');

    // Confidentiality: a committee member (dispute.read only) sees the card, not the records.
    const committee = await call('liangwei', 'GET', `/api/disputes/${id}`);
    expect(committee.statusCode).toBe(200);
    const c = committee.json();
    expect(c).toMatchObject({ confidential: true, canSeeRecords: false, status: 'settled', type: 'neighbour' });
    expect(c.attemptsList[0]).not.toHaveProperty('record');
    expect(c.agreement).not.toHaveProperty('terms');
    expect(c.agreement.judicialDeadline).toBe('2026-11-07');
    expect(c.followUps[0]).not.toHaveProperty('note');
    expect(c.parties[0].name).not.toBe(party.name);
    expect(c.parties[0].name.startsWith([...party.name][0] ?? '')).toBe(true);
    expect(c.parties[1]).not.toHaveProperty('idNumber');
    expect(committee.body).not.toContain('双方各让一步');
    expect(committee.body).not.toContain('今后不再堆放');
    const committeeCard = await call('jiandu', 'GET', `/api/disputes/${id}/card`);
    expect(committeeCard.json().confidential).toBe(true);
    expect(committeeCard.body).not.toContain('双方各让一步');
    expect((await call('liangwei', 'GET', `/api/disputes/${id}/agreement.pdf`)).json().code).toBe('DISPUTE_RECORDS_CONFIDENTIAL');
    const list = await call('liangwei', 'GET', '/api/disputes?pageSize=100');
    expect(list.json().items.find((x: Json) => x.id === id).partyNames).not.toContain(party.name);

    // The mediator sees the records, unaudited; the secretary (dispute.supervise) sees them and it is audited.
    const views = await auditCount(db, 'dispute.view_records');
    const mediator = await call('tiaojie', 'GET', `/api/disputes/${id}`);
    expect(mediator.json()).toMatchObject({ confidential: false, attemptsList: [{ record: '调解经过：双方各让一步，当场达成一致。' }] });
    expect(await auditCount(db, 'dispute.view_records')).toBe(views);
    const secretary = await call('shuji', 'GET', `/api/disputes/${id}`);
    expect(secretary.json()).toMatchObject({ confidential: false, agreement: { terms: '被申请人三日内清理楼道杂物，今后不再堆放。' } });
    expect(secretary.json().parties[0].name).toBe(party.name);
    expect(await auditCount(db, 'dispute.view_records')).toBe(views + 1);
    const entry = await db.selectFrom('audit_log').select(['entity_id', 'actor_id']).where('action', '=', 'dispute.view_records').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toEqual({ entity_id: id, actor_id: ids.shuji });

    // Another community's grid worker (dispute.read there): 403 outside the scope, 404 unknown.
    expect((await call('wangge2', 'GET', `/api/disputes/${id}`)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await call('wangge2', 'GET', `/api/disputes/${id}/card`)).json().code).toBe('FORBIDDEN_SCOPE');
    expect((await call('wangge2', 'GET', '/api/disputes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('wangge2', 'GET', '/api/disputes?pageSize=100')).body).not.toContain(id);

    // The party sees their own dispute with the agreement; another resident gets 404.
    const partyCookie = await residentLogin('13800000003');
    const mine = await t.call('GET', '/api/portal/disputes', { cookie: partyCookie });
    expect(mine.json().items.find((x: Json) => x.id === id)).toMatchObject({ status: 'settled', agreement: { terms: '被申请人三日内清理楼道杂物，今后不再堆放。', judicialDeadline: '2026-11-07' } });
    const partyPdf = await t.call('GET', `/api/portal/disputes/${id}/agreement.pdf`, { cookie: partyCookie });
    expect(partyPdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const stranger = await residentLogin('13800000004');
    expect((await t.call('GET', `/api/portal/disputes/${id}`, { cookie: stranger })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/portal/disputes/${id}/agreement.pdf`, { cookie: stranger })).statusCode).toBe(404);

    // Closing needs an outcome.
    await moveClockTo('2026-10-09T09:00:00+08:00');
    const noOutcome = await call('wangge', 'POST', `/api/disputes/${id}/close`, {});
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().code).toBe('DISPUTE_OUTCOME_REQUIRED');
    expect(noOutcome.json().message).toContain('结案情况');
    const closed = await call('wangge', 'POST', `/api/disputes/${id}/close`, { outcome: 'performed' });
    expect(closed.json()).toMatchObject({ status: 'closed', nextStep: { kind: 'done' } });
    expect((await call('wangge', 'POST', `/api/disputes/${id}/close`, { outcome: 'performed' })).json().code).toBe('DISPUTE_CLOSED');
  });

  it('judicial confirmation after the 30-day window is refused', async () => {
    await moveClockTo('2026-11-20T09:00:00+08:00');
    const id = (await register('wangge', { nodeId: wanggeGrid.id })).json().id;
    await attempt('wangge', id, { level: 'grid', at: '2026-10-01', mediatorIds: [ids.wangge], outcome: 'settled' });
    await call('wangge', 'PUT', `/api/disputes/${id}/agreement`, { facts: 'a', issues: 'b', responsibilities: 'c', terms: 'd', performance: 'e', copies: 2 });
    const signed = await call('wangge', 'POST', `/api/disputes/${id}/agreement/sign`, { signedOn: '2026-10-01', effectiveOn: '2026-10-02' });
    expect(signed.json().agreement.judicialDeadline).toBe('2026-11-01');
    const late = await call('wangge', 'POST', `/api/disputes/${id}/agreement/judicial`, { status: 'applied', on: '2026-11-20' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('DISPUTE_JUDICIAL_WINDOW_PASSED');
  });

  it('warning list and figures on disputes the test creates', async () => {
    await moveClockTo('2026-10-12T09:00:00+08:00');
    const grid = grids.filter((g) => g.id !== wanggeGrid.id)[2];
    if (!grid) throw new Error('need a third grid');
    const a = (await register('shuji', { nodeId: grid.id })).json().id;
    const b = (await register('shuji', { nodeId: grid.id, riskLevel: 'medium' })).json().id;
    const c = (await register('shuji', { nodeId: grid.id, riskLevel: 'medium', warningFlags: ['petition'] })).json().id;
    const mediate = (id: string, outcome: string) => attempt('tiaojie', id, { level: 'grid', at: '2026-10-12', mediatorIds: [ids.tiaojie], outcome });
    expect((await mediate(a, 'settled')).statusCode).toBe(200);
    expect((await mediate(b, 'failed')).statusCode).toBe(200);
    expect((await mediate(c, 'refused')).json()).toMatchObject({ status: 'exhausted', onWarningList: true });
    expect((await call('tiaojie', 'POST', `/api/disputes/${c}/referral`, { target: 'petition_office', reason: '当事人坚持信访' })).json().status).toBe('referred');
    const raised = await call('shuji', 'POST', `/api/disputes/${b}/risk`, { riskLevel: 'high', warningFlags: ['violence'], reason: '当事人扬言报复' });
    expect(raised.json()).toMatchObject({ riskLevel: 'high', warningFlags: ['violence'], warningLabels: ['民转刑苗头'], onWarningList: true });

    const warnings = await call('jiedao', 'GET', `/api/disputes?nodeId=${grid.id}&warning=1`);
    expect(warnings.json().items.map((x: Json) => x.id).sort()).toEqual([b, c].sort());
    expect((await call('wangge2', 'GET', `/api/disputes?nodeId=${grid.id}`)).json().code).toBe('FORBIDDEN_SCOPE');

    const figures = await call('shuji', 'GET', `/api/disputes/figures?nodeId=${grid.id}&from=2026-10-12&to=2026-10-12`);
    expect(figures.statusCode).toBe(200);
    expect(figures.json().rows).toHaveLength(1);
    expect(figures.json().total).toMatchObject({ registered: 3, mediated: 3, attempts: 3, settled: 1, concluded: 2, successRate: { numerator: 1, denominator: 2, display: '50.0%' }, referred: 1, warning: 2, screening: { due: 0, made: 0, zero: 0, missing: 0 } });
    const community = await call('shuji', 'GET', `/api/disputes/figures?from=2026-10-12&to=2026-10-12`);
    expect(community.json().node.name).toBe('百步亭花园社区');
    expect(community.json().rows.find((r: Json) => r.nodeId === grid.id)).toMatchObject({ registered: 3, settled: 1 });
    expect(community.json().definitions.map((d: Json) => d.code)).toContain('mediation_success_rate');
    const before = await call('shuji', 'GET', `/api/disputes/figures?nodeId=${grid.id}&from=2026-10-01&to=2026-10-11`);
    expect(before.json().total).toMatchObject({ registered: 0, settled: 0, concluded: 0, successRate: { rate: null, display: '—' } });

    const candidates = await call('shuji', 'GET', `/api/disputes/${a}/mediators`);
    expect(candidates.json().map((m: Json) => m.id)).toEqual(expect.arrayContaining([ids.tiaojie, ids.shuji, ids.wangge]));
    expect(candidates.json().map((m: Json) => m.id)).not.toContain(await accountId(t.database.db, 'wangge2')); // another community
    expect(candidates.json().find((m: Json) => m.id === ids.tiaojie).roleLabels).toEqual(['调解员']);
  });

  it('scope sweep as a grid worker of 幸福里社区 (who holds every dispute permission but admin2 holds none): each record route of a 百步亭 dispute is FORBIDDEN_SCOPE, lists leak nothing', async () => {
    await moveClockTo('2026-11-21T09:00:00+08:00');
    const db = t.database.db;
    const records = await foreignRecords(db, community);
    const foreign = { communityId: community.id, gridId: wanggeGrid.id, buildingId: '', householdId: (await db.selectFrom('org_node').select('id').where('kind', '=', 'household').where('path', 'like', `${wanggeGrid.path}%`).orderBy('path').limit(1).executeTakeFirstOrThrow()).id, residentId: (await db.selectFrom('resident').select('id').where('node_path', 'like', `${wanggeGrid.path}%`).orderBy('id').limit(1).executeTakeFirstOrThrow()).id, accountId: ids.shuji ?? '', records };
    const table = sweepCases(foreign);
    const foreignDisputes = (await db.selectFrom('dispute').select('id').where('node_path', 'like', `${community.path}%`).execute()).map((r) => r.id);
    expect(foreignDisputes.length).toBeGreaterThan(3);
    for (const [key, c] of Object.entries(table)) {
      const [method, url] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
      if (url.startsWith('/api/portal/')) continue;
      if (c.kind === 'record') {
        let path = url;
        for (const [name, value] of Object.entries(c.params ?? {})) path = path.replace(`:${name}`, value);
        const res = await call('wangge2', method, path, c.body);
        // Assigning mediators needs dispute.supervise, which a grid worker lacks anywhere (403 FORBIDDEN); its scope is tested as shuji below.
        expect(res.json().code, `${key}: ${res.body.slice(0, 200)}`).toBe(key.includes('/assignments/') ? 'FORBIDDEN' : 'FORBIDDEN_SCOPE');
      } else {
        const query = key === 'GET /api/disputes/screening/summary' ? '?kind=month' : '';
        const res = await call('wangge2', method, `${url}${query}`);
        expect(res.statusCode, `${key}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(foreignDisputes.filter((id) => res.body.includes(id)), `${key} leaked`).toEqual([]);
        expect(res.body).not.toContain(community.id);
      }
    }
    const all = await call('wangge2', 'GET', '/api/disputes?pageSize=100');
    expect(all.json().total).toBe(0);
  });
  it('supervisors assign a lead and assisting mediators: they read the records while assigned, the list has 我调解的纠纷, the card and the audit log show it; bad assignments are refused', async () => {
    await moveClockTo('2026-11-22T09:00:00+08:00');
    const db = t.database.db;
    const made = await register('wangge', { nodeId: wanggeGrid.id, summary: '装修噪音扰民' });
    expect(made.statusCode, made.body).toBe(201);
    const id: string = made.json().id;
    expect(made.json()).toMatchObject({ assignments: [], leadMediator: null });
    const secret = '调解经过：装修时段约定为工作日九点至十八点。';
    expect((await attempt('wangge', id, { level: 'grid', at: '2026-11-22', mediatorIds: [ids.wangge], record: secret })).statusCode).toBe(200);
    const tiaojie = ids.tiaojie ?? '';
    const wangge = ids.wangge ?? '';
    const assign = (u: User, accountId: string, body: Json) => call(u, 'PUT', `/api/disputes/${id}/assignments/${accountId}`, body);
    const unassign = (u: User, accountId: string) => call(u, 'DELETE', `/api/disputes/${id}/assignments/${accountId}`);

    // Before the assignment the community mediator cannot read the records.
    const before = await call('tiaojie', 'GET', `/api/disputes/${id}`);
    expect(before.json()).toMatchObject({ confidential: true });
    expect(before.body).not.toContain(secret);
    expect((await call('tiaojie', 'GET', '/api/disputes?mine=1&pageSize=100')).json().items.map((d: Json) => d.id)).not.toContain(id);

    // Only dispute.supervise assigns (the committee member and the mediator hold no such permission).
    expect((await assign('liangwei', tiaojie, { role: 'lead' })).json().code).toBe('FORBIDDEN');
    expect((await assign('tiaojie', tiaojie, { role: 'lead' })).json().code).toBe('FORBIDDEN');

    // The candidates say who may be assigned.
    const candidates = (await call('shuji', 'GET', `/api/disputes/${id}/mediators`)).json() as Json[];
    expect(candidates.find((m) => m.id === tiaojie)).toMatchObject({ assignable: true });

    // The secretary assigns the community mediator as lead for the current level.
    const assignsBefore = await auditCount(db, 'dispute.assign_mediator');
    const assigned = await assign('shuji', tiaojie, { role: 'lead', level: 'grid', note: '熟悉该楼栋情况' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignments).toMatchObject([{ id: tiaojie, role: 'lead', roleLabel: '主调解员', level: 'grid', levelName: '网格调解', assignedBy: { id: ids.shuji } }]);
    expect(assigned.json().leadMediator).toMatchObject({ id: tiaojie });
    expect(assigned.json().mediatorIds).toEqual(expect.arrayContaining([tiaojie, wangge]));
    expect(await auditCount(db, 'dispute.assign_mediator')).toBe(assignsBefore + 1);
    const entry = await db.selectFrom('audit_log').select(['entity_id', 'actor_id', 'summary']).where('action', '=', 'dispute.assign_mediator').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ entity_id: id, actor_id: ids.shuji });
    expect(entry.summary).toContain('主调解员');
    // The same request again changes nothing and writes nothing.
    expect((await assign('shuji', tiaojie, { role: 'lead', level: 'grid' })).statusCode).toBe(200);
    expect(await auditCount(db, 'dispute.assign_mediator')).toBe(assignsBefore + 1);

    // The assigned mediator now reads the records (unaudited: it is their work) and finds the dispute under 我调解的纠纷.
    const views = await auditCount(db, 'dispute.view_records');
    const seen = await call('tiaojie', 'GET', `/api/disputes/${id}`);
    expect(seen.json()).toMatchObject({ confidential: false, attemptsList: [{ record: secret }] });
    expect((await call('tiaojie', 'GET', `/api/disputes/${id}/card`)).body).toContain(secret);
    expect(await auditCount(db, 'dispute.view_records')).toBe(views);
    const mine = await call('tiaojie', 'GET', '/api/disputes?mine=1&pageSize=100');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.find((d: Json) => d.id === id)).toMatchObject({ leadMediator: { id: tiaojie } });
    expect((await call('wangge', 'GET', '/api/disputes?mine=1&pageSize=100')).json().items.map((d: Json) => d.id)).toContain(id); // he mediated the attempt
    expect((await call('liangwei', 'GET', '/api/disputes?mine=1&pageSize=100')).json().items.map((d: Json) => d.id)).not.toContain(id);

    // Refused: another community's account, a disabled account, an unknown account, a level that is not the current one.
    const outside = await assign('shuji', await accountId(db, 'wangge2'), { role: 'assisting' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({ code: 'DISPUTE_ASSIGNEE_OUT_OF_SCOPE', details: { field: 'accountId' } });
    expect(outside.json().message).toContain('调解员');
    const liangwei = await accountId(db, 'liangwei');
    await db.updateTable('account').set({ disabled: true }).where('id', '=', liangwei).execute();
    const disabled = await assign('shuji', liangwei, { role: 'assisting' });
    await db.updateTable('account').set({ disabled: false }).where('id', '=', liangwei).execute();
    expect(disabled.statusCode).toBe(400);
    expect(disabled.json().code).toBe('DISPUTE_ASSIGNEE_DISABLED');
    expect(disabled.json().message).toContain('停用');
    expect((await assign('shuji', '00000000-0000-4000-8000-000000000000', { role: 'assisting' })).json().code).toBe('DISPUTE_MEDIATOR_UNKNOWN');
    const wrongLevel = await assign('shuji', wangge, { role: 'assisting', level: 'comprehensive_office' });
    expect(wrongLevel.statusCode).toBe(409);
    expect(wrongLevel.json().code).toBe('DISPUTE_ASSIGN_LEVEL_NOT_CURRENT');
    expect(wrongLevel.json().message).toContain('网格调解');

    // A new lead: the previous one becomes assisting. The last lead cannot be removed or demoted while mediating.
    expect((await assign('shuji', wangge, { role: 'assisting' })).statusCode).toBe(200);
    const newLead = await assign('jiedao', wangge, { role: 'lead' });
    expect(newLead.statusCode, newLead.body).toBe(200);
    expect(newLead.json().assignments).toMatchObject([{ id: wangge, role: 'lead', level: null }, { id: tiaojie, role: 'assisting' }]);
    const lastLead = await unassign('shuji', wangge);
    expect(lastLead.statusCode).toBe(409);
    expect(lastLead.json().code).toBe('DISPUTE_LEAD_REQUIRED');
    expect(lastLead.json().message).toContain('主调解员');
    expect((await assign('shuji', wangge, { role: 'assisting' })).json().code).toBe('DISPUTE_LEAD_REQUIRED');

    // Removing the assisting mediator: they no longer read the records nor find the dispute under 我调解的纠纷.
    const removesBefore = await auditCount(db, 'dispute.remove_mediator');
    const removed = await unassign('shuji', tiaojie);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().assignments.map((a: Json) => a.id)).toEqual([wangge]);
    expect(removed.json().mediatorIds).not.toContain(tiaojie);
    expect(await auditCount(db, 'dispute.remove_mediator')).toBe(removesBefore + 1);
    const after = await call('tiaojie', 'GET', `/api/disputes/${id}`);
    expect(after.json()).toMatchObject({ confidential: true });
    expect(after.body).not.toContain(secret);
    expect((await call('tiaojie', 'GET', `/api/disputes/${id}/card`)).body).not.toContain(secret);
    expect((await call('tiaojie', 'GET', '/api/disputes?mine=1&pageSize=100')).json().items.map((d: Json) => d.id)).not.toContain(id);
    expect((await unassign('shuji', tiaojie)).json().code).toBe('DISPUTE_NOT_ASSIGNED');

    // The one card shows every assignment to everybody who sees it (names, not records).
    const card = await call('liangwei', 'GET', `/api/disputes/${id}/card`);
    expect(card.json().confidential).toBe(true);
    const steps = (card.json().steps as Json[]).filter((s) => s.kind === 'mediator_assigned' || s.kind === 'mediator_removed');
    expect(steps.map((s) => s.kind)).toEqual(['mediator_assigned', 'mediator_assigned', 'mediator_assigned', 'mediator_removed']);
    expect(steps[0]).toMatchObject({ by: { id: ids.shuji }, body: { level: 'grid', name: '网格调解' } });
    expect(steps[0]?.title).toContain('指派调解员');
    expect(steps[0]?.title).toContain('主调解员');
    expect(steps[0]).not.toHaveProperty('detail'); // the note is not shown without access to the records
    expect(steps[2]?.title).toContain('改为协助');
    expect(steps[3]?.title).toContain('撤销调解员');
    expect(card.json().dispute.leadMediator).toMatchObject({ id: wangge });
    expect((await call('liangwei', 'GET', `/api/disputes/${id}`)).json().assignments.map((a: Json) => a.id)).toEqual([wangge]);

    // A closed dispute takes no new mediator; its lead may then be removed.
    expect((await call('wangge', 'POST', `/api/disputes/${id}/close`, { outcome: 'withdrawn' })).statusCode).toBe(200);
    const closed = await assign('shuji', tiaojie, { role: 'assisting' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('DISPUTE_ASSIGN_CLOSED');
    expect(closed.json().message).toContain('已结案');
    expect((await unassign('shuji', wangge)).statusCode).toBe(200);

    // Scope: a supervisor of 百步亭花园社区 cannot assign on a dispute of 幸福里社区.
    const foreignGrid = await nodeOfAccount(db, 'wangge2');
    const elsewhere = await register('wangge2', { nodeId: foreignGrid.id });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    const scoped = await call('shuji', 'PUT', `/api/disputes/${elsewhere.json().id}/assignments/${tiaojie}`, { role: 'lead' });
    expect(scoped.json().code).toBe('FORBIDDEN_SCOPE');
    expect((await call('shuji', 'DELETE', `/api/disputes/${elsewhere.json().id}/assignments/${tiaojie}`)).json().code).toBe('FORBIDDEN_SCOPE');
  });
});
