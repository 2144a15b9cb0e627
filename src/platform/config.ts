import path from 'node:path';

/** Runtime configuration, read once from the environment. Every setting is documented in README.md. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Fill an empty database with the demo district on start: `auto` seeds only a new embedded database. */
  seedDemo: 'auto' | 'always' | 'never';
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** The address residents reach the platform at, for links printed on notices (QR codes); null: the address a request came to. */
  publicUrl: string | null;
  /**
   * Group execution of the hottest statements (staff intake, the staff list; statement-batch.ts): at most
   * `batchMax` requests in one statement and `batchInFlight` such statements at the database at once
   * (null: for intake 1; for the list 1 on PGlite, which runs one statement at a time, and one per core on
   * PostgreSQL; see batchingOf in statement-batch.ts).
   */
  batchMax: number;
  batchInFlight: number | null;
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`配置错误 ${variable}: ${detail} (configuration error in ${variable})`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `应为 ${min}–${max} 之间的整数，实际为 "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const found = allowed.find((a) => a === raw.trim());
  if (!found) throw new ConfigError(name, `应为 ${allowed.join(' / ')} 之一，实际为 "${raw}"`);
  return found;
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', '不是有效的连接地址，应形如 postgres://user@host:5432/dbname');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `只支持 postgres:// 地址，实际协议为 "${url.protocol}"`);
  }
  return raw;
}

function publicUrl(env: Env): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', '不是有效的网址，应形如 https://gongzhi.example.gov.cn');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_URL', `只支持 http:// 或 https:// 地址，实际协议为 "${url.protocol}"`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function readConfig(env: Env = process.env): Config {
  return {
    port: integer(env, 'PORT', 3000, 1, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl: databaseUrl(env),
    seedDemo: oneOf(env, 'SEED_DEMO', 'auto', ['auto', 'always', 'never']),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutMinutes: integer(env, 'LOCKOUT_MINUTES', 5, 1, 24 * 60),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
    publicUrl: publicUrl(env),
    batchMax: integer(env, 'BATCH_MAX', 64, 1, 1000),
    batchInFlight: env.BATCH_IN_FLIGHT?.trim() ? integer(env, 'BATCH_IN_FLIGHT', 4, 1, 100) : null,
  };
}
