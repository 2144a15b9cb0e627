/** Placeholder until the screen is built (issue #5). */
export function DemandFiguresPage() {
  return <div data-stub="DemandFiguresPage" />;
}
