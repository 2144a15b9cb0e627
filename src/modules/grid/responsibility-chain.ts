/**
 * 五级负责 (seed 003): every household has a first responsible person and a chain above (building →
 * grid → community → …). Due work goes to the first person in the chain who holds the work's role; when
 * that person is absent (leave, sickness), it passes to the next present person above, and returns by
 * itself when they are back (nothing is reassigned in storage). Pure.
 */
export type ChainLink = { accountId: string; role: string; name: string };
export type Absence = { accountId: string; startsOn: string; endsOn: string };
export type Assignment = { accountId: string; name: string; role: string; standingInFor: { accountId: string; name: string } | null };

export function isAbsent(absences: readonly Absence[], accountId: string, today: string): boolean {
  return absences.some((a) => a.accountId === accountId && a.startsOn <= today && today <= a.endsOn);
}

export function assigneeFor(input: { chain: readonly ChainLink[]; role: string; absences: readonly Absence[]; today: string }): Assignment | null {
  const { chain, role, absences, today } = input;
  const firstIndex = chain.findIndex((link) => link.role === role);
  if (firstIndex < 0) return null;
  const first = chain[firstIndex];
  if (!first) return null;
  for (let i = firstIndex; i < chain.length; i++) {
    const link = chain[i];
    if (!link || isAbsent(absences, link.accountId, today)) continue;
    return { ...link, standingInFor: i === firstIndex ? null : { accountId: first.accountId, name: first.name } };
  }
  return null; // everyone up the chain is away: the item stays with nobody and shows as unassigned
}
