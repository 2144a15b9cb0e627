/** Issue #5's pure dispute rules: ladders, the step function, screening cadence and the success rate. */
export * from './ladders.ts';
export * from './mediation-ladder.ts';
export * from './screening.ts';
export * from './mediation-figures.ts';
export * from './mediator-assignment.ts';
