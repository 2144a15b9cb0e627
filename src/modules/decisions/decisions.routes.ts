import type { App, AppDeps } from '../../app.ts';
import { registerMatterRoutes } from './matters/matters.routes.ts';
import { registerMeetingRoutes } from './meetings/meetings.routes.ts';

/** 议事决策: matters (议题) with their stages, and the meetings that act at those stages. */
export function registerDecisionRoutes(app: App, deps: AppDeps): void {
  registerMatterRoutes(app, deps);
  registerMeetingRoutes(app, deps);
}
