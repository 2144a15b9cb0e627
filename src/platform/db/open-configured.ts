import type { Config } from '../config.ts';
import { openDatabase, type Database } from './database.ts';

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl ? openDatabase({ engine: 'postgres', url: config.databaseUrl }) : openDatabase({ engine: 'pglite', dataDir: config.dataDir });
}
