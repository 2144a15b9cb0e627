import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * The key of a new row in a table that grows without end — demands (and so their events, keyed by the
 * demand), the audit log: a time-ordered UUID (version 7, RFC 9562: milliseconds since 1970, then
 * random bits; ids made in the same millisecond follow each other in order). PostgreSQL orders
 * uuids byte by byte, so each new key lands at the right edge of the primary-key index, a page that
 * stays in memory. A random (version 4) key lands on a random page of an index that outgrows memory:
 * at a million demands, intake read ~1.3 index pages from disk per demand for its two primary keys,
 * and with time-ordered keys ~0.03 (bench/README.md).
 *
 * The key says when the row was made (to the millisecond), as created_at does; it says nothing else.
 *
 * The `uuid` package lays out the bytes. Its own random source asks the system for 16 bytes per id
 * (~10 µs each under load, two ids per intake); here the random bytes come from a pool filled 512 ids
 * at a time, and the order within a millisecond is kept as the package keeps it (a counter in the bits
 * after the time, started at a random value each millisecond).
 */
export function newRowId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > last.msecs) {
    last.msecs = now;
    last.seq = (((random[6] as number) & 0x7f) << 24) | ((random[7] as number) << 16) | ((random[8] as number) << 8) | (random[9] as number);
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs++;
  }
  return v7({ random, msecs: last.msecs, seq: last.seq });
}

const last = { msecs: -Infinity, seq: 0 };
const pool = new Uint8Array(16 * 512);
let taken = pool.length;

function randomBytes16(): Uint8Array {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  taken += 16;
  return pool.subarray(taken - 16, taken);
}
