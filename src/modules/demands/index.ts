/** What other modules use from demands (12345 import, disputes, figures): intake, commands, scope and permissions. */
export { receiveDemand, type IntakeInput, type IntakeResult, type PossibleDuplicate } from './intake.commands.ts';
export { handleDemand, demandScope, type DemandCommand } from './handling.commands.ts';
export { DEMAND_PERMISSIONS, CATEGORIES, ROUTING_RULES } from './demand-store.ts';
export { demandBatchLimits, demandBatchStats, registerDemandRoutes } from './demands.routes.ts';
