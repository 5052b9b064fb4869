/** "Refresh" (and the e-mail page opening): the card as it stands, for this viewer. */
import { card } from './card-view';
import type { Handler } from './outcome';

export const refresh: Handler = async (ctx) => ({ kind: 'shown', view: await card(ctx, ctx.loaded.value) });
