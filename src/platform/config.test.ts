import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('configuration', () => {
  it('has documented defaults', () => {
    const c = readConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(c.sessionIdleMinutes).toBe(30);
    expect([c.batchMax, c.batchInFlight]).toEqual([64, null]); // null: 1 on PGlite, 4 on PostgreSQL (app.ts)
  });
  it('a bad setting stops the start with a message that names it', () => {
    expect(() => readConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => readConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
    expect(() => readConfig({ PUBLIC_URL: 'ftp://gongzhi.example.cn' })).toThrow(/PUBLIC_URL/);
    expect(() => readConfig({ PUBLIC_URL: 'gongzhi' })).toThrow(/PUBLIC_URL/);
    expect(() => readConfig({ BATCH_MAX: '0' })).toThrow(/BATCH_MAX/);
    expect(() => readConfig({ BATCH_IN_FLIGHT: 'many' })).toThrow(/BATCH_IN_FLIGHT/);
  });
  it('keeps the public address without a trailing slash', () => {
    expect(readConfig({}).publicUrl).toBeNull();
    expect(readConfig({ PUBLIC_URL: 'https://gongzhi.example.cn/' }).publicUrl).toBe('https://gongzhi.example.cn');
    expect(readConfig({ PUBLIC_URL: 'https://example.cn/gz/' }).publicUrl).toBe('https://example.cn/gz');
  });
});
