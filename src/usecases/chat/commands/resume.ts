import type { Answer } from '../chat-deps';
import { pauseOrResume } from './pause';

export const answerResume: Answer<'resume'> = (deps, asker) => pauseOrResume(deps, asker, undefined);
