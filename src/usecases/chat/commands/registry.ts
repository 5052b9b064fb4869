/**
 * How each command is answered, keyed by name. The names are not a second list: the type is read off
 * the declarations (src/domain/commands/command.ts), so a command declared and listed there without an
 * answer here fails to compile (test/architecture/command-declarations.test.ts plants one).
 */
import type { Command } from '../../../domain/commands/command';
import type { Answer } from '../chat-deps';
import { answerDigest } from './digest';
import { answerDue } from './due';
import { answerHelp } from './help';
import { answerHistory } from './history';
import { answerList } from './list';
import { answerMeasures } from './measures';
import { answerMine } from './mine';
import { answerModerate } from './moderate';
import { answerNeedsArgument, answerNotUnderstood } from './not-understood';
import { answerNotify } from './notify';
import { answerOverdue } from './overdue';
import { answerOwners } from './owners';
import { answerPause } from './pause';
import { answerPlan } from './plan';
import { answerReport } from './report';
import { answerResume } from './resume';
import { answerRoundClose } from './round-close';
import { answerRoundStart } from './round-start';
import { answerRoundStatus } from './round-status';
import { answerShow } from './show';
import { answerSnooze } from './snooze';
import { answerSummary } from './summary';
import { answerUpdate } from './update';

export const ANSWERS: { readonly [N in Command['name']]: Answer<N> } = {
  help: answerHelp,
  mine: answerMine,
  show: answerShow,
  update: answerUpdate,
  history: answerHistory,
  snooze: answerSnooze,
  pause: answerPause,
  resume: answerResume,
  notify: answerNotify,
  summary: answerSummary,
  overdue: answerOverdue,
  due: answerDue,
  list: answerList,
  owners: answerOwners,
  measures: answerMeasures,
  digest: answerDigest,
  report: answerReport,
  'round-start': answerRoundStart,
  'round-status': answerRoundStatus,
  'round-close': answerRoundClose,
  moderate: answerModerate,
  plan: answerPlan,
  'needs-argument': answerNeedsArgument,
  unknown: answerNotUnderstood,
};
