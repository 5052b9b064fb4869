import { cleanText, commandText, parseCommand, suggest } from '../../src/domain/chat-command';

describe('parseCommand', () => {
  test.each([
    ['help', { name: 'help' }],
    ['HELP', { name: 'help' }],
    ['hi', { name: 'help' }],
    ['', { name: 'help' }],
    ['mine', { name: 'mine' }],
    ['My actions', { name: 'mine' }],
    ['summary', { name: 'summary' }],
    ['status', { name: 'summary' }],
    ['Status 2.3', { name: 'show', actionId: '2.3' }],
    ['show action 2.3', { name: 'show', actionId: '2.3' }],
    ['show 2.3', { name: 'show', actionId: '2.3' }],
    ['2.3', { name: 'show', actionId: '2.3' }],
    ['update 1.1', { name: 'update', actionId: '1.1' }],
    ['history of 4.2', { name: 'history', actionId: '4.2' }],
    ['overdue', { name: 'overdue' }],
    ['Overdue!', { name: 'overdue' }],
    ['due', { name: 'due', days: 14 }],
    ['due 30', { name: 'due', days: 30 }],
    ['due in 7 days', { name: 'due', days: 7 }],
    ['list', { name: 'list' }],
    ['list agency Police', { name: 'list', filter: { kind: 'agency', value: 'Police' } }],
    ['list area AFI2', { name: 'list', filter: { kind: 'area', value: 'AFI2' } }],
    [
      'list owner icb.camhs@example.org',
      { name: 'list', filter: { kind: 'owner', value: 'icb.camhs@example.org' } },
    ],
    ['list rating red', { name: 'list', filter: { kind: 'rating', value: 'red' } }],
    ['list red', { name: 'list', filter: { kind: 'rating', value: 'red' } }],
    [
      'list organisation Integrated Care Board',
      { name: 'list', filter: { kind: 'agency', value: 'Integrated Care Board' } },
    ],
    ['owners', { name: 'owners' }],
    ['plan demo-leeds-syv', { name: 'plan', planId: 'demo-leeds-syv' }],
    ['plan', { name: 'plan' }],
    ['<at>Action Tracker</at> summary', { name: 'summary' }],
  ])('when someone types "%s", then it reads as %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  test('when a command needs an action id and has none, then it says how to use it', () => {
    expect(parseCommand('show')).toEqual({
      name: 'needs-argument',
      command: 'show',
      usage: 'show <action id>, for example show 2.3',
    });
    expect(parseCommand('list agency')).toEqual({
      name: 'needs-argument',
      command: 'list',
      usage: 'list agency <value>',
    });
  });

  test('when the text is a typo of a command, then the closest command is suggested', () => {
    expect(parseCommand('sumary')).toEqual({ name: 'unknown', text: 'sumary', suggestion: 'summary' });
    expect(parseCommand('overdeu')).toMatchObject({ name: 'unknown', suggestion: 'overdue' });
    expect(parseCommand('what is the weather')).toEqual({ name: 'unknown', text: 'what is the weather' });
  });

  test('when an argument is unusable, then it is not passed on', () => {
    expect(parseCommand('due 9999')).toMatchObject({ name: 'unknown', suggestion: 'due 14' });
    expect(parseCommand('show ../../etc')).toMatchObject({ name: 'unknown' });
    expect(parseCommand('list purple things')).toMatchObject({ name: 'unknown' });
  });
});

describe('commandText', () => {
  test.each([
    'mine',
    'summary',
    'due 30',
    'list agency Police',
    'show 2.3',
    'history 1.1',
    'plan demo-leeds-syv',
    'list',
  ])('when "%s" is written back, then it parses to the same command', (text) => {
    expect(commandText(parseCommand(text))).toBe(text);
  });
});

describe('helpers', () => {
  test('cleanText removes mention markup, tags and extra spaces', () => {
    expect(cleanText('<at>Action&nbsp;Tracker</at>&nbsp; show   2.3 <p>')).toBe('show 2.3');
  });

  test('suggest only suggests close matches', () => {
    expect(suggest('ownrs')).toEqual({ suggestion: 'owners' });
    expect(suggest('banana')).toEqual({});
  });
});
