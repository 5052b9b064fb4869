/**
 * The coordinators' list of what could not be delivered, when a measure's reporter could not be reached
 * (issue 21): the Teams card and the e-mail name the reporter, why, the request and the measure, beside an
 * unreachable owner's reminder, which reads as before.
 */
import { undeliveredCard } from '../../src/cards/nudge-card';
import { renderUndeliveredEmail } from '../../src/email/render-digest';
import type { UndeliveredItem } from '../../src/usecases/delivery/channel';
import { action, plan, TODAY } from '../email/fixtures';
import { cardText } from '../support/cards';

const items: UndeliveredItem[] = [
  {
    owner: { name: 'Jo Owner', email: 'jo.owner@example.org' },
    action,
    message: { kind: 'reminder', step: 'before-7' },
    reason: 'has not installed Action Tracker',
  },
  {
    owner: { name: 'analyst@police.example', email: 'analyst@police.example' },
    measure: { id: 'M2', name: 'Repeat missing episodes per child' },
    message: { kind: 'measure-request', headline: "reminder of round 3's request for M2 for Feb 2025" },
    reason: 'e-mail address refused by the mail server',
  },
];

describe('an unreachable reporter on the coordinators’ list', () => {
  test('when the list holds a reporter’s request, then the card shows it under the other messages with the measure, the request and why', () => {
    const text = cardText(undeliveredCard(plan.title, items, TODAY));
    expect(text).toContain('Reminders I could not deliver');
    expect(text).toContain('Other messages I could not deliver');
    const others = text.slice(text.indexOf('Other messages I could not deliver'));
    expect(others).toContain('**analyst@police.example** (analyst@police.example): e-mail address refused');
    expect(others).toContain("reminder of round 3's request for M2 for Feb 2025");
    expect(others).toContain('**M2** Repeat missing episodes per child');
    // The owner's reminder reads as it did, with its action and due date.
    const reminders = text.slice(0, text.indexOf('Other messages I could not deliver'));
    expect(reminders).toContain(`**${action.id}**`);
    expect(reminders).toContain('Due ');
  });

  test('when the list goes by e-mail, then each line names the person, why, and the action or the measure', () => {
    const mail = renderUndeliveredEmail(plan, items, TODAY, { dashboardUrl: 'https://example.org/tab' });
    expect(mail.text).toContain(
      "analyst@police.example (analyst@police.example), e-mail address refused by the mail server: reminder of round 3's request for M2 for Feb 2025 (measure M2 Repeat missing episodes per child)",
    );
    expect(mail.text).toContain(
      `Jo Owner (jo.owner@example.org), has not installed Action Tracker: action ${action.id}`,
    );
  });

  test('when the e-mailed list holds more than owners’ reminders, then its subject and heading speak of messages and people, not owners', () => {
    const mixed = renderUndeliveredEmail(plan, items, TODAY, { dashboardUrl: 'https://example.org/tab' });
    expect(mixed.subject).toBe(
      `2 messages for ${plan.title} could not be delivered: please contact these 2 people`,
    );
    expect(mixed.text).toContain('Messages that could not be delivered');
    expect(mixed.text).not.toContain('owners of');
    const reporterOnly = renderUndeliveredEmail(plan, items.slice(1), TODAY, {
      dashboardUrl: 'https://example.org/tab',
    });
    expect(reporterOnly.subject).toBe(
      `1 message for ${plan.title} could not be delivered: please contact this person`,
    );
    const ownersOnly = renderUndeliveredEmail(plan, items.slice(0, 1), TODAY, {
      dashboardUrl: 'https://example.org/tab',
    });
    expect(ownersOnly.subject).toBe(
      `1 reminder for ${plan.title} could not be delivered: please contact this owner`,
    );
  });
});
