import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSerialisation, entryHash, GENESIS_HASH, verifyChain, type ChainContent, type StoredLink } from './board-chain.ts';

const base = (seq: number, over: Partial<ChainContent> = {}): ChainContent => ({
  districtId: 'd', communityId: 'c', id: `e${seq}`, seq, columnCode: 'residents', title: `公示 ${seq}`, body: `正文 ${seq}`, personal: null,
  matterId: null, stageId: null, correctsEntryId: null, startsOn: '2026-11-23', endsOn: '2026-11-30', publishedAt: new Date(Date.UTC(2026, 10, 23, 2, seq)), publishedByName: '社区书记 王秀英', ...over,
});

function chain(contents: ChainContent[]): StoredLink[] {
  let prev = GENESIS_HASH;
  return contents.map((c) => {
    const hash = entryHash(c, prev);
    const link = { ...c, prevHash: prev, hash };
    prev = hash;
    return link;
  });
}
const headOf = (links: StoredLink[]) => ({ seq: links.length, hash: links.at(-1)?.hash ?? GENESIS_HASH });

describe('board hash chain', () => {
  it('the serialisation is canonical: key order and object identity do not matter, every field does', () => {
    const a = base(1);
    const b = Object.fromEntries(Object.entries(a).reverse()) as ChainContent;
    expect(canonicalSerialisation(a, GENESIS_HASH)).toBe(canonicalSerialisation(b, GENESIS_HASH));
    expect(entryHash(a, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...a, body: `${a.body} ` }, GENESIS_HASH)).not.toBe(entryHash(a, GENESIS_HASH));
    expect(entryHash(a, '1'.repeat(64))).not.toBe(entryHash(a, GENESIS_HASH));
    expect(entryHash({ ...a, personal: [{ name: '王五', householdSize: 3, amountCents: 126050 }] }, GENESIS_HASH)).not.toBe(entryHash({ ...a, personal: [{ name: '王五', householdSize: 3, amountCents: 126000 }] }, GENESIS_HASH));
  });
  it('an intact chain verifies; an empty board too', () => {
    const links = chain([base(1), base(2), base(3)]);
    expect(verifyChain(links, headOf(links))).toMatchObject({ ok: true, count: 3, firstBroken: null });
    expect(verifyChain([], null)).toMatchObject({ ok: true, count: 0, headHash: GENESIS_HASH });
  });
  it('names the first broken entry: changed content, relinked entry, missing middle, missing tail', () => {
    const links = chain([base(1), base(2), base(3), base(4)]);
    const head = headOf(links);
    const changed = links.map((l) => (l.seq === 2 ? { ...l, title: '改过的标题' } : l));
    expect(verifyChain(changed, head).firstBroken).toMatchObject({ seq: 2, entryId: 'e2', reason: 'hash_mismatch' });
    const rehashed = changed.map((l) => (l.seq === 2 ? { ...l, hash: entryHash(l, l.prevHash) } : l));
    expect(verifyChain(rehashed, head).firstBroken).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
    expect(verifyChain(links.filter((l) => l.seq !== 3), head).firstBroken).toMatchObject({ seq: 3, reason: 'seq_gap' });
    expect(verifyChain(links.slice(0, 3), head).firstBroken).toMatchObject({ seq: 4, reason: 'head_mismatch' });
  });
  it('any single change to any stored field of any entry is detected (property)', () => {
    const fields = ['title', 'body', 'columnCode', 'startsOn', 'endsOn', 'publishedByName', 'matterId'] as const;
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.nat(), fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 5 }), (n, pick, field, extra) => {
      const links = chain(Array.from({ length: n }, (_, i) => base(i + 1)));
      const target = (pick % n) + 1;
      const tampered = links.map((l) => (l.seq === target ? { ...l, [field]: `${String(l[field] ?? '')}${extra}` } : l));
      const verdict = verifyChain(tampered, headOf(links));
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBroken?.seq).toBe(target);
    }));
  });
});
