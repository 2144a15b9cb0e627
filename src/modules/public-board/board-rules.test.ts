import { describe, expect, it } from 'vitest';
import { acceptsObjections, entryState, formatYuan, publicationPeriod, publiclyVisible, sensitiveTextFindings } from './board-rules.ts';

describe('publication period (民法典 201, 203)', () => {
  it('N days count from the day after the start', () => {
    expect(publicationPeriod({ startsOn: '2026-11-22', days: 7 })).toEqual({ startsOn: '2026-11-22', endsOn: '2026-11-29', days: 7 });
    expect(publicationPeriod({ startsOn: '2026-12-28', days: 7 })).toMatchObject({ endsOn: '2027-01-04' });
    expect(publicationPeriod({ startsOn: '2026-11-22', endsOn: '2026-11-22' })).toMatchObject({ days: 0 });
  });
  it('refuses a missing, reversed or over-long period', () => {
    expect(publicationPeriod({ startsOn: '2026-11-22' })).toEqual({ error: 'PERIOD_MISSING' });
    expect(publicationPeriod({ startsOn: '2026-11-22', endsOn: '2026-11-21' })).toEqual({ error: 'PERIOD_ORDER' });
    expect(publicationPeriod({ startsOn: '2026-11-22', days: 400 })).toEqual({ error: 'PERIOD_TOO_LONG' });
  });
  it('states by the China day: objections until 24:00 of the last day', () => {
    const e = { startsOn: '2026-11-22', endsOn: '2026-11-29', withdrawnAt: null };
    expect(entryState(e, new Date('2026-11-21T15:59:00Z'))).toBe('scheduled');
    expect(entryState(e, new Date('2026-11-21T16:00:00Z'))).toBe('in_period');
    expect(entryState(e, new Date('2026-11-29T15:59:00Z'))).toBe('in_period');
    expect(entryState(e, new Date('2026-11-29T16:00:00Z'))).toBe('ended');
    expect(entryState({ ...e, withdrawnAt: new Date() }, new Date('2026-11-25T00:00:00Z'))).toBe('withdrawn');
    expect(acceptsObjections('in_period')).toBe(true);
    expect(acceptsObjections('ended')).toBe(false);
    expect(publiclyVisible('withdrawn')).toBe(false);
    expect(publiclyVisible('scheduled')).toBe(false);
    expect(publiclyVisible('ended')).toBe(true);
  });
});

describe('personal data never reaches a notice', () => {
  it('finds valid ID numbers and mobile numbers, not other digit runs', () => {
    expect(sensitiveTextFindings('张三 11010519491231002X 补助').map((f) => f.kind)).toEqual(['id_number']);
    expect(sensitiveTextFindings('联系电话13912345678')).toHaveLength(1);
    expect(sensitiveTextFindings('合同编号 110105194912310021，金额 1260 元，电话 027-82345678')).toEqual([]);
    expect(sensitiveTextFindings('2026年11月23日 共 139 户')).toEqual([]);
  });
  it('formats yuan', () => {
    expect(formatYuan(126050)).toBe('1,260.50');
    expect(formatYuan(68000)).toBe('680.00');
    expect(formatYuan(5)).toBe('0.05');
  });
});
