/** What other modules may import from the coverage module. */
export { coverageByGroup, COVERAGE_NODE_KINDS } from './compute-coverage.ts';
export { FIGURE_CODES, FIGURE_DEFINITIONS, type FigureCode } from './coverage.definitions.ts';
export { figureDefinitionSchema, figureSetSchema } from './coverage.schema.ts';
export { localDate, presentFigures, rollUp, type FigureSet } from './coverage.ts';
