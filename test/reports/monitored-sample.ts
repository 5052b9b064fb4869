/**
 * The Northumberland sample as a monitoring round leaves it, for the paper's tests: every rating agreed
 * with commentary (2.3 agreed Amber where the owner proposed Yellow), 1.1 complete, 4.4 impact evidenced
 * and never rated, 6.1 not yet rated, 2.4's due date revised, and evidence links on 3.1.
 */
import type { Action } from '../../src/domain/action';

export const SHAREPOINT =
  'https://northumberland.sharepoint.com/sites/NSCC/Shared%20Documents/Monitoring/Referral-form-relaunch-briefing-May-2020.pdf';

/** Agreed commentary of a realistic length (about 160 characters), different for every action. */
function commentaryFor(id: string, words = 1): string {
  const sentence = `Action ${id}: the subgroup reviewed the evidence and agreed the rating; the lead officer reports the next step to the subgroup in the next round.`;
  return Array.from({ length: words }, () => sentence).join(' ');
}

/** The sample as a round leaves it: every rating agreed with commentary, and the cases papers must place. */
export function asMonitored(actions: readonly Action[], commentaryLength = 1): Action[] {
  return actions.map((action) => {
    const agreed = action.rating
      ? {
          agreed: {
            rating: action.id === '2.3' ? ('amber' as const) : action.rating,
            proposal: action.rating,
            commentary: commentaryFor(action.id, commentaryLength),
            agreedBy: { name: 'S&CE chair', email: 'chair@example.org' },
            agreedAt: '2020-05-19T10:00:00.000Z',
          },
        }
      : {};
    const { rating: _rating, agreed: _agreed, ...unrated } = action;
    switch (action.id) {
      case '1.1':
        return { ...action, ...agreed, lifecycle: 'complete' };
      case '4.4':
        return { ...unrated, lifecycle: 'impact_evidenced' };
      case '6.1':
        return unrated;
      case '2.4':
        return { ...action, ...agreed, currentDueDate: '2020-09-30' };
      case '3.1':
        return {
          ...action,
          ...agreed,
          evidenceLinks: [
            SHAREPOINT,
            '[MSET audit, May 2020](https://example.org/audits/2020/mset-audit.docx)',
          ],
        };
      default:
        return { ...action, ...agreed };
    }
  });
}
