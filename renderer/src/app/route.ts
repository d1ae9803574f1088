import { useEffect, useState } from 'react';

export const SCREENS = ['capture', 'door', 'leads', 'triage', 'accounts', 'duplicates', 'dashboard', 'upload', 'events', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

function current(): Screen {
  const name = window.location.hash.replace(/^#\/?/u, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'capture';
}

export function screenHref(screen: Screen): string {
  return `#/${screen}`;
}

export function navigate(screen: Screen): void {
  if (current() !== screen || window.location.hash === '') window.location.hash = screenHref(screen);
}

/** The screen named in the address (`#/leads`), so a reload stays where it was. */
export function useScreen(): Screen {
  const [screen, setScreen] = useState(current);
  useEffect(() => {
    const onChange = () => setScreen(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}
