import type { App, AppDeps } from '../../app.ts';

export function registerGridRoutes(app: App, deps: AppDeps): void {
  void app;
  void deps;
}
