/**
 * People: who holds which role (given and taken away here), who covers for an owner on leave, and how
 * the bot can reach each person. Removing is a button per role, named for the person, so a screen
 * reader user hears whose role it removes; so is withdrawing the e-mail update links sent to someone.
 */
import type { TabAdminPerson, TabAdminPlan } from '../http/dashboard-api/admin-types.js';
import type { AdminClient, SaveOutcome } from './admin-client.js';
import { form, input, labelled, onSubmit, type SubmitHooks, select, showIssues } from './admin-forms.js';
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

  // One listener for every remove button in the list and in the cover list.
  const act = async (run: () => Promise<SaveOutcome>) => {
    const holder = { form: section, summary: problems };
    hooks.say('');
    try {
      const outcome = await run();
      if (outcome.kind === 'saved') {
        await hooks.reload({ formId: 'people-list' });
        hooks.say(outcome.message);
      } else showIssues(holder, outcome.error, outcome.kind === 'refused' ? outcome.issues : []);
    } catch (error) {
      showIssues(holder, error instanceof Error ? error.message : String(error), []);
    }
  };

  const grant = grantForm(view, client, hooks);
  const cover = coverForm(view, client, hooks);
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
    list,
    h('h3', { id: 'grant-heading' }, 'Give someone a role'),
    grant,
    h('h3', { id: 'cover-heading' }, 'Cover while an owner is away'),
    h(
      'p',
      { class: 'hint' },
      'Between the two dates the delegate gets the owner’s reminders and may update the owner’s actions.',
    ),
    coverList,
    cover,
  );
  section.addEventListener('click', (event) => {
    const target = (event.target as Element | null)?.closest<HTMLButtonElement>(
      'button[data-remove-role], button[data-remove-cover], button[data-revoke-links]',
    );
    if (!target) return;
    if (target.dataset.revokeLinks) {
      const email = target.dataset.revokeLinks;
      void act(() => client.save(view.plan.id, '/links/revoke', { email }));
      return;
    }
    if (target.dataset.removeCover) {
      const id = target.dataset.removeCover;
      void act(() => client.save(view.plan.id, `/delegations/${encodeURIComponent(id)}/remove`));
      return;
    }
    const [role, email, agency] = [target.dataset.removeRole, target.dataset.email, target.dataset.agency];
    void act(() =>
      client.save(view.plan.id, '/roles', { email, role, remove: true, ...(agency ? { agency } : {}) }),
    );
  });
  return section;
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
    { class: 'admin-item' },
    h('p', {}, h('strong', {}, p.name), ' ', h('span', { class: 'hint' }, p.email)),
    h('p', {}, p.rolesLabel),
    h(
      'p',
      { class: p.reachable ? 'reach' : 'reach unreachable' },
      h('strong', {}, `Reached by: ${p.channelLabel}`),
      ` (${[p.reachLabel, p.channelDetail].filter(Boolean).join('; ')})`,
    ),
    h('div', { class: 'form-actions wrap' }, [...removals, revokeLinksButton(p)]),
  );
}

/**
 * Withdraws every e-mail update link sent to this person so far (a forwarded mail, a shared mailbox): the
 * links stop working at once and their next e-mail brings a new one.
 */
function revokeLinksButton(p: TabAdminPerson): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'secondary', 'data-revoke-links': p.email },
    'Withdraw e-mail links',
    h('span', { class: 'visually-hidden' }, ` sent to ${p.name}`),
  );
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
