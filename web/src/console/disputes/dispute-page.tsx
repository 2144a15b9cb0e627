/** Placeholder until the screen is built (issue #5). */
export function DisputePage({ disputeId }: { disputeId: string }) {
  return <div data-stub="DisputePage">{disputeId}</div>;
}
