import type { App, AppDeps } from '../../../app.ts';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { fail } from '../../../platform/errors.ts';
import { loadFile, presentFile, storeFile } from '../../../platform/files/files.ts';
import { staffOf } from '../../../platform/http/authorize.ts';
import { commandContext } from '../../../platform/http/request-context.ts';
import { appendMatterEvent } from './matter-events.ts';
import * as s from './matters.schema.ts';

/** Attachments of matters and stages: upload (JSON with base64, ≤ 768 KB) and download, scoped by the owner record. */
export function registerFileRoutes(app: App, deps: AppDeps): void {
  const tags = ['附件'];
  app.post('/api/files', {
    config: { access: { kind: 'staff', permission: 'matter.write', scope: (req) => { const b = req.body as { ownerKind?: string; ownerId?: string }; return b.ownerKind ? [{ entity: b.ownerKind, id: b.ownerId }] : []; } } },
    schema: { tags, summary: '上传附件（会议记录、签到表、照片、草案、专家意见、张贴照片），归属议题或环节', body: s.fileBody },
  }, async (req, reply) => {
    const ctx = commandContext(req, deps);
    const districtId = ctx.actor.districtId;
    const info = await deps.db.transaction().execute(async (tx) => {
      let matterId: string;
      let stageId: string | null = null;
      if (req.body.ownerKind === 'matter_stage') {
        const stage = await tx.selectFrom('matter_stage').select(['matter_id', 'status']).where('district_id', '=', districtId).where('id', '=', req.body.ownerId).executeTakeFirst();
        if (!stage) return fail('NOT_FOUND', { field: 'ownerId' });
        if (stage.status === 'closed' || stage.status === 'skipped') return fail('FILE_OWNER_CLOSED', { field: 'ownerId' });
        matterId = stage.matter_id;
        stageId = req.body.ownerId;
      } else matterId = req.body.ownerId;
      const matter = await tx.selectFrom('matter').select(['id', 'node_path']).where('district_id', '=', districtId).where('id', '=', matterId).forUpdate().executeTakeFirst();
      if (!matter) return fail('NOT_FOUND', { field: 'ownerId' });
      const stored = await storeFile(tx, { districtId, ownerKind: req.body.ownerKind, ownerId: req.body.ownerId, nodePath: matter.node_path, purpose: req.body.purpose, name: req.body.name, mime: req.body.mime, content: req.body.content, actor: ctx.actor, at: ctx.now });
      await appendAudit(tx, { districtId, actor: ctx.actor, ip: ctx.ip, at: ctx.now, action: 'file.store', entityType: 'stored_file', entityId: stored.id, nodePath: matter.node_path, summary: `上传附件「${req.body.name}」（${stored.size} 字节）`, after: { purpose: req.body.purpose, sha256: stored.sha256 } });
      await appendMatterEvent(tx, { districtId, matterId, stageId, actor: ctx.actor, kind: 'file.attached', summary: { zh: `上传附件「${req.body.name}」`, en: `Attached "${req.body.name}"` }, data: { fileId: stored.id, purpose: req.body.purpose, size: stored.size, sha256: stored.sha256 }, at: ctx.now });
      return stored;
    });
    const row = await loadFile(deps.db, districtId, info.id);
    if (!row) return fail('NOT_FOUND');
    return reply.status(201).send(presentFile(row, req.lang));
  });

  app.get('/api/files/:fileId', {
    config: { access: { kind: 'staff', permission: 'matter.read', scope: (req) => [{ entity: 'stored_file', id: (req.params as { fileId?: string }).fileId }] } },
    schema: { tags, summary: '下载附件（按所属记录的范围检查）', params: s.fileParams },
  }, async (req, reply) => {
    const row = await loadFile(deps.db, staffOf(req).districtId, req.params.fileId);
    if (!row) return fail('NOT_FOUND', { field: 'fileId' });
    reply.header('content-type', row.mime);
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`);
    reply.header('x-content-sha256', row.sha256);
    reply.header('cache-control', 'private, max-age=3600');
    return reply.send(Buffer.from(row.content));
  });
}
