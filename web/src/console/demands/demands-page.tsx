/** Placeholder until the screen is built (issue #5). */
export function DemandsPage() {
  return <div data-stub="DemandsPage" />;
}
