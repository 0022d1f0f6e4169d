/**
 * When opening a case asks for the second factor again (issue 11, item 8): a closed case, or one opened more than
 * 30 days ago. Old and closed files are the ones a stolen session would browse at leisure, and the ones a handler
 * rarely needs in a hurry. Browser-safe and pure; the case service checks whether the session has stepped up lately.
 */
import type { CaseState } from './case-state';
import { addDays } from './school-days';

export const STEP_UP_AFTER_DAYS = 30;
/** How long one confirmation of the second factor opens closed and old cases (of any case, like sudo mode). */
export const STEP_UP_VALID_MINUTES = 15;

export type StepUpReason = 'closed' | 'older_than_30_days';

/** Why this case needs the second factor again, or undefined when it does not. */
export function stepUpReason(facts: { state: CaseState; openedOn: string }, today: string): StepUpReason | undefined {
	if (facts.state === 'closed') return 'closed';
	if (addDays(facts.openedOn, STEP_UP_AFTER_DAYS) < today) return 'older_than_30_days';
	return undefined;
}
