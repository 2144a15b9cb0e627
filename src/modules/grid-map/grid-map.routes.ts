import type { App, AppDeps } from '../../app.ts';

export function registerGridMapRoutes(app: App, deps: AppDeps): void {
  void app;
  void deps;
}
