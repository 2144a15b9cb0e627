import type { App, AppDeps } from '../../app.ts';

/** 矛盾纠纷 (issue #5): screening, disputes, mediation ladder, agreements, 一卡通. */
export function registerDisputeRoutes(_app: App, _deps: AppDeps): void {}
