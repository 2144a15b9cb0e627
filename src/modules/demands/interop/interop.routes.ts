import type { App, AppDeps } from '../../../app.ts';
import { registerHotlineRoutes } from './hotline.routes.ts';
import { registerOpen311Routes } from './open311.routes.ts';

/** Open311 GeoReport v2 and the 12345 hotline transfers (file import and API), with their API keys. */
export function registerDemandInteropRoutes(app: App, deps: AppDeps): void {
  registerHotlineRoutes(app, deps);
  registerOpen311Routes(app, deps);
}
