/** Three small line icons for the service cards (no icon font in the portal bundle). */
const paths = {
  board: 'M8 4h8v3H8zM6 6H4v15h16V6h-2M8 11h8M8 15h5',
  demands: 'M4 5h16v11H9l-5 4zM8 9h8M8 12h5',
  solicitations: 'M5 11l4 4 10-10M4 19h16',
} as const;

export type ServiceIconName = keyof typeof paths;

export function ServiceIcon({ name }: { name: ServiceIconName }) {
  return (
    <svg viewBox="0 0 24 24" width="30" height="30" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[name]} />
    </svg>
  );
}
