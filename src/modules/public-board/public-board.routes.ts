import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import { loadFile } from '../../platform/files/files.ts';
import { inBody, inParams, residentOf, staffOf } from '../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../platform/http/request-context.ts';
import { acceptsObjections } from './board-rules.ts';
import { answerObjection, createColumn, raiseObjection, recordPosting, setPostingPhoto, takeDownPosting, updateColumn, withdrawEntry } from './board.commands.ts';
import { boardEntryScope, boardOfCommunity, columnName, communityOnPath, findEntry, presentEntry, verifyCommunityChain, type EntryView } from './board.repository.ts';
import { noticeUrl, publicBaseUrl, renderNoticePdf } from './board-notice-pdf.ts';
import { findCommunity, publishEntry } from './publish-entry.ts';
import * as s from './public-board.schema.ts';
import type { BoardEntryRow } from './public-board.tables.ts';

const tags = ['公开栏'];

/** 公开栏: staff board editor, resident portal, and the public pages a printed QR code opens. */
export function registerPublicBoardRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('board_entry', boardEntryScope);
  const ctx = (req: FastifyRequest) => commandContext(req, deps);

  // ——— staff ———

  app.get('/api/board/communities', {
    config: { access: { kind: 'staff', permission: 'board.read' } },
    schema: { tags, summary: '管辖范围内各社区的公开栏概况（超期栏目、待答复异议）' },
  }, async (req) => {
    const actor = staffOf(req);
    const scope = scopePaths(actor, 'board.read');
    if (scope.length === 0) return { items: [] };
    const all = await deps.db.selectFrom('org_node').select(['id', 'name', 'path']).where('district_id', '=', actor.districtId).where('kind', '=', 'community')
      .where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`)))).orderBy('sort_order').orderBy('name').execute();
    const now = deps.clock();
    const items = [];
    for (const c of all) {
      const columns = await boardOfCommunity(deps.db, { districtId: actor.districtId, communityId: c.id, now, lang: req.lang, entriesPerColumn: 0 });
      const open = await deps.db.selectFrom('board_objection as o').innerJoin('board_entry as e', (j) => j.onRef('e.district_id', '=', 'o.district_id').onRef('e.id', '=', 'o.entry_id'))
        .select((eb) => eb.fn.countAll<number>().as('n')).where('o.district_id', '=', actor.districtId).where('e.community_id', '=', c.id).where('o.answered_at', 'is', null).executeTakeFirstOrThrow();
      items.push({ id: c.id, name: c.name, overdueColumns: columns.filter((k) => k.status.status === 'overdue').length, dueSoonColumns: columns.filter((k) => k.status.status === 'due_soon').length, unansweredObjections: Number(open.n) });
    }
    return { items };
  });

  app.get('/api/board/communities/:communityId', {
    config: { access: { kind: 'staff', permission: 'board.read', scope: inCommunityParam } },
    schema: { tags, summary: '一个社区的公开栏：栏目（含超期提醒）、条目、防篡改核验结果', params: s.communityParams },
  }, async (req) => {
    const actor = staffOf(req);
    const community = await findCommunity(deps.db, actor.districtId, req.params.communityId);
    const now = deps.clock();
    const columns = await boardOfCommunity(deps.db, { districtId: actor.districtId, communityId: community.id, now, lang: req.lang });
    const chain = await verifyCommunityChain(deps.db, actor.districtId, community.id);
    const open = await deps.db.selectFrom('board_objection as o').innerJoin('board_entry as e', (j) => j.onRef('e.district_id', '=', 'o.district_id').onRef('e.id', '=', 'o.entry_id'))
      .select(['o.entry_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('o.district_id', '=', actor.districtId).where('e.community_id', '=', community.id).where('o.answered_at', 'is', null).groupBy('o.entry_id').execute();
    const openBy = new Map(open.map((o) => [o.entry_id, Number(o.n)]));
    return {
      community: { id: community.id, name: community.name },
      columns: columns.map((c) => ({ ...c, entries: c.entries.map((e) => ({ ...e, unansweredObjections: openBy.get(e.id) ?? 0 })) })),
      chain: chainSummary(chain, req.lang),
      canWrite: scopePaths(actor, 'board.write').some((p) => community.path.startsWith(p)),
    };
  });

  app.post('/api/board/communities/:communityId/columns', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: inCommunityParam } },
    schema: { tags, summary: '新增自定义栏目（含公开时限规则）', params: s.communityParams, body: s.createColumnBody },
  }, async (req, reply) => reply.status(201).send(await createColumn(ctx(req), req.params.communityId, req.body)));

  app.patch('/api/board/communities/:communityId/columns/:code', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: inCommunityParam } },
    schema: { tags, summary: '修改栏目名称、公开时限或停用自定义栏目', params: s.columnParams, body: s.updateColumnBody },
  }, async (req, reply) => {
    await updateColumn(ctx(req), req.params.communityId, req.params.code, req.body);
    return reply.status(204).send();
  });

  app.post('/api/board/communities/:communityId/entries', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: (req) => [...inCommunityParam(req), ...inBody('board_entry', 'correctsEntryId')(req)] } },
    schema: { tags, summary: '发布公开内容（发布后不可修改；更正请发布新条目并注明更正哪一条）', params: s.communityParams, body: s.publishBody },
  }, async (req, reply) => {
    const c = ctx(req);
    const published = await deps.db.transaction().execute((tx) => publishEntry(tx, { ...req.body, districtId: c.actor.districtId, communityId: req.params.communityId, actor: c.actor, ip: c.ip, now: c.now }));
    return reply.status(201).send(published);
  });

  app.get('/api/board/entries/:entryId', {
    config: { access: { kind: 'staff', permission: 'board.read', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '公开栏条目详情：内容、张贴记录、异议与答复', params: s.entryParams },
  }, async (req) => {
    const actor = staffOf(req);
    const row = await entryOrNotFound(deps.db, actor.districtId, req.params.entryId);
    const view = await entryView(deps.db, row, deps.clock(), req.lang);
    const postings = await deps.db.selectFrom('board_posting as p').leftJoin('account as a', 'a.id', 'p.recorded_by').select(['p.id', 'p.location', 'p.posted_at', 'p.taken_down_at', 'p.photo_file_id', 'a.display_name'])
      .where('p.district_id', '=', actor.districtId).where('p.entry_id', '=', row.id).orderBy('p.posted_at').execute();
    const objections = await deps.db.selectFrom('board_objection as o').innerJoin('resident as r', (j) => j.onRef('r.district_id', '=', 'o.district_id').onRef('r.id', '=', 'o.resident_id'))
      .select(['o.id', 'o.text', 'o.created_at', 'o.answer', 'o.answered_at', 'o.answered_by_name', 'r.name']).where('o.district_id', '=', actor.districtId).where('o.entry_id', '=', row.id).orderBy('o.created_at').execute();
    const corrects = row.corrects_entry_id ? await findEntry(deps.db, actor.districtId, row.corrects_entry_id) : undefined;
    const community = await findCommunity(deps.db, actor.districtId, row.community_id);
    return {
      ...view,
      communityId: row.community_id,
      communityName: community.name,
      corrects: corrects ? { id: corrects.id, seq: corrects.seq, title: corrects.title } : null,
      acceptsObjections: acceptsObjections(view.state),
      postings: postings.map((p) => ({ id: p.id, location: p.location, postedAt: new Date(p.posted_at).toISOString(), takenDownAt: p.taken_down_at ? new Date(p.taken_down_at).toISOString() : null, hasPhoto: p.photo_file_id !== null, recordedByName: p.display_name ?? '' })),
      objections: objections.map((o) => ({ id: o.id, residentName: o.name, text: o.text, createdAt: new Date(o.created_at).toISOString(), answer: o.answer, answeredAt: o.answered_at ? new Date(o.answered_at).toISOString() : null, answeredByName: o.answered_by_name })),
      canWrite: scopePaths(actor, 'board.write').some((p) => row.node_path.startsWith(p)),
    };
  });

  app.post('/api/board/entries/:entryId/withdraw', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '撤回条目（记录保留，居民端和公开页不再显示）', params: s.entryParams, body: s.withdrawBody },
  }, async (req, reply) => {
    await withdrawEntry(ctx(req), req.params.entryId, req.body.reason);
    return reply.status(204).send();
  });

  app.post('/api/board/entries/:entryId/postings', {
    bodyLimit: 1_200_000,
    config: { access: { kind: 'staff', permission: 'board.write', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '登记张贴到实体公开栏（可附照片）', params: s.entryParams, body: s.postingBody },
  }, async (req, reply) => reply.status(201).send(await recordPosting(ctx(req), req.params.entryId, req.body)));

  app.post('/api/board/entries/:entryId/postings/:postingId/take-down', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '登记从实体公开栏撤下', params: s.postingParams, body: s.takeDownBody },
  }, async (req, reply) => {
    await takeDownPosting(ctx(req), req.params.entryId, req.params.postingId, req.body);
    return reply.status(204).send();
  });

  app.put('/api/board/entries/:entryId/postings/:postingId/photo', {
    bodyLimit: 1_200_000,
    config: { access: { kind: 'staff', permission: 'board.write', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '上传张贴照片', params: s.postingParams, body: s.photoBody },
  }, async (req) => setPostingPhoto(ctx(req), req.params.entryId, req.params.postingId, req.body));

  app.get('/api/board/entries/:entryId/postings/:postingId/photo', {
    config: { access: { kind: 'staff', permission: 'board.read', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '张贴照片', params: s.postingParams },
  }, async (req, reply) => {
    const actor = staffOf(req);
    const posting = await deps.db.selectFrom('board_posting').select(['photo_file_id']).where('district_id', '=', actor.districtId).where('id', '=', req.params.postingId).where('entry_id', '=', req.params.entryId).executeTakeFirst();
    const file = posting?.photo_file_id ? await loadFile(deps.db, actor.districtId, posting.photo_file_id) : undefined;
    if (!file) return fail('NOT_FOUND', { field: 'postingId' });
    return reply.header('cache-control', 'private, max-age=3600').type(file.mime).send(Buffer.from(file.content));
  });

  app.post('/api/board/entries/:entryId/objections/:objectionId/answer', {
    config: { access: { kind: 'staff', permission: 'board.write', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '答复居民异议', params: s.objectionParams, body: s.answerBody },
  }, async (req, reply) => {
    await answerObjection(ctx(req), req.params.entryId, req.params.objectionId, req.body.answer);
    return reply.status(204).send();
  });

  app.get('/api/board/entries/:entryId/notice.pdf', {
    config: { access: { kind: 'staff', permission: 'board.read', scope: inParams('board_entry', 'entryId') } },
    schema: { tags, summary: '打印公示单（A4 PDF，含二维码）', params: s.entryParams },
  }, async (req, reply) => {
    const c = ctx(req);
    const row = await entryOrNotFound(deps.db, c.actor.districtId, req.params.entryId);
    if (row.withdrawn_at) fail('BOARD_ENTRY_WITHDRAWN', { field: 'entryId' });
    const view = await entryView(deps.db, row, c.now, 'zh');
    const community = await findCommunity(deps.db, c.actor.districtId, row.community_id);
    const corrects = row.corrects_entry_id ? await findEntry(deps.db, c.actor.districtId, row.corrects_entry_id) : undefined;
    const url = noticeUrl(publicBaseUrl(deps.config.publicUrl ?? undefined, { protocol: req.protocol, host: req.host }), row.id);
    const pdf = await renderNoticePdf({
      entryId: row.id, seq: row.seq, hash: row.hash, communityName: community.name, columnName: view.columnName, title: row.title, body: row.body, personal: view.personal,
      startsOn: row.starts_on, endsOn: row.ends_on, publishedAt: view.publishedAt, publishedByName: row.published_by_name, corrects: corrects ? { seq: corrects.seq, title: corrects.title } : null, url,
    });
    await appendAudit(deps.db, { districtId: c.actor.districtId, actor: c.actor, ip: c.ip, at: c.now, action: 'board.notice.print', entityType: 'board_entry', entityId: row.id, nodePath: row.node_path, summary: `打印公开栏第 ${row.seq} 号「${row.title}」的公示单` });
    return reply
      .header('content-disposition', `inline; filename="board-${row.seq}.pdf"; filename*=UTF-8''${encodeURIComponent(`公示-${row.seq}-${row.title.slice(0, 40)}.pdf`)}`)
      .header('x-notice-url', url)
      .type('application/pdf')
      .send(pdf);
  });

  // ——— resident portal ———

  app.get('/api/portal/board', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '本社区公开栏（居民端）' },
  }, async (req) => {
    const actor = residentOf(req);
    const community = await communityOnPath(deps.db, actor.districtId, actor.nodePath);
    if (!community) return { communityId: null, communityName: '', columns: [] };
    const columns = await boardOfCommunity(deps.db, { districtId: actor.districtId, communityId: community.id, now: deps.clock(), lang: req.lang, publicOnly: true });
    return {
      communityId: community.id,
      communityName: community.name,
      columns: columns.map((c) => ({ code: c.code, name: req.lang === 'en' && c.nameEn ? c.nameEn : c.name, entries: c.entries.map((e) => publicEntry(e, community)) })),
    };
  });

  app.get('/api/portal/board/entries/:entryId', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '公开栏条目（居民端，含本人的异议和答复）', params: s.entryParams },
  }, async (req) => {
    const actor = residentOf(req);
    const row = await findEntry(deps.db, actor.districtId, req.params.entryId);
    if (!row || !actor.nodePath.startsWith(row.node_path)) return fail('NOT_FOUND', { field: 'entryId' });
    const view = await entryView(deps.db, row, deps.clock(), req.lang);
    if (view.state !== 'in_period' && view.state !== 'ended') return fail('NOT_FOUND', { field: 'entryId' });
    const community = await findCommunity(deps.db, actor.districtId, row.community_id);
    const mine = await deps.db.selectFrom('board_objection').select(['id', 'text', 'created_at', 'answer', 'answered_at']).where('district_id', '=', actor.districtId).where('entry_id', '=', row.id).where('resident_id', '=', actor.id).orderBy('created_at').execute();
    return {
      ...publicEntry(view, community),
      myObjections: mine.map((o) => ({ id: o.id, text: o.text, createdAt: new Date(o.created_at).toISOString(), answer: o.answer, answeredAt: o.answered_at ? new Date(o.answered_at).toISOString() : null })),
    };
  });

  app.post('/api/portal/board/entries/:entryId/objections', {
    config: { access: { kind: 'resident' } },
    schema: { tags, summary: '在公示期内提出异议', params: s.entryParams, body: s.objectionBody },
  }, async (req, reply) => reply.status(201).send(await raiseObjection(deps.db, { actor: residentOf(req), entryId: req.params.entryId, text: req.body.text, ip: clientIp(req), now: deps.clock() })));

  // ——— public (no sign-in: a printed QR code opens these) ———

  app.get('/api/public/board/entries/:entryId', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '公开栏条目（公开页，扫码查看；撤回和未到公示日期的不显示）', params: s.entryParams },
  }, async (req) => {
    const row = await deps.db.selectFrom('board_entry').selectAll().where('id', '=', req.params.entryId).executeTakeFirst();
    if (!row) return fail('NOT_FOUND', { field: 'entryId' });
    const view = await entryView(deps.db, row, deps.clock(), req.lang);
    if (view.state !== 'in_period' && view.state !== 'ended') return fail('NOT_FOUND', { field: 'entryId' });
    const community = await findCommunity(deps.db, row.district_id, row.community_id);
    return publicEntry(view, community);
  });

  app.get('/api/public/board/:communityId/verify', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '核验社区公开栏是否被篡改（重新计算哈希链）', params: s.communityParams },
  }, async (req) => {
    const chainRow = await deps.db.selectFrom('board_chain').select(['district_id']).where('community_id', '=', req.params.communityId).executeTakeFirst();
    const node = chainRow
      ? await deps.db.selectFrom('org_node').select(['district_id', 'id', 'name', 'kind']).where('district_id', '=', chainRow.district_id).where('id', '=', req.params.communityId).executeTakeFirst()
      : await deps.db.selectFrom('org_node').select(['district_id', 'id', 'name', 'kind']).where('id', '=', req.params.communityId).where('kind', '=', 'community').executeTakeFirst();
    if (!node || node.kind !== 'community') return fail('NOT_FOUND', { field: 'communityId' });
    const now = deps.clock();
    const verdict = await verifyCommunityChain(deps.db, node.district_id, node.id);
    const rows = await deps.db.selectFrom('board_entry').selectAll().where('district_id', '=', node.district_id).where('community_id', '=', node.id).orderBy('seq').execute();
    const entries = [];
    for (const r of rows) {
      const v = presentEntry(r, '', now, [], req.lang);
      const visible = v.state === 'in_period' || v.state === 'ended';
      entries.push({ seq: r.seq, hash: r.hash, prevHash: r.prev_hash, publishedAt: v.publishedAt, status: v.state === 'withdrawn' ? 'withdrawn' : visible ? 'visible' : 'scheduled', id: visible ? r.id : null, title: visible ? r.title : null });
    }
    const brokenVisible = verdict.firstBroken?.entryId ? entries.find((e) => e.id === verdict.firstBroken?.entryId) : undefined;
    return {
      communityId: node.id,
      communityName: node.name,
      checkedAt: now.toISOString(),
      ...chainSummary(verdict, req.lang),
      firstBroken: verdict.firstBroken ? { ...chainSummary(verdict, req.lang).firstBroken, entryId: brokenVisible ? verdict.firstBroken.entryId : null } : null,
      entries,
    };
  });
}

function inCommunityParam(req: FastifyRequest) {
  return inParams('org_node', 'communityId')(req);
}

async function entryOrNotFound(db: Db, districtId: string, entryId: string): Promise<BoardEntryRow> {
  const row = await findEntry(db, districtId, entryId);
  if (!row) return fail('NOT_FOUND', { field: 'entryId' });
  return row;
}

async function entryView(db: Db, row: BoardEntryRow, now: Date, lang: 'zh' | 'en'): Promise<EntryView> {
  const name = await columnName(db, row.district_id, row.community_id, row.column_code);
  const correctedBy = await db.selectFrom('board_entry').select('id').where('district_id', '=', row.district_id).where('corrects_entry_id', '=', row.id).where('withdrawn_at', 'is', null).execute();
  return presentEntry(row, name, now, correctedBy.map((c) => c.id), lang);
}

/** What residents and the public see: never the withdrawal details, the publisher's account or staff notes. */
function publicEntry(e: EntryView, community: { id: string; name: string }) {
  return {
    id: e.id, seq: e.seq, communityId: community.id, communityName: community.name, column: e.column, columnName: e.columnName, title: e.title, body: e.body, personal: e.personal,
    startsOn: e.startsOn, endsOn: e.endsOn, publishedAt: e.publishedAt, state: e.state, stateLabel: e.stateLabel, acceptsObjections: acceptsObjections(e.state),
    correctsEntryId: e.correctsEntryId, correctedByIds: e.correctedByIds, hash: e.hash, prevHash: e.prevHash,
  };
}

function chainSummary(v: Awaited<ReturnType<typeof verifyCommunityChain>>, lang: 'zh' | 'en') {
  return {
    ok: v.ok,
    count: v.count,
    headHash: v.headHash,
    message: v.ok ? (lang === 'en' ? `All ${v.count} entries check out: nothing was changed after publication` : `全部 ${v.count} 条记录核验一致，发布后未被改动`) : (v.firstBroken?.message[lang] ?? ''),
    firstBroken: v.firstBroken ? { seq: v.firstBroken.seq, entryId: v.firstBroken.entryId, reason: v.firstBroken.reason, message: v.firstBroken.message[lang] } : null,
  };
}
