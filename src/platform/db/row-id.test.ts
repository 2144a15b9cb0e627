import { describe, expect, it } from 'vitest';
import { newRowId } from './row-id.ts';

describe('newRowId', () => {
  it('is a version-7 UUID whose first 48 bits are the time in milliseconds', () => {
    const before = Date.now();
    const id = newRowId();
    const after = Date.now();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('makes keys in the order PostgreSQL sorts uuids (byte by byte), also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    // Lower-case hex of equal length: string order is byte order.
    expect([...ids].sort()).toEqual(ids);
  });
});
