/** Issue #5's pure demand rules: what the demands module (routes, commands) will import. */
export * from './categories.ts';
export * from './routing.ts';
export * from './demand-workflow.ts';
export * from './demand-deadlines.ts';
export * from './figures.ts';
export * from './rule-result.ts';
