import { useSyncExternalStore } from 'react';

let query: MediaQueryList | null = null;
const media = () => (query ??= window.matchMedia('(prefers-reduced-motion: reduce)'));

function subscribe(onChange: () => void): () => void {
  media().addEventListener('change', onChange);
  return () => media().removeEventListener('change', onChange);
}

/**
 * Whether the user asked their system for less motion (an accessibility setting, also what the browser
 * tests ask for). The console then opens dialogs, drawers and menus without animation: nothing moves
 * under a pointer that is about to click it.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => media().matches, () => false);
}
