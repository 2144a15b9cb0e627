import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The command line as an operator uses it: each command is a separate process on a data folder. */
const bin = path.resolve('bin/gongzhi.mjs');
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 120_000 });

describe('gongzhi command line', { timeout: 180_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-cli-'));
  const first = path.join(root, 'first');
  const second = path.join(root, 'second');
  const backup = path.join(root, 'backup.jsonl.gz');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a bad setting stops with a message that names it', () => {
    const r = run(['migrate'], { DATA_DIR: first, PORT: 'abc' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
  });

  it('create-admin makes a district and its administrator; a weak password is refused', () => {
    const weak = run(['create-admin', '--username', 'zhang', '--password', 'short', '--district', '测试区'], { DATA_DIR: first });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('密码不符合要求');
    const ok = run(['create-admin', '--username', 'zhang', '--password', 'Strong@2026', '--name', '张管理员', '--district', '测试区'], { DATA_DIR: first });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('已创建管理员 zhang（测试区）');
  });

  it('export and import carry the whole database to a new data folder; import refuses a non-empty one', () => {
    const exported = run(['export', backup], { DATA_DIR: first });
    expect(exported.status, exported.stderr).toBe(0);
    expect(fs.statSync(backup).size).toBeGreaterThan(100);
    const imported = run(['import', backup], { DATA_DIR: second });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/account: 1/);
    const again = run(['import', backup], { DATA_DIR: second });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('空数据库');
  });
});
