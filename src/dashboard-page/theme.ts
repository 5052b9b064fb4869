/**
 * The page's theme: `data-theme` on <html> selects a set of CSS custom properties (styles.css), each
 * meeting WCAG AA contrast. Inside Teams the theme follows Teams; outside, `?theme=` wins, then the
 * system's colour scheme.
 */

export type Theme = 'default' | 'dark' | 'contrast';

export const THEMES: readonly { theme: Theme; label: string }[] = [
  { theme: 'default', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
  { theme: 'contrast', label: 'High contrast' },
];

export function parseTheme(value: string | null | undefined): Theme | undefined {
  switch (value) {
    case 'default':
    case 'light':
      return 'default';
    case 'dark':
      return 'dark';
    case 'contrast':
      return 'contrast';
    default:
      return undefined;
  }
}

/** Teams names its themes default, dark and contrast; anything newer falls back to the nearest. */
export function themeFromTeams(value: string | undefined): Theme {
  return parseTheme(value) ?? (value?.includes('dark') ? 'dark' : 'default');
}

const listeners = new Set<(theme: Theme) => void>();

export function currentTheme(): Theme {
  return parseTheme(document.documentElement.dataset.theme) ?? 'default';
}

export function applyTheme(theme: Theme): void {
  // Already worn: nothing to change and nobody to tell. (The attribute alone decides: when it equals
  // `theme`, currentTheme() is `theme` too.)
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener(theme);
}

/**
 * Called after every change of theme (charts redraw in the new colours). Returns the way to stop, so a
 * view that is thrown away (a plan's trends) is not kept alive and called by every later change.
 */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Outside Teams: the URL's ?theme= if any, else the system's colour scheme (followed as it changes,
 * until a theme is chosen explicitly).
 */
export function followBrowserTheme(): void {
  const fromUrl = parseTheme(new URLSearchParams(location.search).get('theme'));
  if (fromUrl) {
    applyTheme(fromUrl);
    return;
  }
  const contrast = matchMedia('(forced-colors: active), (prefers-contrast: more)');
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const pick = () => applyTheme(contrast.matches ? 'contrast' : dark.matches ? 'dark' : 'default');
  pick();
  const follow = () => {
    if (!parseTheme(new URLSearchParams(location.search).get('theme'))) pick();
  };
  contrast.addEventListener('change', follow);
  dark.addEventListener('change', follow);
}

/** A theme chosen on the page (local mode's switch): applied and kept in the URL, so a reload keeps it. */
export function chooseTheme(theme: Theme): void {
  const url = new URL(location.href);
  url.searchParams.set('theme', theme);
  history.replaceState(history.state, '', url);
  applyTheme(theme);
}

/** A theme's custom property, for drawing on a canvas (charts) in the theme's colours. */
export function themeColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#000000';
}
