import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandText, parseCommand, suggest } from '../../src/domain/chat-command';
import {
  AUDIENCE_LABEL,
  type Audience,
  type CommandName,
  type ConversationKind,
} from '../../src/domain/commands/command';
import { COMMANDS, KEYWORDS, mayAnswerIn } from '../../src/domain/commands/registry';

/** One way of saying each command; a Record, so a new command without an example does not compile. */
const SAID: Record<CommandName, string> = {
  help: 'help',
  mine: 'mine',
  show: 'show 2.3',
  update: 'update 2.3',
  history: 'history 2.3',
  snooze: 'snooze 2.3 3 days',
  pause: 'pause until 2025-03-31',
  resume: 'resume',
  notify: 'notify me by email',
  summary: 'summary',
  overdue: 'overdue',
  due: 'due 30',
  list: 'list agency Police',
  owners: 'owners',
  measures: 'measures',
  digest: 'digest',
  report: 'report',
  'round-start': 'round start due 2027-01-31',
  'round-status': 'round status',
  'round-close': 'round close 3',
  moderate: 'moderate 2.3',
  plan: 'plan demo-leeds-syv',
};

describe('the command registry', () => {
  test.each(COMMANDS.map((c) => [c.name, SAID[c.name]] as const))(
    'when "%s" is said as "%s", then it reads as that command and is written back the same',
    (...[name, text]: readonly [CommandName, string]) => {
      const command = parseCommand(text);
      expect(command.name).toBe(name);
      expect(commandText(command)).toBe(text);
    },
  );

  test('when synonyms are declared, then each means one keyword and none is itself a keyword', () => {
    const synonyms = COMMANDS.flatMap((c) => c.synonyms);
    expect(new Set(synonyms).size).toBe(synonyms.length);
    expect(synonyms.filter((s) => KEYWORDS.includes(s))).toEqual([]);
  });

  test('when every synonym is typed, then it reads as a command of its keyword', () => {
    for (const definition of COMMANDS) {
      for (const synonym of definition.synonyms) {
        const family = COMMANDS.filter((c) => c.keyword === definition.keyword).map((c) => c.name as string);
        // Arguments are added where the command needs one, so the synonym itself is what is tested.
        const needsId = ['show', 'update', 'history'].includes(definition.name);
        expect([...family, 'summary']).toContain(parseCommand(needsId ? `${synonym} 2.3` : synonym).name);
      }
    }
  });
});

describe('where commands are answered', () => {
  const shared = COMMANDS.filter((c) => mayAnswerIn(c.name, 'shared')).map((c) => c.name);

  test('when asked in a group chat or channel, then only summary and help are answered', () => {
    expect(shared.sort()).toEqual(['help', 'summary']);
  });

  test.each([
    ['personal', 'needs-argument'],
    ['shared', 'needs-argument'],
    ['personal', 'unknown'],
    ['shared', 'unknown'],
  ] as const)(
    'when not understood in a %s conversation, then help is still given (%s)',
    (...[where, name]: readonly [ConversationKind, 'needs-argument' | 'unknown']) => {
      expect(mayAnswerIn(name, where)).toBe(true);
    },
  );

  test('when asked in personal chat, then every command is answered', () => {
    expect(COMMANDS.filter((c) => !mayAnswerIn(c.name, 'personal'))).toEqual([]);
  });
});

describe('typo suggestions', () => {
  /** A typo of every keyword, including the newer snooze, pause, resume and digest. */
  const TYPOS: Record<string, string> = {
    help: 'halp',
    mine: 'mime',
    show: 'shw',
    update: 'updte',
    history: 'histroy',
    snooze: 'snoze',
    pause: 'pauze',
    resume: 'resme',
    notify: 'notfy',
    summary: 'sumary',
    overdue: 'overdeu',
    due: 'doe',
    list: 'lst',
    owners: 'ownrs',
    measures: 'measurs',
    digest: 'digst',
    report: 'reprot',
    round: 'rond',
    plan: 'plam',
    moderate: 'moderat',
  };

  test('when a typo is listed for every keyword, then none is missing', () => {
    expect(Object.keys(TYPOS).sort()).toEqual([...KEYWORDS].sort());
  });

  test.each(Object.entries(TYPOS))(
    'when someone types a typo of "%s", then they are asked whether they meant it',
    (...[keyword, typo]: [string, string]) => {
      expect(suggest(typo)).toEqual({ suggestion: keyword });
      expect(parseCommand(typo)).toEqual({ name: 'unknown', text: typo, suggestion: keyword });
    },
  );

  test.each([
    ['snoze 2.1 3 days', 'snooze 2.1 3 days'],
    ['pauze until 31/03/2025', 'pause until 31/03/2025'],
    ['rond start', 'round start'],
    ['shw 2.3', 'show 2.3'],
    ['digst please', 'digest'],
  ])(
    'when "%s" is typed, then the suggestion is "%s", the whole command where it makes one',
    (...[typed, suggestion]: [string, string]) => {
      expect(parseCommand(typed)).toMatchObject({ name: 'unknown', suggestion });
    },
  );
});

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const AUDIENCE_BY_LABEL = new Map(
    Object.entries(AUDIENCE_LABEL).map(([a, label]) => [label, a as Audience]),
  );

  /** "audience: usage" for every command in the "What people can say" table. */
  function readmeCommands(): string[] {
    const lines = readme.slice(readme.indexOf('## What people can say')).split('\n');
    const first = lines.findIndex((line) => line.startsWith('|'));
    const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
    const rows = lines.slice(first + 2, end); // after the header and separator
    const found: string[] = [];
    let audience: Audience | undefined;
    for (const row of rows) {
      const [who, commands] = row
        .slice(1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim());
      if (who) audience = AUDIENCE_BY_LABEL.get(who);
      if (!audience) throw new Error(`README "Who" is not an audience: "${who}"`);
      for (const [, usage] of commands!.matchAll(/`([^`]+)`/g))
        found.push(`${audience}: ${usage!.replace(/\\\|/g, '|')}`);
    }
    return found.sort();
  }

  test('when the README lists what people can say, then it is exactly the registry: every usage, for its audience', () => {
    expect(readmeCommands()).toEqual(COMMANDS.map((c) => `${c.audience}: ${c.usage}`).sort());
  });
});
