/** Placeholder until the screen is built (issue #5). */
export function InteropPage() {
  return <div data-stub="InteropPage" />;
}
