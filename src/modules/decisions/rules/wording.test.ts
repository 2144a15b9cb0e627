import { describe, expect, it } from 'vitest';
import { bodyName, renderName, TERMS, word, type Term } from './wording.ts';

describe('wording follows the unit', () => {
  it('community and village words', () => {
    expect(word('community', '居民')).toBe('居民');
    expect(word('village', '居民')).toBe('村民');
    expect(word('village', '居委会')).toBe('村委会');
    expect(word('village', '居务监督委员会')).toBe('村务监督委员会');
    expect(word('village', '居民代表会议')).toBe('村民代表会议');
    expect(word('village', '居民代表会议', 'en')).toBe("villagers' representatives' assembly");
    expect(word('community', '居务监督委员会', 'en')).toBe('residents’ affairs supervision committee');
  });
  it('every community word is itself, and every village word differs from it', () => {
    for (const term of Object.keys(TERMS) as Term[]) {
      expect(word('community', term)).toBe(term);
      expect(word('village', term)).not.toBe(term);
    }
  });
  it('renders names in zh and en, leaving unknown braces alone', () => {
    expect(renderName({ zh: '{居民代表会议}或{居民会议}决议', en: 'The {居民代表会议} or {居民会议} resolves' }, 'village')).toEqual({
      zh: '村民代表会议或村民会议决议',
      en: "The villagers' representatives' assembly or villagers' meeting resolves",
    });
    expect(renderName('{居民会议}（每户）', 'community', 'en')).toBe("Residents' meeting（每户）");
    expect(renderName('{不存在}与{居民}', 'village')).toBe('{不存在}与村民');
  });
  it('body names', () => {
    expect(bodyName('representatives_assembly', 'village').zh).toBe('村民代表会议');
    expect(bodyName('two_committees', 'community').zh).toBe('两委（社区党组织、居委会）');
    expect(bodyName('two_committees', 'village').zh).toBe('两委（村党组织、村委会）');
  });
});
