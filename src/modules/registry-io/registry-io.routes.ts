import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../app.ts';
import { scopePaths } from '../../platform/auth/actor.ts';
import { fail } from '../../platform/errors.ts';
import { inParams, inQuery, staffOf } from '../../platform/http/authorize.ts';
import { commandContext } from '../../platform/http/request-context.ts';
import { commitImport } from './commit-import.ts';
import { discardImport } from './discard-import.ts';
import { prepareExport } from './export-registry.ts';
import { previewImport, type Ctx } from './preview-import.ts';
import { attachmentHeader, XLSX_TYPE } from './registry-columns.ts';
import { exampleAddress } from './registry-export.repository.ts';
import { findImport, importPayload, importScope, type BadRow } from './registry-import.repository.ts';
import './registry-io.errors.ts';
import { exportQuery, importIdParams, importReportSchema, presentImport, uploadQuery } from './registry-io.schema.ts';
import { errorsWorkbook, templateWorkbook } from './registry-workbooks.ts';

const tags = ['实有人口导入导出'];
/** An .xlsx of 50,000 rows is 2–5 MB; a generous limit still refuses a runaway upload. */
export const IMPORT_BODY_LIMIT = 30 * 1024 * 1024;

/**
 * Registry import (two steps: upload and check → commit or discard) and export as Excel. The routes
 * live in their own plugin scope, so the raw-body parser for .xlsx uploads applies to them only.
 */
export function registerRegistryIoRoutes(app: App, deps: AppDeps): void {
  deps.registerScope('registry_import', importScope);
  const ctx = (req: FastifyRequest): Ctx => commandContext(req, deps);

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Any non-JSON body arrives as bytes; the handler tells an .xlsx from anything else.
    scope.addContentTypeParser([XLSX_TYPE, 'application/octet-stream', '*'], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get('/api/registry/template.xlsx', {
      config: { access: { kind: 'staff', permission: 'registry.import' } },
      schema: { tags, summary: '下载实有人口导入模板（.xlsx）' },
    }, async (req, reply) => {
      const actor = staffOf(req);
      const [home] = scopePaths(actor, 'registry.import');
      const example = (home ? await exampleAddress(deps.db, actor.districtId, home) : null) ?? { community: '百步亭花园社区', grid: '第一网格', building: '1栋' };
      const file = await templateWorkbook(example);
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader('实有人口导入模板.xlsx')).send(file);
    });

    scope.post('/api/registry/imports', {
      config: { access: { kind: 'staff', permission: 'registry.import', scope: inQuery('org_node', 'nodeId') } },
      schema: {
        tags, summary: '上传 .xlsx 并逐行检查（不写入实有人口）；请求体为文件本身，Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        querystring: uploadQuery, response: { 201: importReportSchema },
      },
    }, async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body)) return fail('IMPORT_NOT_XLSX');
      const report = await previewImport(ctx(req), { body, nodeId: req.query.nodeId, fileName: req.query.fileName });
      return reply.status(201).send(report);
    });

    scope.get('/api/registry/imports/:importId', {
      config: { access: { kind: 'staff', permission: 'registry.import', scope: inParams('registry_import', 'importId') } },
      schema: { tags, summary: '导入批次的检查报告', params: importIdParams, response: { 200: importReportSchema } },
    }, async (req) => {
      const c = ctx(req);
      const row = await findImport(deps.db, c.actor.districtId, req.params.importId);
      if (!row) return fail('NOT_FOUND');
      return presentImport(row, c.now);
    });

    scope.get('/api/registry/imports/:importId/errors.xlsx', {
      config: { access: { kind: 'staff', permission: 'registry.import', scope: inParams('registry_import', 'importId') } },
      schema: { tags, summary: '下载有误的行（含「错误原因」列，修改后可重新上传）', params: importIdParams },
    }, async (req, reply) => {
      const c = ctx(req);
      const row = await findImport(deps.db, c.actor.districtId, req.params.importId);
      if (!row) return fail('NOT_FOUND');
      if (row.status === 'discarded') return fail('IMPORT_DISCARDED');
      const bad = (await importPayload(deps.db, c.actor.districtId, row.id, 'bad_rows')) as BadRow[];
      if (row.bad_count > 0 && bad.length === 0) return fail('IMPORT_EXPIRED');
      const file = await errorsWorkbook(bad);
      const base = (row.file_name ?? '').replace(/\.xlsx$/i, '') || row.id.slice(0, 8);
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(`错误行_${base}.xlsx`)).send(file);
    });

    scope.post('/api/registry/imports/:importId/commit', {
      config: { access: { kind: 'staff', permission: 'registry.import', scope: inParams('registry_import', 'importId') } },
      schema: { tags, summary: '导入检查通过的行（一个事务；重复提交返回 409）', params: importIdParams, response: { 200: importReportSchema } },
    }, async (req) => commitImport(ctx(req), req.params.importId));

    scope.post('/api/registry/imports/:importId/discard', {
      config: { access: { kind: 'staff', permission: 'registry.import', scope: inParams('registry_import', 'importId') } },
      schema: { tags, summary: '放弃这批数据（立即删除其中的个人信息）', params: importIdParams, response: { 200: importReportSchema } },
    }, async (req) => discardImport(ctx(req), req.params.importId));

    scope.get('/api/registry/export.xlsx', {
      config: { access: { kind: 'staff', permission: 'resident.read', scope: inQuery('org_node', 'nodeId') } },
      schema: { tags, summary: '导出实有人口（.xlsx，与模板同列；默认脱敏，unmasked=1 需相应权限并记入审计日志）', querystring: exportQuery },
    }, async (req, reply) => {
      const prepared = await prepareExport(ctx(req), { nodeId: req.query.nodeId, unmasked: req.query.unmasked === '1' });
      const stream = new PassThrough();
      prepared.write(stream).catch((error: unknown) => {
        req.log.error({ err: error }, 'registry export failed mid-stream');
        stream.destroy(error instanceof Error ? error : new Error('export failed'));
      });
      return reply.type(XLSX_TYPE).header('content-disposition', attachmentHeader(prepared.fileName)).header('cache-control', 'no-store').send(stream);
    });
  });
}
