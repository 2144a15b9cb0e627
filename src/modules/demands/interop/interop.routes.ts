import type { App, AppDeps } from '../../../app.ts';

/** Open311 GeoReport v2 and the 12345 hotline transfers (file import and API). */
export function registerDemandInteropRoutes(_app: App, _deps: AppDeps): void {}
