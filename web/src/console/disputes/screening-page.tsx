/** Placeholder until the screen is built (issue #5). */
export function ScreeningPage() {
  return <div data-stub="ScreeningPage" />;
}
