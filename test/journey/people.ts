/**
 * The partnership's people and how each is reached: the coordinator, Tom and Grace work in the council's
 * tenant and talk to the bot in Teams; Jo (police) and the lead (health) are in other organisations'
 * tenants and are reached only by e-mail; Sam covers for Grace while she is on leave and has no Teams
 * chat with the bot either; the moderator chairs the subgroup and agrees ratings.
 */
import { TENANT_ID, type TestUser } from '../support/activities';

function teamsUser(n: number, givenName: string, surname: string, email: string): TestUser {
  return {
    id: `29:1journey-${givenName.toLowerCase()}-${n}`,
    name: `${givenName} ${surname}`,
    aadObjectId: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    email,
    userPrincipalName: email,
    givenName,
    surname,
    tenantId: TENANT_ID,
    userRole: 'user',
  };
}

export type Channel = 'teams' | 'email';

export interface Person {
  name: string;
  email: string;
  /** How the plan reaches them. */
  channel: Channel;
  /** Their Teams identity, for those who talk to the bot. */
  teams?: TestUser;
}

const priya = teamsUser(1, 'Priya', 'Shah', 'priya.shah@council.example.gov.uk');
const tom = teamsUser(2, 'Tom', 'Hughes', 'tom.hughes@council.example.gov.uk');
const grace = teamsUser(3, 'Grace', 'Okafor', 'grace.okafor@council.example.gov.uk');

export const PEOPLE = {
  /** Partnership business manager: the plan's coordinator. */
  priya: { name: priya.name, email: priya.email, channel: 'teams', teams: priya },
  /** Council owner of 1.1, 1.2 and the TBC 1.4. */
  tom: { name: tom.name, email: tom.email, channel: 'teams', teams: tom },
  /** Council owner of 1.3 and 2.3, on leave until 18 Dec 2026. */
  grace: { name: grace.name, email: grace.email, channel: 'teams', teams: grace },
  /** Police owner in the force's own tenant: e-mail only. */
  jo: { name: 'Jo Bloggs', email: 'jo.bloggs@police.example.uk', channel: 'email' },
  /** Covers for Grace; never talked to the bot. */
  sam: { name: 'Sam Cover', email: 'sam.cover@council.example.gov.uk', channel: 'email' },
  /** The plan's lead (health), who decides date requests from e-mail. */
  lena: { name: 'Lena Lead', email: 'lena.lead@health.example.nhs.uk', channel: 'email' },
  /** Chair of the subgroup: the moderator who agrees ratings. */
  chris: { name: 'Chris Chair', email: 'chris.chair@council.example.gov.uk', channel: 'email' },
} as const satisfies Record<string, Person>;

export type PersonKey = keyof typeof PEOPLE;

export function personByEmail(email: string): PersonKey | undefined {
  const lower = email.toLowerCase();
  return (Object.keys(PEOPLE) as PersonKey[]).find((key) => PEOPLE[key].email === lower);
}

export const TEAMS_PEOPLE = (Object.keys(PEOPLE) as PersonKey[]).filter(
  (key) => PEOPLE[key].channel === 'teams',
);

/** Someone's Teams identity, for those who talk to the bot. */
export function teamsOf(key: PersonKey): TestUser | undefined {
  return (PEOPLE[key] as Person).teams;
}
