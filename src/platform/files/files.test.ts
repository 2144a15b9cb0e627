import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { decodeBase64, MAX_FILE_BYTES } from './files.ts';

describe('file store input', () => {
  it('decodes base64 with or without a data: prefix and whitespace', () => {
    expect(Buffer.from(decodeBase64('aGVsbG8=')).toString()).toBe('hello');
    expect(Buffer.from(decodeBase64('data:text/plain;base64,aGVs\nbG8=')).toString()).toBe('hello');
  });
  it('refuses text that is not base64 with FILE_CONTENT_INVALID', () => {
    for (const bad of ['a', 'abc*', '你好']) {
      try {
        decodeBase64(bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('FILE_CONTENT_INVALID');
      }
    }
  });
  it('keeps the byte limit within a 1 MB JSON body', () => {
    expect(Math.ceil(MAX_FILE_BYTES / 3) * 4).toBeLessThan(1024 * 1024 - 2048);
  });
});
