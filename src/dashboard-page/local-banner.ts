/**
 * The local-mode banner every dashboard page shows: nobody is signed in, whom the page acts as (with a
 * picker of the plans' own people) and the theme, so the three Teams themes can be tried without Teams.
 */
import type { TabMe } from '../http/dashboard-api/api-types.js';
import { field, h, replace } from './dom.js';
import { switchLocalUser } from './session.js';
import { chooseTheme, currentTheme, onThemeChange, parseTheme, THEMES } from './theme.js';

export function renderLocalBanner(banner: HTMLElement, me: TabMe, localUser: string | undefined): void {
  const users = me.localUsers ?? [];
  const acting = users.find((user) => user.email === localUser);
  const who = h(
    'select',
    { id: 'local-user' },
    users.map((user) => h('option', { value: user.email }, `${user.name} (${user.description})`)),
  );
  if (acting) who.value = acting.email;
  who.addEventListener('change', () => {
    switchLocalUser(who.value);
    location.reload();
  });
  const theme = h(
    'select',
    { id: 'local-theme' },
    THEMES.map((entry) => h('option', { value: entry.theme }, entry.label)),
  );
  theme.value = currentTheme();
  theme.addEventListener('change', () => chooseTheme(parseTheme(theme.value) ?? 'default'));
  onThemeChange((now) => {
    theme.value = now;
  });
  replace(
    banner,
    h(
      'p',
      { class: 'banner-text' },
      h('strong', {}, 'Local mode — not signed in.'),
      ` Acting as ${acting?.name ?? me.user.name}${acting ? ` (${acting.description})` : ''}. For trying the app on this computer only.`,
    ),
    h(
      'div',
      { class: 'banner-controls' },
      field('local-user', 'Act as', who),
      field('local-theme', 'Theme', theme),
    ),
  );
  banner.hidden = false;
}
