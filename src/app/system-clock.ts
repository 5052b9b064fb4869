import type { Clock } from '../usecases/ports/index';

/** The only place the wall clock is read; everything else is handed a Clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `start` and then runs at the wall clock's pace: for trying reminders, rounds and
 * digests on a developer's machine (and for fault tests of the real server), never in production.
 */
export function clockStartingAt(start: Date, wall: Clock = systemClock): Clock {
  const offset = start.getTime() - wall.now().getTime();
  return { now: () => new Date(wall.now().getTime() + offset) };
}
