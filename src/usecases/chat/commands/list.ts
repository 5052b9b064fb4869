import { type Action, compareActionIds } from '../../../domain/action';
import type { Area } from '../../../domain/area';
import type { ListFilterKind } from '../../../domain/commands/list';
import { assertNever } from '../../../domain/never';
import type { Plan } from '../../../domain/plan';
import { parseRating, ratingsOf } from '../../../domain/rating';
import type { Answer } from '../chat-deps';
import type { Reply } from '../replies';
import { listReply, notice } from '../reply-helpers';
import { planContents, withWholePlan } from './whole-plan';

export const answerList: Answer<'list'> = (deps, actor, command, page) =>
  withWholePlan(deps, actor, command, async (plan) => {
    const { areas, actions } = await planContents(deps, plan);
    const filtered = command.filter ? filterActions(actions, areas, command.filter, plan) : actions;
    if (!Array.isArray(filtered)) return filtered;
    return listReply(deps, {
      title: command.filter ? `Actions: ${command.filter.kind} "${command.filter.value}"` : 'All actions',
      subtitle: plan.title,
      plans: [plan],
      actions: [...filtered].sort((a, b) => compareActionIds(a.id, b.id)),
      page,
      command,
      emptyText: 'No action matches that.',
    });
  });

function filterActions(
  actions: Action[],
  areas: readonly Pick<Area, 'id' | 'text'>[],
  filter: { kind: ListFilterKind; value: string },
  plan: Plan,
): Action[] | Reply {
  const value = filter.value.trim().toLowerCase();
  switch (filter.kind) {
    case 'agency':
      return actions.filter((a) => a.leadAgency.toLowerCase().includes(value));
    case 'area': {
      const matching = new Set(
        areas
          .filter((area) => area.id.toLowerCase() === value || area.text.toLowerCase().includes(value))
          .map((area) => area.id),
      );
      return actions.filter((a) => matching.has(a.areaId));
    }
    case 'owner':
      return actions.filter((a) =>
        a.owners.some((o) => o.email.includes(value) || o.name.toLowerCase().includes(value)),
      );
    case 'rating': {
      const rating = value === 'unrated' || value === 'none' ? undefined : parseRating(value);
      if (rating === undefined && value !== 'unrated' && value !== 'none') {
        return notice(
          'info',
          `"${filter.value}" is not a rating`,
          `This plan rates ${ratingsOf(plan.ratingScale).join(', ')} (or unrated).`,
        );
      }
      return actions.filter((a) => a.rating === rating);
    }
    default:
      return assertNever(filter.kind);
  }
}
