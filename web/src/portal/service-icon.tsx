/** Small line icons for the service cards (no icon font in the portal bundle). */
const paths = {
  board: 'M8 4h8v3H8zM6 6H4v15h16V6h-2M8 11h8M8 15h5',
  demands: 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5',
  report: 'M4 8h3l2-3h6l2 3h3v11H4zM12 16a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  solicitations: 'M5 11l4 4 10-10M4 19h16',
  topics: 'M12 3v4M5 7h14l-2 5H7zM12 12v9M8 21h8',
  votes: 'M4 11h16v9H4zM8 11V5h8v6M10 8l1.5 1.5L15 6',
  shield: 'M12 3l7 3v5c0 5-3 8-7 10-4-2-7-5-7-10V6zM9 12l2 2 4-4',
} as const;

export type ServiceIconName = keyof typeof paths;

export function ServiceIcon({ name, size = 30 }: { name: ServiceIconName; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
