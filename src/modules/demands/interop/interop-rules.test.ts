import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../demand-store.ts';
import { HOTLINE_CATEGORY_ALIASES, mapHotlineCategory } from './hotline-categories.ts';
import { checkTicket, parseChinaTime, ticketText } from './hotline-tickets.ts';
import { chinaTime, requestOf, statusNotes, xmlList, type RequestFacts } from './open311-format.ts';

const now = new Date('2026-11-23T01:00:00Z');

describe('12345 category mapping (data)', () => {
  it('every alias points at a category that exists', () => {
    const codes = new Set(CATEGORIES.map((c) => c.code));
    for (const code of Object.keys(HOTLINE_CATEGORY_ALIASES)) expect(codes.has(code), code).toBe(true);
  });
  it('maps hotline wording, our names and codes; "大类/小类" takes the known part; unknown is null', () => {
    expect(mapHotlineCategory('噪音扰民')).toBe('environment');
    expect(mapHotlineCategory(' 电梯 困人 ')).toBe('property.lift');
    expect(mapHotlineCategory('垃圾清运')).toBe('environment.garbage');
    expect(mapHotlineCategory('municipal.road')).toBe('municipal.road');
    expect(mapHotlineCategory('城市管理/路灯不亮')).toBe('municipal.streetlight');
    expect(mapHotlineCategory('火星来信')).toBeNull();
  });
});

describe('12345 ticket checks', () => {
  const good = { ticketNo: 'GD-1', calledAt: '2026-11-23 08:30', content: '路灯不亮', category: '路灯不亮' };
  it('reads China wall-clock times and refuses impossible dates', () => {
    expect(parseChinaTime('2026-11-23 08:30')?.toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(parseChinaTime('2026/11/23 8:30:15')?.toISOString()).toBe('2026-11-23T00:30:15.000Z');
    expect(parseChinaTime('2026年11月23日 08:30')?.toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(parseChinaTime('2026-11-23T08:30:00+08:00')?.toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(parseChinaTime('2026-02-30 09:00')).toBeNull();
    expect(parseChinaTime('2026-11-23 25:00')).toBeNull();
    expect(parseChinaTime('昨天')).toBeNull();
  });
  it('a good ticket passes; each bad field is named with its value', () => {
    const ok = checkTicket(good, now);
    expect(ok.ok && ok.ticket.category).toBe('municipal.streetlight');
    const bad = checkTicket({ ticketNo: 'GD 1', calledAt: '2026-11-24 09:00', callerPhone: 'abc', content: '', category: '外星', limitWorkingDays: '0' }, now);
    expect(bad.ok).toBe(false);
    const reasons = bad.ok ? '' : bad.reasons.join('\n');
    for (const part of ['「诉求内容」不能为空', '「工单编号」GD 1', '「来电时间」2026-11-24 09:00 晚于现在', '「联系电话」abc', '「诉求分类」「外星」', '「办理时限(工作日)」0']) expect(reasons).toContain(part);
  });
  it('the demand title is the start of the content; the description keeps the address and ticket number', () => {
    const ok = checkTicket({ ...good, content: '一'.repeat(60), address: '幸福路 1 号' }, now);
    if (!ok.ok) throw new Error('expected ok');
    const text = ticketText(ok.ticket);
    expect(text.title).toBe(`12345：${'一'.repeat(40)}…`);
    expect(text.description).toContain('诉求地址：幸福路 1 号');
    expect(text.description).toContain('GD-1');
  });
});

describe('Open311 shapes', () => {
  const facts: RequestFacts = {
    id: 'r1', status: 'accepted', categoryCode: 'environment', categoryName: '环境卫生', level: 'grid', bodyName: '网格工作站', areaName: '百步亭花园社区第一网格',
    finishBy: new Date('2026-11-30T15:59:59Z'), createdAt: now, updatedAt: now, doneAt: null, outcomeName: null, notice: 'n', address: null, lat: 30.6, lng: 114.3, mediaUrl: null,
  };
  it('maps our richer states to open/closed with status notes', () => {
    expect(statusNotes(facts)).toBe('已受理，由百步亭花园社区第一网格 网格工作站办理；办结时限 2026-11-30');
    expect(requestOf(facts)).toMatchObject({ status: 'open', expected_datetime: '2026-11-30T23:59:59+08:00', long: 114.3 });
    expect(requestOf({ ...facts, status: 'suspended' }).status).toBe('open');
    expect(requestOf({ ...facts, status: 'done', outcomeName: '已解决' })).toMatchObject({ status: 'closed', expected_datetime: null, status_notes: '已办结：已解决，待评价' });
    expect(requestOf({ ...facts, status: 'merged' }).status).toBe('closed');
    expect(chinaTime(now)).toBe('2026-11-23T09:00:00+08:00');
  });
  it('XML escapes text and writes empty values as empty elements', () => {
    const xml = xmlList('service_requests', 'request', [{ service_request_id: 'a&b', address: null, note: '<x>' }]);
    expect(xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>a&amp;b</service_request_id><address/><note>&lt;x&gt;</note></request></service_requests>');
  });
});
