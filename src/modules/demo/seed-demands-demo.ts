import type { Db } from '../../platform/db/database.ts';

/** Demo demands (民情诉求) in 百步亭花园社区, made through the real commands. Filled in by issue #5's console work. */
export async function seedDemandsDemo(_tx: Db, _input: { districtId: string; now: Date }): Promise<void> {}
