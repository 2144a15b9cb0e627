import { CATEGORIES } from '../demand-store.ts';

/**
 * 12345 hotline category text → our category code, as data. The hotline's own classification differs by
 * city; each line lists the names and common aliases a 12345 work order uses. Matching ignores spaces and
 * full-width punctuation; our own category names (垃圾清运, 电梯故障 …) and codes always match too.
 */
export const HOTLINE_CATEGORY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'environment.garbage': ['垃圾清运', '垃圾堆放', '生活垃圾', '垃圾分类', '乱扔垃圾', '建筑垃圾'],
  'environment.greening': ['绿化养护', '绿化', '树木修剪', '毁绿', '绿地'],
  environment: ['环境卫生', '市容环境', '卫生死角', '噪音扰民', '噪声扰民', '油烟扰民', '异味', '污水外溢', '环境污染'],
  'property.repair': ['公共设施报修', '设施维修', '小区设施', '屋面渗漏', '管道堵塞', '门禁损坏'],
  'property.lift': ['电梯故障', '电梯', '电梯困人', '电梯维修'],
  property: ['物业管理', '物业服务', '物业纠纷', '停车管理', '物业收费'],
  neighbour: ['邻里关系', '邻里纠纷', '邻里矛盾', '宠物扰民', '占用公共空间'],
  safety: ['安全隐患', '消防隐患', '消防通道堵塞', '燃气安全', '高空抛物', '飞线充电', '电动车充电'],
  'welfare.assistance': ['低保与救助', '低保', '临时救助', '困难救助', '特困供养'],
  'welfare.elderly': ['养老服务', '养老', '老年人服务', '助餐', '居家养老'],
  welfare: ['社会保障', '社保', '医保', '就业', '残疾人服务'],
  'municipal.road': ['道路破损', '路面破损', '道路坑洼', '人行道破损', '井盖缺失', '井盖破损'],
  'municipal.streetlight': ['路灯不亮', '路灯故障', '路灯', '照明设施'],
  municipal: ['市政设施', '市政', '排水设施', '供水', '停水', '停电'],
  policy: ['政策咨询', '咨询', '业务咨询', '政策解读'],
  other: ['其他', '其它', '综合'],
};

const normalize = (text: string): string => text.replace(/[\s\u3000·、，,。/／\\-]/g, '').toLowerCase();

const LOOKUP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const c of CATEGORIES) {
    map.set(normalize(c.code), c.code);
    map.set(normalize(c.name.zh), c.code);
  }
  for (const [code, aliases] of Object.entries(HOTLINE_CATEGORY_ALIASES)) for (const alias of aliases) map.set(normalize(alias), code);
  return map;
})();

/** Our category code for a 12345 category text; also accepts "大类/小类" (the most specific known part wins). */
export function mapHotlineCategory(text: string): string | null {
  const whole = LOOKUP.get(normalize(text));
  if (whole) return whole;
  const parts = text.split(/[/／>＞\-—]/).map((p) => p.trim()).filter(Boolean).reverse();
  for (const part of parts) {
    const code = LOOKUP.get(normalize(part));
    if (code) return code;
  }
  return null;
}
