import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../../app.ts';
import { scopePaths } from '../../../platform/auth/actor.ts';
import { fail } from '../../../platform/errors.ts';
import { inParams, inQuery, inBody, staffOf } from '../../../platform/http/authorize.ts';
import { clientIp, commandContext } from '../../../platform/http/request-context.ts';
import { attachmentHeader, XLSX_TYPE } from '../../registry-io/registry-columns.ts';
import { checkTickets, importTickets, verdicts, type TicketLine } from './hotline-import.ts';
import { readTicketFile, ticketTemplate } from './hotline-workbook.ts';
import { createKey, keyHolder, keyScope, listKeys, revokeKey, touchKey } from './interop-keys.ts';
import { requestOf } from './open311-format.ts';
import { requestFacts, ticketDemandId } from './open311.repository.ts';
import type { Area } from './place.ts';
import * as s from './interop.schema.ts';
import './interop.errors.ts';

const tags = ['对外接口'];
const MANAGE = 'interop.manage' as const;
const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

/** API keys (console), the 12345 file import (console) and the 12345 ticket API (x-api-key). */
export function registerHotlineRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('interop_key', keyScope);

  app.get('/api/interop/keys', {
    config: { access: { kind: 'staff', permission: MANAGE } },
    schema: { tags, summary: '接口密钥列表（管辖范围内；不含密钥本身）与本区的 Open311 辖区代码（jurisdiction_id）' },
  }, async (req) => {
    const actor = staffOf(req);
    const district = await deps.db.selectFrom('district').select('code').where('district_id', '=', actor.districtId).executeTakeFirst();
    return { items: await listKeys(deps.db, actor.districtId, scopePaths(actor, MANAGE)), jurisdictionId: district?.code ?? null };
  });

  app.post('/api/interop/keys', {
    config: { access: { kind: 'staff', permission: MANAGE, scope: inBody('org_node', 'nodeId') } },
    schema: { tags, summary: '创建接口密钥（密钥只在此时显示一次）', body: s.createKeyBody },
  }, async (req, reply) => reply.status(201).send(await createKey(commandContext(req, deps), req.body)));

  app.post('/api/interop/keys/:keyId/revoke', {
    config: { access: { kind: 'staff', permission: MANAGE, scope: inParams('interop_key', 'keyId') } },
    schema: { tags, summary: '停用接口密钥（立即生效，不可恢复）', params: s.keyParams },
  }, async (req) => revokeKey(commandContext(req, deps), req.params.keyId));

  const areaOf = async (districtId: string, nodeId: string): Promise<Area> => {
    const node = await deps.db.selectFrom('org_node').select(['id', 'path', 'kind']).where('district_id', '=', districtId).where('id', '=', nodeId).executeTakeFirst();
    if (!node) return fail('NOT_FOUND', { field: 'nodeId' });
    return { districtId, nodeId: node.id, nodePath: node.path, nodeKind: node.kind };
  };

  // ---- the file import: two steps over the same file (preview every row, then import the good ones) ----
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get('/api/interop/12345/template.xlsx', {
      config: { access: { kind: 'staff', permission: MANAGE } },
      schema: { tags, summary: '下载 12345 工单导入模板（.xlsx）' },
    }, async (req, reply) => {
      const actor = staffOf(req);
      const [home] = scopePaths(actor, MANAGE);
      const community = home
        ? await deps.db.selectFrom('org_node').select('name').where('district_id', '=', actor.districtId).where('kind', '=', 'community').where('path', 'like', `${home}%`).orderBy('sort_order').orderBy('name').limit(1).executeTakeFirst()
        : undefined;
      const file = await ticketTemplate(community?.name ?? '百步亭花园社区');
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader('12345工单导入模板.xlsx')).send(file);
    });

    const fileLines = async (body: unknown): Promise<TicketLine[]> => {
      if (!Buffer.isBuffer(body)) return fail('INTEROP_FILE_NOT_XLSX');
      return readTicketFile(body);
    };

    scope.post('/api/interop/12345/imports/preview', {
      config: { access: { kind: 'staff', permission: MANAGE, scope: inQuery('org_node', 'nodeId') } },
      schema: { tags, summary: '检查 12345 工单文件（不写入）：逐行报告错误与重复；请求体为 .xlsx 文件本身', querystring: s.importQuery },
    }, async (req) => {
      const actor = staffOf(req);
      const area = await areaOf(actor.districtId, req.query.nodeId);
      const rows = verdicts(await checkTickets(deps.db, area, await fileLines(req.body), deps.clock()));
      const count = (st: string) => rows.filter((r) => r.status === st).length;
      return { rows, ok: count('ok'), duplicates: count('duplicate'), bad: count('bad') };
    });

    scope.post('/api/interop/12345/imports', {
      config: { access: { kind: 'staff', permission: MANAGE, scope: inQuery('org_node', 'nodeId') } },
      schema: { tags, summary: '导入 12345 工单文件中检查通过的行（已导入的工单编号报告为重复，不再导入）', querystring: s.importQuery },
    }, async (req) => {
      const ctx = commandContext(req, deps);
      const area = await areaOf(ctx.actor.districtId, req.query.nodeId);
      return importTickets(deps.db, { actor: ctx.actor, ip: ctx.ip, now: ctx.now, key: null, channel: 'hotline_12345' }, area, await fileLines(req.body));
    });
  });

  // ---- the 12345 platform's API: x-api-key, idempotent by ticket number ----
  app.post('/api/interop/12345/tickets', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '12345 平台转办工单（请求头 x-api-key；JSON 数组；按工单编号幂等）', body: s.ticketsBody },
  }, async (req) => {
    const holder = await keyHolder(deps.db, req.headers['x-api-key'] as string | undefined);
    const area: Area = { districtId: holder.key.districtId, nodeId: holder.key.nodeId, nodePath: holder.key.nodePath, nodeKind: holder.key.nodeKind };
    const lines = req.body.map((raw, i) => ({ row: i + 1, raw }));
    const now = deps.clock();
    const done = await importTickets(deps.db, { actor: holder.actor, ip: clientIp(req), now, key: holder.key, channel: holder.key.channel }, area, lines);
    if (done.created === 0) await touchKey(deps.db, holder.key, now);
    return { results: done.results.map(({ row: _row, ...r }) => r), created: done.created, duplicates: done.duplicates, rejected: done.rejected };
  });

  app.get('/api/interop/12345/tickets/:ticketNo', {
    config: { access: { kind: 'public' } },
    schema: { tags, summary: '工单在本平台的办理状态（供 12345 回访；请求头 x-api-key）', params: s.ticketParams },
  }, async (req) => {
    const holder = await keyHolder(deps.db, req.headers['x-api-key'] as string | undefined);
    const link = await ticketDemandId(deps.db, holder.key.districtId, req.params.ticketNo);
    if (!link) return fail('INTEROP_TICKET_NOT_FOUND', { ticketNo: req.params.ticketNo });
    const demand = await deps.db.selectFrom('demand').select('node_path').where('district_id', '=', holder.key.districtId).where('id', '=', link.demandId).executeTakeFirst();
    // A key sees only tickets inside its own node.
    if (!demand || !demand.node_path.startsWith(holder.key.nodePath)) return fail('INTEROP_TICKET_NOT_FOUND', { ticketNo: req.params.ticketNo });
    const [facts] = await requestFacts(deps.db, holder.key.districtId, { ids: [link.demandId], limit: 1 });
    if (!facts) return fail('INTEROP_TICKET_NOT_FOUND', { ticketNo: req.params.ticketNo });
    const r = requestOf(facts);
    return {
      ticketNo: req.params.ticketNo, demandId: link.demandId, status: r.status, state: facts.status, statusNotes: r.status_notes,
      agencyResponsible: r.agency_responsible, receivedAt: r.requested_datetime, updatedAt: r.updated_datetime, finishBy: r.expected_datetime,
      doneAt: facts.doneAt ? facts.doneAt.toISOString() : null, outcome: facts.outcomeName, hotlineLimitWorkingDays: link.limitWorkingDays,
    };
  });
}
