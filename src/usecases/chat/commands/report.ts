import { draftProgressReport, REPORT_FORMATS } from '../../reports/build-progress-report';
import type { Answer } from '../chat-deps';
import { answeringRoundErrors } from './rounds';
import { withWholePlan } from './whole-plan';

/** The report's figures, with signed links for the actor to open or download it. */
export const answerReport: Answer<'report'> = (deps, actor, command) =>
  withWholePlan(deps, actor, command, (plan, person) =>
    answeringRoundErrors(async () => {
      // The card shows counts and movement, not the area tables' notes.
      const [report, rounds] = await Promise.all([
        draftProgressReport(deps.stores, plan.id, deps.clock.now(), { notes: false }),
        deps.stores.rounds.list(plan.id),
      ]);
      const closedRounds = rounds.filter((r) => r.status === 'closed').map((r) => r.number);
      const links = deps.appLinks
        ? REPORT_FORMATS.map((format) => ({
            format,
            url: deps.appLinks!.reportUrl({ planId: plan.id, format, email: person.email }),
          }))
        : [];
      return {
        kind: 'report',
        plan,
        report,
        links,
        ...(deps.appLinks ? { access: deps.appLinks.reportAccess } : {}),
        closedRounds,
      };
    }),
  );
