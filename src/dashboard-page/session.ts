/**
 * Who is using the page and how they are identified: inside Teams, teams-js SSO tokens; outside Teams,
 * the server's local mode (no app id, loopback only) with a clearly labelled demo user; otherwise the
 * person is told to open the app in Teams.
 */
import type { app } from '@microsoft/teams-js';
import type { TabMe } from '../http/dashboard-api/api-types.js';
import { Api, ApiError, type Identity } from './api.js';
import { recall, remember } from './prefs.js';
import { applyTheme, followBrowserTheme, themeFromTeams } from './theme.js';
import { type Teams, teamsSdk } from './vendor.js';

/** How long to wait for Teams to answer app.initialize(): outside Teams, in a frame, it never answers. */
const TEAMS_INIT_MS = 5000;
const LOCAL_USER_KEY = 'actionTracker.localUser';

export interface TeamsHost {
  sdk: Teams;
  context: app.Context;
}

export interface Session {
  api: Api;
  me: TabMe;
  teams?: TeamsHost;
  /** Local mode: the demo user acted as (the first of localUsers when none was chosen). */
  localUser?: string;
}

/** Raised when the page is outside Teams and the server is not in local mode. */
export class NotSignedInError extends Error {
  constructor() {
    super('Open Action Tracker in Microsoft Teams to sign in.');
    this.name = 'NotSignedInError';
  }
}

export async function startSession(): Promise<Session> {
  const teams = await connectToTeams();
  if (teams) {
    applyTheme(themeFromTeams(teams.context.app.theme));
    teams.sdk.app.registerOnThemeChangeHandler((theme) => applyTheme(themeFromTeams(theme)));
    const api = new Api(teamsIdentity(teams.sdk));
    return { api, me: await api.me(), teams };
  }

  followBrowserTheme();
  const chosen = recall('session', LOCAL_USER_KEY);
  const asDefaultUser = (): Api => {
    remember('session', LOCAL_USER_KEY, undefined);
    return new Api(localIdentity(undefined));
  };
  let me: TabMe;
  let api = new Api(localIdentity(chosen));
  try {
    me = await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw new NotSignedInError();
    // A remembered demo user the server no longer knows: forget it and ask as the default user.
    if (chosen && error instanceof ApiError && (error.status === 400 || error.status === 403)) {
      api = asDefaultUser();
      me = await api.me();
    } else throw error;
  }
  if (me.mode !== 'local') throw new NotSignedInError();
  const users = me.localUsers ?? [];
  const known = chosen && users.some((user) => user.email === chosen) ? chosen : undefined;
  // The server answered as its default user: stop naming one it does not know.
  if (chosen && !known) api = asDefaultUser();
  const localUser = known ?? users[0]?.email;
  return { api, me, ...(localUser ? { localUser } : {}) };
}

/** Local mode: the API as `email` (the person acted as), for the "Act as" search. */
export function localApi(email: string | undefined): Api {
  return new Api(localIdentity(email));
}

/** Local mode: act as another demo user (remembered for this browser tab). */
export function switchLocalUser(email: string): void {
  remember('session', LOCAL_USER_KEY, email);
}

/**
 * Tells Teams the page has drawn, whatever it drew (an error too): until then Teams shows its loading
 * indicator. Both pages call it once they are done.
 */
export function notifyTeamsLoaded(): void {
  const sdk = teamsSdk();
  if (sdk?.app.isInitialized()) {
    sdk.app.notifyAppLoaded();
    sdk.app.notifySuccess();
  }
}

/** teams-js initialised with Teams as host, or undefined when the page is not inside Teams. */
export async function connectToTeams(): Promise<TeamsHost | undefined> {
  const sdk = teamsSdk();
  if (!sdk) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TEAMS_INIT_MS);
  });
  try {
    // Outside any frame teams-js rejects at once; in a frame that is not Teams it never answers.
    const initialised = await Promise.race([sdk.app.initialize().then(() => true), timeout]);
    if (!initialised) return undefined;
    return { sdk, context: await sdk.app.getContext() };
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Teams SSO: an Entra ID access token for the app's API, renewed after a 401. */
export function teamsIdentity(sdk: Teams): Identity {
  let token: Promise<string> | undefined;
  return {
    renewable: true,
    async headers(fresh) {
      if (fresh || !token) token = sdk.authentication.getAuthToken();
      try {
        return { Authorization: `Bearer ${await token}` };
      } catch {
        token = undefined;
        throw new ApiError(401, 'Teams could not sign you in to Action Tracker.');
      }
    },
  };
}

function localIdentity(email: string | undefined): Identity {
  return {
    renewable: false,
    async headers(): Promise<Record<string, string>> {
      return email ? { 'X-Local-User': email } : {};
    },
  };
}
