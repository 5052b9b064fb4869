import type { Clock } from './usecases/ports';

/** The only place the wall clock is read; everything else is handed a Clock. */
export const systemClock: Clock = { now: () => new Date() };
