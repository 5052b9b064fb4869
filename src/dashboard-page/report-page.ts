/**
 * The page a card's report link opens in Teams (/tab/report#<signed link>). Teams SSO says who is here;
 * the server gives the report only when that is the person the link was made for and they still have a
 * role in the plan (see src/http/report-links.ts). Outside Teams there is no one to sign in, so the page
 * says to open the link from Teams and sends nothing.
 */
import { Api, errorText } from './api.js';
import { byId, h, replace } from './dom.js';
import { save } from './downloads.js';
import { formatNameOf, reportLinkInFragment } from './report-link.js';
import { connectToTeams, notifyTeamsLoaded, teamsIdentity } from './session.js';
import { applyTheme, followBrowserTheme, themeFromTeams } from './theme.js';

const alert = byId('alert');
const status = byId('status');
const actions = byId('report-actions');

function refuse(message: string): void {
  status.textContent = '';
  replace(alert, h('p', {}, message));
}

async function open(): Promise<void> {
  status.textContent = 'Loading…';
  const link = reportLinkInFragment(location.hash);
  const teams = await connectToTeams();
  if (!teams) {
    followBrowserTheme();
    refuse(
      'Open this report from Microsoft Teams. A report link works only in Teams, where you are signed in: press the button on Action Tracker’s report card in Teams chat.',
    );
    return;
  }
  applyTheme(themeFromTeams(teams.context.app.theme));
  teams.sdk.app.registerOnThemeChangeHandler((theme) => applyTheme(themeFromTeams(theme)));
  if (!link) {
    refuse(
      'This page opens a report from a link on Action Tracker’s report card, and there is no link here. Ask Action Tracker for the report in chat (“report”).',
    );
    return;
  }
  const api = new Api(teamsIdentity(teams.sdk));
  // Who Teams signed in, so a refusal for someone else's link is plain to see.
  const me = await api.me();
  byId('user-name').textContent = `Signed in as ${me.user.name}`;
  const format = formatNameOf(link);
  const label = `Download the progress report${format ? ` (${format})` : ''}`;
  const button = h('button', { type: 'button', class: 'primary' }, label);
  button.addEventListener('click', () => {
    button.disabled = true;
    alert.replaceChildren();
    status.textContent = 'Preparing the report…';
    api
      .reportByLink(link)
      .then(({ blob, filename }) => {
        const name = filename ?? 'progress-report';
        save(blob, name);
        status.textContent = `Downloaded ${name}.`;
      })
      .catch((failure: unknown) => refuse(errorText(failure)))
      .finally(() => {
        button.disabled = false;
      });
  });
  replace(actions, button);
  actions.hidden = false;
  status.textContent = '';
}

void open()
  .catch((failure: unknown) => refuse(errorText(failure)))
  .finally(notifyTeamsLoaded);
