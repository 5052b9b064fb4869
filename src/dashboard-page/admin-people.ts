/**
 * People: each person's name (entered or corrected here), every role they hold (given and taken away
 * here), the cover they give and get, and how the bot reaches them now; the owners named without an
 * address are flagged, as nothing can reach them. Removing is a button per role, named for the person, so
 * a screen reader user hears whose role it removes; so is revoking the e-mail links sent to someone.
 * What a button did is said beside it, in the person's row.
 */
import type { TabAdminPerson, TabAdminPlan, TabUnaddressedOwner } from '../http/dashboard-api/admin-types.js';
import type { AdminClient, SaveOutcome } from './admin-client.js';
import {
  form,
  input,
  labelled,
  onSubmit,
  type SubmitHooks,
  sayBeside,
  select,
  showIssues,
  statusBeside,
} from './admin-forms.js';
import { h } from './dom.js';

const ROLE_WORDS = {
  coordinator: 'coordinator',
  lead: 'lead',
  moderator: 'moderator',
  'agency-lead': 'agency lead',
} as const;

export function peopleSection(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLElement {
  const problems = h('div', { class: 'error-summary', tabindex: -1, hidden: true, id: 'people-problems' });
  const list = h(
    'ul',
    { class: 'admin-list', 'aria-labelledby': 'people-list-heading' },
    view.people.map((p) => personItem(p)),
  );

  // One listener for every button in the list and in the cover list. What it did is said beside it: in
  // its row as drawn again, or above the list when the row has gone (a removed role's person, a cover).
  const act = async (run: () => Promise<SaveOutcome>, row: string, pressed: string) => {
    const holder = { form: section, summary: problems };
    hooks.say('');
    try {
      const outcome = await run();
      if (outcome.kind === 'saved') {
        await hooks.reload({ formId: 'people-list' });
        const drawn = document.getElementById('people-list');
        const rowNow = row ? drawn?.querySelector<HTMLElement>(row) : null;
        const where = rowNow ?? drawn?.querySelector<HTMLElement>('.list-status') ?? null;
        sayBeside(() => where, outcome.message, hooks, pressed);
      } else showIssues(holder, outcome.error, outcome.kind === 'refused' ? outcome.issues : []);
    } catch (error) {
      showIssues(holder, error instanceof Error ? error.message : String(error), []);
    }
  };

  const coverList =
    view.delegations.length === 0
      ? h('p', { class: 'hint' }, 'Nobody is covering for anyone at the moment.')
      : h(
          'ul',
          { class: 'admin-list', 'aria-labelledby': 'cover-heading' },
          view.delegations.map((d) =>
            h(
              'li',
              { class: 'admin-item' },
              h(
                'p',
                {},
                h('strong', {}, d.delegateName),
                ` covers for ${d.ownerName}: ${d.datesLabel}`,
                d.active ? ' (now)' : '',
              ),
              h(
                'button',
                { type: 'button', class: 'secondary', 'data-remove-cover': d.id },
                'Remove cover',
                h('span', { class: 'visually-hidden' }, ` by ${d.delegateName} for ${d.ownerName}`),
              ),
            ),
          ),
        );

  const section = h(
    'div',
    { id: 'people-list' },
    problems,
    h('h3', { id: 'people-list-heading' }, 'Who is in this plan'),
    h(
      'p',
      { class: 'hint' },
      '“Revoke their e-mail links” stops every update link already e-mailed to that person (a forwarded e-mail, a lost phone); their next e-mail brings a new one.',
    ),
    h('div', { class: 'list-status', tabindex: -1 }, statusBeside()),
    list,
    unaddressedList(view.unaddressedOwners),
    h('h3', { id: 'name-heading' }, 'Enter or correct a name'),
    nameForm(view, client, hooks),
    h('h3', { id: 'grant-heading' }, 'Give someone a role'),
    grantForm(view, client, hooks),
    h('h3', { id: 'cover-heading' }, 'Cover while an owner is away'),
    h(
      'p',
      { class: 'hint' },
      'Between the two dates the delegate gets the owner’s reminders and may update the owner’s actions.',
    ),
    h('div', { class: 'cover-status', tabindex: -1 }, statusBeside()),
    coverList,
    coverForm(view, client, hooks),
  );
  section.addEventListener('click', (event) => {
    const target = (event.target as Element | null)?.closest<HTMLButtonElement>(
      'button[data-remove-role], button[data-remove-cover], button[data-revoke-links]',
    );
    if (!target) return;
    const plan = view.plan.id;
    if (target.dataset.revokeLinks) {
      const email = target.dataset.revokeLinks;
      void act(
        () => client.save(plan, '/links/revoke', { email }),
        rowSelector(email),
        'button[data-revoke-links]',
      );
      return;
    }
    if (target.dataset.removeCover) {
      const id = target.dataset.removeCover;
      void act(
        () => client.save(plan, `/delegations/${encodeURIComponent(id)}/remove`),
        '.cover-status',
        'button',
      );
      return;
    }
    const [role, email, agency] = [target.dataset.removeRole, target.dataset.email, target.dataset.agency];
    void act(
      () => client.save(plan, '/roles', { email, role, remove: true, ...(agency ? { agency } : {}) }),
      email ? rowSelector(email) : '',
      'button',
    );
  });
  return section;
}

function rowSelector(email: string): string {
  return `li[data-person="${CSS.escape(email)}"]`;
}

function personItem(p: TabAdminPerson): HTMLLIElement {
  const removals = p.roles.map((role) =>
    h(
      'button',
      { type: 'button', class: 'secondary', 'data-remove-role': role, 'data-email': p.email },
      `Remove ${ROLE_WORDS[role]}`,
      h('span', { class: 'visually-hidden' }, ` role from ${p.name}`),
    ),
  );
  return h(
    'li',
    { class: 'admin-item', 'data-person': p.email },
    h('p', {}, h('strong', {}, p.name), ' ', h('span', { class: 'hint' }, p.email)),
    p.nameNote ? h('p', { class: 'hint' }, p.nameNote) : null,
    h('p', {}, p.rolesLabel),
    p.cover.map((line) => h('p', {}, line)),
    p.reachable
      ? h('p', { class: 'reach' }, `Reached by: ${p.channelLabel}`)
      : h('p', { class: 'reach unreachable' }, `Cannot be reached: ${p.channelLabel}`),
    p.reachNote ? h('p', { class: 'hint' }, p.reachNote) : null,
    h('div', { class: 'form-actions wrap' }, [...removals, revokeLinksButton(p), statusBeside()]),
  );
}

/**
 * Revokes every e-mail update link sent to this person so far (a forwarded mail, a shared mailbox): the
 * links stop working at once and their next e-mail brings a new one.
 */
function revokeLinksButton(p: TabAdminPerson): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'secondary', 'data-revoke-links': p.email },
    'Revoke their e-mail links',
    h('span', { class: 'visually-hidden' }, ` (${p.name})`),
  );
}

