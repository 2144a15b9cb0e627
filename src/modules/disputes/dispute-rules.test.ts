import { describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/auth/actor.ts';
import { maskName, onWarningList } from './dispute-catalogue.ts';
import { attemptInstant, judicialDeadline } from './dispute.commands.ts';
import { disputeStatus, replayLadder, settlingAttempt, type StoredEvent } from './dispute-history.ts';
import { recordAccess } from './disputes.repository.ts';
import { THREE_BY_THREE } from './rules/index.ts';

const attempt = (seq: number, level: string, outcome: 'settled' | 'failed' | 'refused'): StoredEvent => ({
  seq,
  kind: 'attempt',
  at: new Date(`2026-10-0${seq}T10:00:00+08:00`),
  actor: { id: 'm', name: '调解员' },
  data: { number: seq, numberAtLevel: seq, level, at: `2026-10-0${seq}T02:00:00.000Z`, mediators: [{ id: 'm', name: '调解员' }], method: 'five_hearts', methodNote: null, outcome, record: '经过' },
});

describe('dispute rules around the ladder', () => {
  it('masks a name to its surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王秀英')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('李')).toBe('*');
  });

  it('puts high or critical risk, or any flag, on the warning list', () => {
    expect(onWarningList('low', [])).toBe(false);
    expect(onWarningList('medium', [])).toBe(false);
    expect(onWarningList('high', [])).toBe(true);
    expect(onWarningList('critical', [])).toBe(true);
    expect(onWarningList('low', ['petition'])).toBe(true);
  });

  it('gives 30 days from the agreement taking effect for judicial confirmation (人民调解法 33), across month ends', () => {
    expect(judicialDeadline('2026-10-08')).toBe('2026-11-07');
    expect(judicialDeadline('2026-12-15')).toBe('2027-01-14');
    expect(judicialDeadline('2028-02-01')).toBe('2028-03-02');
  });

  it('reads a date alone as that day (now when it is today, else noon China time)', () => {
    const now = new Date('2026-10-08T09:30:00+08:00');
    expect(attemptInstant('2026-10-08', now)).toEqual(now);
    expect(attemptInstant('2026-10-07', now).toISOString()).toBe('2026-10-07T04:00:00.000Z');
  });

  it('replays the history into the ladder state: three failures move up; a settled attempt settles', () => {
    const failed = [attempt(1, 'grid', 'failed'), attempt(2, 'grid', 'failed'), attempt(3, 'grid', 'failed')];
    const state = replayLadder(THREE_BY_THREE, failed);
    expect(state).toMatchObject({ levelIndex: 1, attemptsAtLevel: 0, status: 'mediating' });
    const settled = [...failed, attempt(4, 'comprehensive_office', 'settled')];
    expect(disputeStatus(replayLadder(THREE_BY_THREE, settled), settled)).toBe('settled');
    expect(settlingAttempt(settled)?.number).toBe(4);
    expect(settlingAttempt(failed)).toBeNull();
  });

  it('shows records to the dispute’s mediators and to supervisors over its place only', () => {
    const actor = (role: 'committee' | 'secretary' | 'mediator', path: string): StaffActor => ({ kind: 'staff', id: 'a1', districtId: 'd', username: 'x', displayName: 'x', mustChangePassword: false, bindings: [{ role, nodeId: 'n', nodePath: path, nodeName: 'n', nodeKind: 'community' }] });
    expect(recordAccess(actor('committee', '/d/s/c/'), '/d/s/c/g/', [])).toEqual({ canSee: false, asSupervisor: false });
    expect(recordAccess(actor('committee', '/d/s/c/'), '/d/s/c/g/', ['a1'])).toEqual({ canSee: true, asSupervisor: false });
    expect(recordAccess(actor('secretary', '/d/s/c/'), '/d/s/c/g/', [])).toEqual({ canSee: true, asSupervisor: true });
    expect(recordAccess(actor('secretary', '/d/s/c2/'), '/d/s/c/g/', [])).toEqual({ canSee: false, asSupervisor: false });
    expect(recordAccess(actor('mediator', '/d/s/c/'), '/d/s/c/g/', [])).toEqual({ canSee: false, asSupervisor: false });
  });
});
