import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** The real `gongzhi serve` in a child process, as a user starts it, on a port of its own. */
export type ServerProcess = { url: string; output: () => string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.resolve('bin/gongzhi.mjs'), 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    // Seeding the demo district takes ~30 s on a quiet 2-core machine and minutes under load.
    const startLimitMs = Number(process.env.GZ_SERVER_START_MS ?? 240_000);
    const timer = setTimeout(() => reject(new Error(`server did not start in ${startLimitMs / 1000} s:\n${output}`)), startLimitMs);
    const check = setInterval(() => {
      if (output.includes('已启动')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/**
 * A fresh server with the demo district on the given engine: a new embedded data folder, or a new
 * PostgreSQL database (seeded because SEED_DEMO=always). `stop()` removes the folder / database.
 */
export async function startDemoServer(engine: 'pglite' | 'postgres'): Promise<ServerProcess> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const pg = (await import('pg')).default;
  const { PG_ADMIN_URL, withDatabaseName } = await import('../../support/engines.ts');
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-'));
    const server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: '' });
    return { ...server, stop: async () => { await server.stop(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `gongzhi_test_e2e_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-e2e-pg-'));
  const server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: withDatabaseName(PG_ADMIN_URL, name), SEED_DEMO: 'always' });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      const cleanup = new pg.Client({ connectionString: PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await cleanup.end();
    },
  };
}

/** The engines the browser journeys run on: PGlite always, PostgreSQL when the run has a server. */
export function e2eEngines(): ('pglite' | 'postgres')[] {
  return process.env.GZ_PG_AVAILABLE === '1' ? ['pglite', 'postgres'] : ['pglite'];
}
