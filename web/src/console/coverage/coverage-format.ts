import type { CoverageDefinition, CoverageFigure, CoverageFigureCode } from '../../shared/api-types';
import { getLang } from '../../shared/i18n';

export const FIGURE_CODES: readonly CoverageFigureCode[] = ['basic_info', 'backbone', 'vulnerable_care', 'key_person', 'policy'];

/** Green from 90 %, amber from 60 %, red below; grey when there is nothing to count. */
export const LEVEL_COLORS = { good: '#389e0d', fair: '#d48806', poor: '#cf1322', none: '#bfbfbf' } as const;

export function levelColor(percent: number | null): string {
  if (percent === null) return LEVEL_COLORS.none;
  if (percent >= 90) return LEVEL_COLORS.good;
  if (percent >= 60) return LEVEL_COLORS.fair;
  return LEVEL_COLORS.poor;
}

export function isFigureCode(value: string | null): value is CoverageFigureCode {
  return FIGURE_CODES.some((code) => code === value);
}

/** The definition's texts in the interface language. */
export function definitionText(definition: CoverageDefinition): { name: string; numerator: string; denominator: string; help: string } {
  const en = getLang() === 'en';
  return {
    name: en ? definition.nameEn : definition.name,
    numerator: en ? definition.numeratorEn : definition.numerator,
    denominator: en ? definition.denominatorEn : definition.denominator,
    help: en ? definition.helpEn : definition.help,
  };
}

export function missingCount(figure: CoverageFigure): number {
  return Math.max(0, figure.denominator - figure.numerator);
}

/** Names in tooltip HTML (ECharts renders tooltips as HTML): org names are typed by people. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