/** Owners the plan names with no address: flagged, with the actions where an address is to be added. */
function unaddressedList(owners: readonly TabUnaddressedOwner[]): HTMLElement | null {
  if (owners.length === 0) return null;
  return h(
    'div',
    {},
    h('h3', { id: 'unaddressed-heading' }, 'Owners with no e-mail address'),
    h(
      'p',
      { class: 'hint' },
      'Nothing can reach these owners: no reminder, no e-mail link. Add their address to their actions under “Actions and areas”.',
    ),
    h(
      'ul',
      { class: 'admin-list', 'aria-labelledby': 'unaddressed-heading' },
      owners.map((o) =>
        h(
          'li',
          { class: 'admin-item' },
          h('p', {}, h('strong', {}, o.name)),
          h(
            'p',
            { class: 'reach unreachable' },
            `Cannot be reached: no e-mail address. Owner of ${o.openActions} open action${o.openActions === 1 ? '' : 's'} (${o.actionIds.join(', ')}).`,
          ),
        ),
      ),
    ),
  );
}

function nameForm(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLFormElement {
  const people = view.people.map((p) => ({ value: p.email, label: `${p.name} (${p.email})` }));
  const parts = form('name-form', 'name-heading', 'Save the name', [
    labelled(
      select('name-email', 'email', [{ value: '', label: 'Choose the person' }, ...people], ''),
      'Person',
    ),
    labelled(
      input('name-name', 'name', '', { autocomplete: 'off' }),
      'Name',
      'As this list, the cover list and “Act as” should show it (an action’s owners keep the names they were given there). Leave empty to show the name from Teams or the spreadsheet again.',
    ),
  ]);
  // The name shown now, to correct rather than retype.
  const [who, name] = ['name-email', 'name-name'].map((id) =>
    parts.form.querySelector<HTMLInputElement>(`#${id}`),
  );
  who?.addEventListener('change', () => {
    const chosen = view.people.find((p) => p.email === who.value);
    if (name) name.value = chosen && chosen.nameSource !== 'address' ? chosen.name : '';
  });
  onSubmit(parts, hooks, (values) => client.save(view.plan.id, '/names', values));
  return parts.form;
}

function grantForm(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLFormElement {
  const parts = form('grant-form', 'grant-heading', 'Give the role', [
    labelled(input('grant-email', 'email', '', { type: 'email', autocomplete: 'off' }), 'E-mail address'),
    labelled(
      select(
        'grant-role',
        'role',
        [
          { value: 'coordinator', label: 'Coordinator (runs the plan)' },
          { value: 'lead', label: 'Lead (sees the whole plan, decides dates)' },
          { value: 'moderator', label: 'Moderator (a subgroup chair: agrees ratings)' },
          { value: 'agency-lead', label: 'Agency lead (told when the agency’s actions escalate)' },
        ],
        'lead',
      ),
      'Role',
    ),
    labelled(
      select(
        'grant-agency',
        'agency',
        [{ value: '', label: 'Not an agency lead' }, ...view.agencies.map((a) => ({ value: a, label: a }))],
        '',
      ),
      'Agency',
      'For an agency lead only: the lead agency as the plan’s actions name it',
    ),
  ]);
  onSubmit(parts, hooks, (values) => client.save(view.plan.id, '/roles', values));
  return parts.form;
}

function coverForm(view: TabAdminPlan, client: AdminClient, hooks: SubmitHooks): HTMLFormElement {
  const owners = view.owners.map((o) => ({ value: o.email, label: `${o.name} (${o.email})` }));
  const parts = form('cover-form', 'cover-heading', 'Add cover', [
    labelled(
      select('cover-owner', 'owner', [{ value: '', label: 'Choose the owner' }, ...owners], ''),
      'Owner who is away',
    ),
    labelled(
      input('cover-delegate', 'delegate', '', { type: 'email', autocomplete: 'off' }),
      'Delegate’s e-mail address',
    ),
    labelled(input('cover-name', 'delegateName', '', { autocomplete: 'off' }), 'Delegate’s name'),
    labelled(input('cover-from', 'from', view.today, { type: 'date' }), 'From'),
    labelled(input('cover-to', 'to', '', { type: 'date' }), 'Until', 'The last day of cover'),
  ]);
  onSubmit(parts, hooks, (values) => client.save(view.plan.id, '/delegations', values));
  return parts.form;
}
