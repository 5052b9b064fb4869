import type { Answer } from '../chat-deps';
import { pauseOrResume } from './pause';

export const answerResume: Answer<'resume'> = (deps, actor) => pauseOrResume(deps, actor, undefined);
