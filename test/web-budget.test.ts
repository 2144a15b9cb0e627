import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The resident portal must stay light: at most 150 KB of gzipped JavaScript on first load (the
 * console's antd is not allowed into it). Reads the built web app (npm test builds it first).
 */
const DIST = path.resolve('web/dist');

function firstLoadScripts(htmlFile: string): string[] {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  return refs.map((ref) => path.join(DIST, ref.replace(/^\//, '')));
}

describe('web bundle budget', () => {
  it('the portal loads at most 150 KB of gzipped JavaScript, without antd', () => {
    const html = path.join(DIST, 'portal/index.html');
    expect(fs.existsSync(html), 'web/dist is missing: run npm run build:web').toBe(true);
    const files = firstLoadScripts(html);
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const file of files) {
      const code = fs.readFileSync(file);
      total += zlib.gzipSync(code).length;
      expect(code.toString()).not.toContain('ant-btn');
    }
    expect(total / 1024).toBeLessThanOrEqual(150);
  });
});
