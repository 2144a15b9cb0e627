import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Forward-only SQL migrations, named by timestamp, each applied in its own transaction, in name order. */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  await sql`create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())`.execute(db);
  // Serialise concurrent migrators on a real server (several app instances starting at once).
  const applied = new Set((await db.selectFrom('schema_migration').select('name').execute()).map((r) => r.name));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const done: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.sql$/, '');
    if (applied.has(name)) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(7301)`.execute(trx);
      const again = await trx.selectFrom('schema_migration').select('name').where('name', '=', name).executeTakeFirst();
      if (again) return;
      await sql.raw(text).execute(trx);
      await trx.insertInto('schema_migration').values({ name, applied_at: new Date() }).execute();
      done.push(name);
    });
  }
  return done;
}
