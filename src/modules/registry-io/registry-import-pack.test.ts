import { describe, expect, it } from 'vitest';
import { packGoodRows, unpackGoodRows, type GoodRow } from './registry-import.repository.ts';

const row = (n: number, o: Partial<GoodRow> = {}): GoodRow => ({
  row: n, buildingId: `00000000-0000-4000-8000-00000000000${n % 3}`, household: `${n}号`, name: '王伟', gender: 'male', birthDate: '1980-01-01',
  idNumber: `11010119800101011${n}`, phone: null, relation: '户主', registration: 'registered', registeredPlace: null, movedInOn: '2020-05-01', ...o,
});

describe('good rows of an import batch, as stored', () => {
  it('round-trip through the stored form, awkward text included', () => {
    const rows = [row(2), row(3, { name: '"引号"\\反斜杠{1,2}', household: 'NULL', phone: '13912345678', registeredPlace: '换行\n后' }), row(4, { gender: 'female', registration: 'floating', movedInOn: null })];
    const stored = packGoodRows(rows);
    // What the jsonb column holds (the driver hands it back parsed): one JSON string, not a tree of values.
    const fromDatabase: unknown = JSON.parse(stored);
    expect(typeof fromDatabase).toBe('string');
    expect(unpackGoodRows(fromDatabase)).toEqual(rows);
  });

  it('still reads batches stored as a jsonb object before, and an emptied batch', () => {
    const rows = [row(2), row(3)];
    const old = JSON.parse(JSON.parse(packGoodRows(rows)) as string) as unknown;
    expect(typeof old).toBe('object');
    expect(unpackGoodRows(old)).toEqual(rows);
    expect(unpackGoodRows([])).toEqual([]);
  });
});
