import crypto from 'node:crypto';

/**
 * The tamper-evident chain of a community's board (pure). Every entry's hash is sha256 over a canonical
 * serialisation of its content and the hash of the entry before it; the first entry follows GENESIS.
 * Changing any stored entry changes its hash, and every later entry's prev_hash then points at a hash
 * that no longer matches; the chain head (kept apart, and printed on every paper notice) catches a
 * removed tail.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_FORMAT = 'gongzhi-board-v1';

export type PersonalLine = { name: string; householdSize: number; amountCents: number };

export type ChainContent = {
  districtId: string;
  communityId: string;
  id: string;
  seq: number;
  columnCode: string;
  title: string;
  body: string;
  personal: PersonalLine[] | null;
  matterId: string | null;
  stageId: string | null;
  correctsEntryId: string | null;
  startsOn: string;
  endsOn: string;
  publishedAt: Date;
  publishedByName: string;
};

/** Keys sorted, no whitespace, numbers as integers, dates as ISO strings: the same bytes on every engine. */
export function canonicalSerialisation(content: ChainContent, prevHash: string): string {
  const value = {
    body: content.body,
    columnCode: content.columnCode,
    communityId: content.communityId,
    correctsEntryId: content.correctsEntryId,
    districtId: content.districtId,
    endsOn: content.endsOn,
    format: CHAIN_FORMAT,
    id: content.id,
    matterId: content.matterId,
    personal: content.personal === null ? null : content.personal.map((p) => ({ amountCents: Math.round(p.amountCents), householdSize: Math.round(p.householdSize), name: p.name })),
    prevHash,
    publishedAt: content.publishedAt.toISOString(),
    publishedByName: content.publishedByName,
    seq: content.seq,
    stageId: content.stageId,
    startsOn: content.startsOn,
    title: content.title,
  };
  return JSON.stringify(value);
}

export function entryHash(content: ChainContent, prevHash: string): string {
  return crypto.createHash('sha256').update(canonicalSerialisation(content, prevHash), 'utf8').digest('hex');
}

export type StoredLink = ChainContent & { prevHash: string; hash: string };

export type ChainBreak = {
  seq: number;
  entryId: string | null;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';
  message: { zh: string; en: string };
};

export type ChainVerdict = { ok: boolean; count: number; headHash: string; firstBroken: ChainBreak | null };

/**
 * Recomputes the chain in seq order and reports the first entry that does not hold. `head` is the
 * stored chain head ({ seq, hash }), or null when the community has never published.
 */
export function verifyChain(links: readonly StoredLink[], head: { seq: number; hash: string } | null): ChainVerdict {
  const sorted = [...links].sort((a, b) => a.seq - b.seq);
  let prev = GENESIS_HASH;
  for (const [i, link] of sorted.entries()) {
    const expectedSeq = i + 1;
    if (link.seq !== expectedSeq) {
      const seq = Math.min(link.seq, expectedSeq);
      return broken(sorted.length, prev, { seq, entryId: link.seq === expectedSeq ? link.id : null, reason: 'seq_gap', message: { zh: `第 ${expectedSeq} 号条目缺失或序号被改动`, en: `Entry no. ${expectedSeq} is missing or renumbered` } });
    }
    if (link.prevHash !== prev) {
      return broken(sorted.length, prev, { seq: link.seq, entryId: link.id, reason: 'prev_hash_mismatch', message: { zh: `第 ${link.seq} 号条目与前一条的链接不符（前一条或本条被改动）`, en: `Entry no. ${link.seq} does not link to the entry before it` } });
    }
    const recomputed = entryHash(link, link.prevHash);
    if (recomputed !== link.hash) {
      return broken(sorted.length, prev, { seq: link.seq, entryId: link.id, reason: 'hash_mismatch', message: { zh: `第 ${link.seq} 号条目「${link.title}」的内容与发布时不一致，已被改动`, en: `Entry no. ${link.seq} was changed after publication` } });
    }
    prev = link.hash;
  }
  const count = sorted.length;
  const headSeq = head?.seq ?? 0;
  const headHash = head?.hash ?? GENESIS_HASH;
  if (headSeq !== count || headHash !== prev) {
    return broken(count, prev, { seq: Math.min(headSeq, count) + 1, entryId: null, reason: 'head_mismatch', message: { zh: `公开栏应有 ${headSeq} 条记录，实有 ${count} 条，末尾记录被删除或改动`, en: `The board should hold ${headSeq} entries but holds ${count}` } });
  }
  return { ok: true, count, headHash: prev, firstBroken: null };
}

function broken(count: number, headHash: string, firstBroken: ChainBreak): ChainVerdict {
  return { ok: false, count, headHash, firstBroken };
}

/** The short form printed on paper notices and shown on screen (first 16 hex digits). */
export function shortHash(hash: string): string {
  return hash.slice(0, 16);
}
