import {
  type DeliveryKey,
  formatDeliveryKey,
  formatDeliveryKeyPrefix,
  parseDeliveryKey,
  quietWhilePaused,
} from '../../src/domain/delivery-key';

const ENTRY = '8264640599999-0a1b2c';

/** Keys as the code before the delivery engine wrote them, and what each means. */
const WRITTEN_BEFORE: [string, DeliveryKey][] = [
  [
    '2.1|2024-12-22|overdue-3|icb.camhs@example.org',
    {
      kind: 'reminder',
      actionId: '2.1',
      dueDate: '2024-12-22',
      step: 'overdue-3',
      recipient: 'icb.camhs@example.org',
    },
  ],
  [
    '1.1|2025-03-20|before-14|owner1@example.org',
    {
      kind: 'reminder',
      actionId: '1.1',
      dueDate: '2025-03-20',
      step: 'before-14',
      recipient: 'owner1@example.org',
    },
  ],
  [
    'round|3|request|4.2|nurse@example.org',
    { kind: 'round', round: 3, step: 'request', actionId: '4.2', recipient: 'nurse@example.org' },
  ],
  [
    'round|3|before-7|4.2|nurse@example.org',
    { kind: 'round', round: 3, step: 'before-7', actionId: '4.2', recipient: 'nurse@example.org' },
  ],
  [
    'digest|2025-01-20|director.children@example.org',
    { kind: 'digest', weekStart: '2025-01-20', recipient: 'director.children@example.org' },
  ],
  [
    'escalation|2.1|2024-12-22|overdue-14|lead@example.org',
    {
      kind: 'escalation',
      trigger: 'overdue-14',
      actionId: '2.1',
      dueDate: '2024-12-22',
      recipient: 'lead@example.org',
    },
  ],
  [
    'escalation|3.1|unanswered|4|lead@example.org',
    {
      kind: 'escalation',
      trigger: 'unanswered',
      actionId: '3.1',
      revision: 4,
      recipient: 'lead@example.org',
    },
  ],
  [
    `escalation|2.2|red|${ENTRY}|lead@example.org`,
    { kind: 'escalation', trigger: 'red', actionId: '2.2', entryId: ENTRY, recipient: 'lead@example.org' },
  ],
  [
    `date-request|2.1|${ENTRY}|manager@example.org`,
    { kind: 'date-request', actionId: '2.1', entryId: ENTRY, recipient: 'manager@example.org' },
  ],
  [
    `date-decision|2.1|${ENTRY}|owner@example.org`,
    { kind: 'date-decision', actionId: '2.1', requestId: ENTRY, recipient: 'owner@example.org' },
  ],
];

describe('delivery keys', () => {
  test.each(WRITTEN_BEFORE)(
    'when %s was written by the earlier code, then it parses, and formats back the same',
    (...[stored, key]) => {
      expect(parseDeliveryKey(stored)).toEqual(key);
      expect(formatDeliveryKey(key)).toBe(stored);
    },
  );

  test('when a coordinators\u2019 list is keyed, then it reads back', () => {
    const key: DeliveryKey = {
      kind: 'undelivered',
      date: '2025-03-06',
      listId: '0123456789abcdef',
      recipient: 'c@example.org',
    };
    expect(formatDeliveryKey(key)).toBe('undelivered|2025-03-06|0123456789abcdef|c@example.org');
    expect(parseDeliveryKey(formatDeliveryKey(key))).toEqual(key);
  });

  test('when a measure\u2019s value is asked for, by a round or by the schedule (round 0), then its key reads back and sits under the measure prefix', () => {
    for (const round of [3, 0]) {
      const key: DeliveryKey = {
        kind: 'measure',
        round,
        measureId: 'M1',
        period: '2026-11',
        recipient: 'analyst@police.example',
      };
      const stored = formatDeliveryKey(key);
      expect(stored).toBe(`measure|${round}|M1|2026-11|analyst@police.example`);
      expect(parseDeliveryKey(stored)).toEqual(key);
      expect(stored.startsWith(formatDeliveryKeyPrefix({ kind: 'measure' }))).toBe(true);
    }
    expect(parseDeliveryKey('measure|1|M1|Nov 2026|a@example.org')).toBeUndefined();
  });

  test('when an address holds the separator, then it stays one field and reads back whole', () => {
    const key: DeliveryKey = { kind: 'digest', weekStart: '2025-01-20', recipient: 'odd|name@example.org' };
    expect(formatDeliveryKey(key)).toBe('digest|2025-01-20|odd%7Cname@example.org');
    expect(parseDeliveryKey(formatDeliveryKey(key))).toEqual(key);
  });

  test('when an action id is one of the tags, then its reminder key is still read as a reminder', () => {
    const key: DeliveryKey = {
      kind: 'reminder',
      actionId: 'digest',
      dueDate: '2025-01-20',
      step: 'due',
      recipient: 'a@example.org',
    };
    expect(parseDeliveryKey(formatDeliveryKey(key))).toEqual(key);
    const round: DeliveryKey = {
      kind: 'reminder',
      actionId: 'round',
      dueDate: '2025-01-20',
      step: 'before-7',
      recipient: 'a@example.org',
    };
    expect(parseDeliveryKey(formatDeliveryKey(round))).toEqual(round);
  });

  test.each([
    [''],
    ['not a key'],
    ['2.1|2024-12-22|overdue-3'],
    ['2.1|22/12/2024|overdue-3|a@example.org'],
    ['2.1|2024-12-22|weekly|a@example.org'],
    ['round|three|request|4.2|a@example.org'],
    ['escalation|2.1|purple|1|a@example.org'],
    ['digest|2025-01-20|x|a@example.org|extra'],
    ['date-request|2.1|not-an-entry|a@example.org'],
  ])('when %j is not a key this version writes, then it does not parse', (...[stored]) => {
    expect(parseDeliveryKey(stored)).toBeUndefined();
  });

  test('when the ledger is read by range, then a prefix covers exactly its keys', () => {
    const prefix = formatDeliveryKeyPrefix({ kind: 'reminder', actionId: '1.1', dueDate: '2025-03-20' });
    expect(prefix).toBe('1.1|2025-03-20|');
    expect('1.1|2025-03-20|before-7|a@example.org'.startsWith(prefix)).toBe(true);
    expect('1.10|2025-03-20|before-7|a@example.org'.startsWith(prefix)).toBe(false);
    expect(formatDeliveryKeyPrefix({ kind: 'round', round: 2, step: 'request' })).toBe('round|2|request|');
  });

  test.each([
    ['reminder', WRITTEN_BEFORE[0]![1], true],
    ['round request', WRITTEN_BEFORE[2]![1], false],
    ['round chase', WRITTEN_BEFORE[3]![1], true],
    ['digest', WRITTEN_BEFORE[4]![1], false],
    ['escalation', WRITTEN_BEFORE[5]![1], false],
    ['date decision', WRITTEN_BEFORE[9]![1], false],
  ] as [string, DeliveryKey, boolean][])(
    'when someone has paused reminders, then a %s waits: %s',
    (...[, key, waits]) => {
      expect(quietWhilePaused(key)).toBe(waits);
    },
  );
});
