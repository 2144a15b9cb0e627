/** Placeholder until the screen is built (issue #5). */
export function DemandPage({ demandId }: { demandId: string }) {
  return <div data-stub="DemandPage">{demandId}</div>;
}
