/** The pure rules of democratic decisions (issue #3): what MATTERS, MEETINGS, BOARD and the console import. */
export * from './procedure-template.ts';
export * from './shipped-procedures.ts';
export * from './tally.ts';
export * from './wording.ts';
export * from './stage-gate.ts';
export * from './periods.ts';
export * from './progress.ts';
