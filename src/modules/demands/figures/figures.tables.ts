import type { OutcomeResult, Rating } from '../rules/demand-workflow.ts';

/**
 * Columns the figures add to the cached demand row (migration 20261122T2330_demand-figures), and the
 * per-unit, per-day sums of settled demands kept by triggers (see the migration for the design).
 */
declare module '../demands.tables.ts' {
  interface DemandTable {
    /** The outcome of the latest "done" (null while open). */
    outcome_result: OutcomeResult | null;
    /** The latest rating given, an unsatisfied one included (the figures count the latest). */
    last_rating: Rating | null;
  }
}

export interface DemandFigureDayTable {
  district_id: string;
  /** The grid's path, or the community's for demands placed above any grid. */
  unit_path: string;
  /** China date of receipt. */
  day: string;
  received: number;
  responded_on_time: number;
  done_same_day: number;
  done_on_time: number;
  resolved: number;
  rated: number;
  satisfied: number;
}

/** The same sums per month (`month` is the month's first day). */
export type DemandFigureMonthTable = Omit<DemandFigureDayTable, 'day'> & { month: string };

declare module '../../../platform/db/schema.ts' {
  interface DB {
    demand_figure_day: DemandFigureDayTable;
    demand_figure_month: DemandFigureMonthTable;
  }
}
