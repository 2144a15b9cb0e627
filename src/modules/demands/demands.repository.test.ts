import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize } from './demands.repository.ts';

/** A time as PostgreSQL writes timestamptz into JSON in UTC: microseconds, trailing zeros dropped. */
function dbText(ms: number, micros: number): string {
  const base = new Date(ms - (ms % 1000)).toISOString().slice(0, 19);
  const fraction = String((ms % 1000) * 1000 + micros).padStart(6, '0').replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}+00:00`;
}

describe('summarize: a list row from the database’s JSON text reads the same as from Dates', () => {
  it('for any times, statuses and fractions of a second', () => {
    const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
    fc.assert(
      fc.property(time, time, fc.option(time, { nil: null }), fc.option(time, { nil: null }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('received', 'routed', 'accepted', 'done', 'closed'), fc.constantFrom('zh', 'en'), time,
        (created, respond, finish, responded, micros, status, lang, now) => {
          const base = { id: 'x', title: '楼道灯坏了', channel: 'hotline', category_code: 'property.repair', status, handling_level: 'community', lead_body: 'community_committee', rating: null } as const;
          const fromDates = summarize({ ...base, created_at: new Date(created), respond_by: new Date(respond), finish_by: finish === null ? null : new Date(finish), responded_at: responded === null ? null : new Date(responded) }, new Date(now), lang);
          const fromText = summarize({ ...base, created_at: dbText(created, micros), respond_by: dbText(respond, 0), finish_by: finish === null ? null : dbText(finish, micros), responded_at: responded === null ? null : dbText(responded, 0) }, new Date(now), lang);
          expect(fromText).toEqual(fromDates);
        }),
    );
  });

  it('a time in another zone is converted, not cut', () => {
    const row = { id: 'x', title: 't', channel: 'hotline', category_code: 'property.repair', status: 'received', handling_level: null, lead_body: null, rating: null, respond_by: '2026-11-23T09:00:00.5+08:00', finish_by: null, responded_at: null, created_at: '2026-11-23T08:00:00+08:00' } as const;
    expect(summarize(row, new Date('2026-11-23T00:00:00Z'), 'zh')).toMatchObject({ respondBy: '2026-11-23T01:00:00.500Z', createdAt: '2026-11-23T00:00:00.000Z' });
  });
});
