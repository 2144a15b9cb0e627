import type { Db } from '../../platform/db/database.ts';

/** Demo disputes and weekly screening reports, made through the real commands. Filled in by issue #5's dispute work. */
export async function seedDisputesDemo(_tx: Db, _input: { districtId: string; now: Date }): Promise<void> {}
