import type { App, AppDeps } from '../../../app.ts';

/** Demand figures per grid / community / street and period, backlog and overdue lists. */
export function registerDemandFigureRoutes(_app: App, _deps: AppDeps): void {}
