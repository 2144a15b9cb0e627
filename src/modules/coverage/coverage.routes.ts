import type { App, AppDeps } from '../../app.ts';

export function registerCoverageRoutes(app: App, deps: AppDeps): void {
  void app;
  void deps;
}
