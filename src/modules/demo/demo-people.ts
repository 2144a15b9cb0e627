import { idNumberCheckChar } from '../../platform/security/id-number.ts';

/** Deterministic pseudo-random people for the demo district and the benchmark (no real persons). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟强磊军勇杰涛明超刚平辉鹏华飞斌宇浩凯健俊帆帅旭宁龙林洋志国建文斌海波成鑫';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀玲桂英兰萍红燕琳婷雪慧倩颖佳欣怡梅琴云莉洁晶璐瑶彤';

export function pick<T>(rand: () => number, list: readonly T[] | string): T {
  const i = Math.floor(rand() * list.length);
  return (typeof list === 'string' ? list[i] : list[i]) as T;
}

export function personName(rand: () => number, gender: 'male' | 'female', surname?: string): string {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const family = surname ?? pick<string>(rand, SURNAMES);
  return rand() < 0.6 ? family + pick<string>(rand, pool) + pick<string>(rand, pool) : family + pick<string>(rand, pool);
}

export function surnameOf(rand: () => number): string {
  return pick<string>(rand, SURNAMES);
}

/** A valid 18-digit ID number; `serial` (0–999) makes it unique among people born the same day in the area. */
export function makeIdNumber(area: string, birthDate: string, gender: 'male' | 'female', serial: number): string {
  const seq = serial % 500; // 0–499, times two plus parity gives 0–999
  const three = String(seq * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = area + birthDate.replaceAll('-', '') + three;
  return first17 + idNumberCheckChar(first17);
}

export function birthDateFor(rand: () => number, age: number, today: Date): string {
  const year = today.getUTCFullYear() - age;
  const day = Math.floor(rand() * 365);
  const d = new Date(Date.UTC(year, 0, 1 + day));
  if (d.getTime() > today.getTime()) d.setUTCFullYear(year - 1);
  return d.toISOString().slice(0, 10);
}

export function mobilePhone(rand: () => number): string {
  const prefixes = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '187', '189'];
  return pick<string>(rand, prefixes) + String(Math.floor(rand() * 1e8)).padStart(8, '0');
}
