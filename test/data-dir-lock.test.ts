import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../src/platform/db/data-dir-lock.ts';

const bin = path.resolve('bin/gongzhi.mjs');

describe('exclusive lock on the embedded data folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-lock-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a second lock in the same process is refused, and the folder can be locked again after release', () => {
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    const again = lockDataDir(dir);
    again.release();
  });

  it('a stale lock left by a dead process is taken over', () => {
    fs.writeFileSync(path.join(dir, 'gongzhi.lock'), '999999');
    const lock = lockDataDir(dir);
    lock.release();
  });

  it('a second process (the CLI) is refused with a clear message while the server holds the folder', async () => {
    const holder = spawn(process.execPath, ['-e', `
      import('${path.resolve('node_modules/tsx/dist/esm/api/index.mjs').replaceAll('\\', '/')}').then(async ({ register }) => {
        register();
        const { lockDataDir } = await import('${path.resolve('src/platform/db/data-dir-lock.ts').replaceAll('\\', '/')}');
        lockDataDir(${JSON.stringify(dir)});
        console.log('locked');
        setTimeout(() => {}, 60000);
      });
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => (d.toString().includes('locked') ? resolve() : undefined));
        holder.on('exit', () => reject(new Error('holder exited')));
        setTimeout(() => reject(new Error('holder did not lock in time')), 20000);
      });
      const second = spawnSync(process.execPath, [bin, 'migrate'], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 30000 });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain('数据目录正被另一个进程');
      expect(second.stderr).toContain(String(holder.pid));
      expect(fs.existsSync(path.join(dir, 'pglite'))).toBe(false); // it never opened the database
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
