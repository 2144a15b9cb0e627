import { defineConfig } from 'vitest/config';

// Tiers by suffix: *.test.ts pure rules; *.db.test.ts routes and use cases against PGlite and PostgreSQL;
// test/e2e/*.e2e.ts browser journeys in Debian's chromium.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.db.test.ts', '**/node_modules/**'] } },
      { extends: true, test: { name: 'db', include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.e2e.ts'], fileParallelism: false, testTimeout: 90_000 } },
    ],
  },
});
