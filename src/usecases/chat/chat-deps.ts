import type { Command, CommandOf } from '../../domain/commands/command';
import type { HolidayCalendar } from '../../domain/working-days';
import type { ReachRegistry } from '../delivery/channel';
import type { AppLinks, Clock, Stores } from '../ports/index';
import type { ChatActor } from '../shared/actor';
import type { Reply } from './replies';

export interface ChatDeps {
  stores: Stores;
  clock: Clock;
  calendar: HolidayCalendar;
  /** Signs report download links; without it the report card says how to get the report instead. */
  appLinks?: AppLinks;
  /** E-mail is set up (a relay or the local catcher); without it, everyone's only channel is Teams. */
  emailOn?: boolean;
  /** The channel registry, for how each person is reached (`owners`). */
  channels: ReachRegistry;
}

/** How one command is answered for one person; `page` is for lists that page with "Show more". */
export type Answer<N extends Command['name']> = (
  deps: ChatDeps,
  actor: ChatActor,
  command: CommandOf<N>,
  page: number,
) => Promise<Reply>;
