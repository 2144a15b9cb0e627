import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportDatabase, importDatabase } from '../../src/platform/backup.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { describeEachEngine } from '../support/test-database.ts';
import { sql } from 'kysely';
import { statementBatcher } from '../../src/platform/db/statement-batch.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describeEachEngine('platform: health, OpenAPI, errors, backup', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('answers health and meta without signing in', async () => {
    const health = await t.call('GET', '/api/health');
    expect(health.json()).toMatchObject({ status: 'ok', database: engine });
    expect((await t.call('GET', '/api/meta')).json()).toMatchObject({ productName: '共治', districtName: '东湖区（演示）', demo: true });
  });

  it('serves the OpenAPI document and the browsable docs', async () => {
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toContain('/api/org/nodes/{nodeId}');
    const ui = await t.call('GET', '/api/docs/');
    expect(ui.statusCode).toBe(200);
  });

  it('a batch statement that fails writes nothing; its items go again alone, each with its own result or error', async () => {
    const db = t.database.db;
    await sql`create table batch_probe (n int primary key)`.execute(db);
    // One statement for the batch; 1/(n - 13) fails for item 13 (division by zero).
    const send = statementBatcher(async (items: readonly number[]) =>
      (await sql<{ n: number }>`insert into batch_probe select n + 0 * (1 / (n - 13)) from unnest(${[...items]}::int[]) with ordinality u(n, i) order by i returning n`.execute(db)).rows.map((r) => r.n));
    const results = await Promise.allSettled([11, 12, 13, 14].map((n) => send(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    expect(send.stats).toEqual({ statements: 5, items: 8, largest: 4 });
    const rows = (await sql<{ n: number }>`select n from batch_probe order by n`.execute(db)).rows.map((r) => r.n);
    expect(rows).toEqual([11, 12, 14]); // each once: the failed batch left nothing behind
    await sql`drop table batch_probe`.execute(db);
  });

  it('a jsonb parameter sent as bytes arrives as the same value; a text one still does (on PGlite it goes as bytes too)', async () => {
    const value = [{ title: '楼道灯坏了 "三楼"\\', emoji: '🏠', n: 1.5, nested: { ok: true, none: null }, list: ['网格', ''] }, { title: '' }];
    const bytes = Buffer.from([1, ...Buffer.from(JSON.stringify(value))]); // jsonb's binary form: version 1, then the text
    const asBytes = await sql<{ v: unknown; k: string }>`select ${bytes}::jsonb as v, jsonb_typeof(${bytes}::jsonb) as k`.execute(t.database.db);
    expect(asBytes.rows[0]).toEqual({ v: value, k: 'array' });
    const asText = await sql<{ v: unknown }>`select ${JSON.stringify(value)}::jsonb as v`.execute(t.database.db);
    expect(asText.rows[0]?.v).toEqual(value);
    const wrongVersion = Buffer.from([2, ...Buffer.from('[]')]);
    await expect(sql`select ${wrongVersion}::jsonb`.execute(t.database.db)).rejects.toThrow(/version/);
  });

  it('an unknown API route gets the one error shape, never a 500', async () => {
    const res = await t.call('GET', '/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const badUuid = await t.call('GET', '/api/org/nodes/not-a-uuid', { cookie: await t.login('admin') });
    expect(badUuid.statusCode).toBe(400);
    expect(badUuid.json().message).toBe('「组织节点编号」编号格式不正确');
  });

  it('exports the whole database and restores it into an empty one (engine-neutral)', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
    const file = path.join(dir, 'backup.jsonl.gz');
    try {
      const exported = await exportDatabase(t.database.db, file);
      expect(exported.resident).toBeGreaterThan(4000);
      const target = await openDatabase({ engine: 'pglite-memory' });
      try {
        await migrate(target.db);
        // Its first two queries answer late, as a busy database would: the file is still read from its first line.
        let late = 2;
        const busy = target.db.withPlugin({
          transformQuery: (args) => args.node,
          transformResult: async (args) => (late-- > 0 ? new Promise((resolve) => setTimeout(() => resolve(args.result), 300)) : args.result),
        });
        const imported = await importDatabase(busy, file);
        expect(imported).toEqual(Object.fromEntries(Object.entries(exported).filter(([, n]) => n > 0)));
        const sample = await t.database.db.selectFrom('resident').select(['id', 'id_number', 'birth_date']).orderBy('id').limit(1).executeTakeFirstOrThrow();
        const copy = await target.db.selectFrom('resident').select(['id', 'id_number', 'birth_date']).where('id', '=', sample.id).executeTakeFirstOrThrow();
        expect(copy).toEqual(sample);
        await expect(importDatabase(target.db, file)).rejects.toThrow(/空数据库/);
      } finally {
        await target.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
