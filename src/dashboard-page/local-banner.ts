/**
 * The local-mode banner every dashboard page shows: nobody is signed in, whom the page acts as and the
 * theme, so the three Teams themes can be tried without Teams. "Act as" lists a few of the plans' people
 * at first; the search box beside it finds anyone any plan names, by name or address, and the list then
 * holds what it found (the first few, with how many matched, read out as they change).
 */
import type { TabLocalPeople, TabMe } from '../http/dashboard-api/api-types.js';
import { errorText } from './api.js';
import { field, h, replace } from './dom.js';
import { localApi, switchLocalUser } from './session.js';
import { chooseTheme, currentTheme, onThemeChange, parseTheme, THEMES } from './theme.js';

type LocalUser = TabLocalPeople['people'][number];

/** A pause in typing before searching, so each keystroke does not ask the server. */
const SEARCH_DELAY_MS = 250;

export function renderLocalBanner(banner: HTMLElement, me: TabMe, localUser: string | undefined): void {
  const users = me.localUsers ?? [];
  const acting = users.find((user) => user.email === localUser);
  const who = h('select', { id: 'local-user' });
  const found = h('p', { id: 'local-user-found', class: 'status', role: 'status' });
  const search = h('input', {
    id: 'local-user-search',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'local-user-search-hint',
    'aria-controls': 'local-user',
  });
  const fill = (people: readonly LocalUser[]) => {
    // The person acted as stays in the list, so it never claims to be someone else.
    const current = acting && !people.some((p) => p.email === acting.email) ? [acting] : [];
    replace(
      who,
      [...current, ...people].map((user) =>
        h('option', { value: user.email }, `${user.name} (${user.description})`),
      ),
    );
    who.value = acting?.email ?? people[0]?.email ?? '';
  };
  fill(users);
  who.addEventListener('change', () => {
    switchLocalUser(who.value);
    location.reload();
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const query = search.value.trim();
      const mine = ++asked;
      if (query === '') {
        fill(users);
        found.textContent = '';
        return;
      }
      localApi(localUser)
        .get<TabLocalPeople>(`/api/tab/local-people?q=${encodeURIComponent(query)}`)
        .then((answer) => {
          if (mine !== asked) return; // A later search has been asked since.
          fill(answer.people);
          found.textContent = foundWords(answer, query);
        })
        .catch((error: unknown) => {
          if (mine === asked) found.textContent = `The search failed: ${errorText(error)}`;
        });
    }, SEARCH_DELAY_MS);
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
      field(
        'local-user-search',
        'Find someone',
        search,
        h(
          'p',
          { class: 'hint', id: 'local-user-search-hint' },
          'Anyone in any plan, by name or address; then choose them under “Act as”',
        ),
      ),
      field('local-user', 'Act as', who),
      field('local-theme', 'Theme', theme),
    ),
    found,
  );
  banner.hidden = false;
}

/** "3 people found", or how to narrow a long list, or that nobody matches. */
function foundWords(answer: TabLocalPeople, query: string): string {
  if (answer.total === 0) return `Nobody in any plan matches “${query}”.`;
  if (answer.total > answer.people.length)
    return `${answer.total} people match: the first ${answer.people.length} are in the Act as list. Type more of a name to narrow it.`;
  return `${answer.total === 1 ? '1 person' : `${answer.total} people`} found: choose in the Act as list.`;
}
