/** Placeholder until the screen is built (issue #5). */
export function DisputesPage() {
  return <div data-stub="DisputesPage" />;
}
