/** "Mark complete": the completion form has its own inputs, so they cannot be confused with progress's. */
import { applyLifecycle, readCompletion } from '../../../domain/status-change';
import { change } from './change';
import type { Handler } from './outcome';

export const complete: Handler = (ctx) =>
  change(ctx, (_ctx, inputs, context) => {
    const completion = readCompletion({
      note: inputs.impactNote ?? '',
      evidence: inputs.impactEvidence ?? '',
    });
    return { applied: applyLifecycle(ctx.loaded.value, 'complete', completion, context), announcements: [] };
  });
