import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';

const VERSION = '0.1.0';

export function registerMetaRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    {
      config: { access: { kind: 'public' } },
      schema: { tags: ['平台'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) } },
    },
    async () => {
      await deps.db.selectFrom('district').select('district_id').limit(1).execute();
      return { status: 'ok' as const, database: deps.engine, version: VERSION };
    },
  );

  app.get(
    '/api/meta',
    {
      config: { access: { kind: 'public' } },
      schema: { tags: ['平台'], summary: '平台信息', response: { 200: z.object({ productName: z.string(), districtName: z.string().nullable(), demo: z.boolean() }) } },
    },
    async () => {
      const districts = await deps.db.selectFrom('district').select(['name', 'code']).limit(2).execute();
      const first = districts[0];
      return { productName: '共治', districtName: districts.length === 1 && first ? first.name : null, demo: districts.some((d) => d.code === 'DEMO') };
    },
  );
}
