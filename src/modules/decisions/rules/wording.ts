import type { BodyKind, LocalText, Unit } from './procedure-template.ts';

/**
 * Wording follows the unit: the same template reads 居民/居委会/居务监督委员会/居民代表会议 in a community
 * (城市居民委员会组织法) and 村民/村委会/村务监督委员会/村民代表会议 in a village (村民委员会组织法).
 *
 * Template names carry placeholders written as the community word in braces — `{居民代表会议}决议` — in
 * both the zh and the en text; `renderName` replaces them with the unit's word in that language.
 */
export const TERMS = {
  居民: { community: ['居民', 'residents'], village: ['村民', 'villagers'] },
  居民代表: { community: ['居民代表', "residents' representatives"], village: ['村民代表', "villagers' representatives"] },
  居民代表会议: { community: ['居民代表会议', "residents' representatives' assembly"], village: ['村民代表会议', "villagers' representatives' assembly"] },
  居民会议: { community: ['居民会议', "residents' meeting"], village: ['村民会议', "villagers' meeting"] },
  居民议事会: { community: ['居民议事会', "residents' council"], village: ['村民议事会', "villagers' council"] },
  居民小组: { community: ['居民小组', 'residents’ group'], village: ['村民小组', 'villagers’ group'] },
  居委会: { community: ['居委会', "residents' committee"], village: ['村委会', "villagers' committee"] },
  居民委员会: { community: ['居民委员会', "residents' committee"], village: ['村民委员会', "villagers' committee"] },
  居务监督委员会: { community: ['居务监督委员会', 'residents’ affairs supervision committee'], village: ['村务监督委员会', 'village affairs supervision committee'] },
  居务: { community: ['居务', "residents' affairs"], village: ['村务', 'village affairs'] },
  社区: { community: ['社区', 'community'], village: ['村', 'village'] },
  社区党组织: { community: ['社区党组织', 'community party organisation'], village: ['村党组织', 'village party organisation'] },
} as const satisfies Record<string, Record<Unit, readonly [string, string]>>;
export type Term = keyof typeof TERMS;

export function isTerm(s: string): s is Term {
  return Object.hasOwn(TERMS, s);
}

/** The unit's word for a term, in zh (default) or en. */
export function word(unit: Unit, term: Term, lang: 'zh' | 'en' = 'zh'): string {
  const [zh, en] = TERMS[term][unit];
  return lang === 'zh' ? zh : en;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

function renderText(text: string, unit: Unit, lang: 'zh' | 'en'): string {
  const out = text.replace(PLACEHOLDER, (whole, inner: string) => (isTerm(inner) ? word(unit, inner, lang) : whole));
  // An English text that starts with a placeholder starts with a capital.
  return lang === 'en' && text.startsWith('{') && out.length > 0 ? out[0]!.toUpperCase() + out.slice(1) : out;
}

/** Replace the unit placeholders of a name ({居民代表会议} → 居民代表会议 / 村民代表会议). Unknown braces stay. */
export function renderName(name: LocalText, unit: Unit): { zh: string; en: string };
export function renderName(name: string, unit: Unit, lang?: 'zh' | 'en'): string;
export function renderName(name: LocalText | string, unit: Unit, lang: 'zh' | 'en' = 'zh'): LocalText | string {
  if (typeof name === 'string') return renderText(name, unit, lang);
  return { zh: renderText(name.zh, unit, 'zh'), en: renderText(name.en, unit, 'en') };
}

/** Placeholders used in a text that are not known terms (validateTemplate reports them). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((t) => !isTerm(t));
}

const BODY_NAMES: Record<BodyKind, LocalText> = {
  two_committees: { zh: '两委（{社区党组织}、{居委会}）', en: 'two committees ({社区党组织}, {居委会})' },
  party_organisation: { zh: '{社区党组织}', en: '{社区党组织}' },
  party_council: { zh: '党员议事会', en: "party members' council" },
  party_general_meeting: { zh: '党员大会', en: "party members' general meeting" },
  representatives_assembly: { zh: '{居民代表会议}', en: '{居民代表会议}' },
  residents_meeting: { zh: '{居民会议}', en: '{居民会议}' },
  owners_assembly: { zh: '业主大会', en: "owners' assembly" },
  residents_council: { zh: '{居民议事会}', en: '{居民议事会}' },
  experts: { zh: '法律及专业人士', en: 'legal and professional experts' },
  stakeholders: { zh: '恳谈会（利益相关方）', en: 'stakeholder talks' },
};

/** The body's name in the unit's words. */
export function bodyName(body: BodyKind, unit: Unit): LocalText {
  return renderName(BODY_NAMES[body], unit);
}
