import type { App, AppDeps } from '../../app.ts';

export function registerRegistryIoRoutes(app: App, deps: AppDeps): void {
  void app;
  void deps;
}
