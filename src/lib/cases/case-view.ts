/**
 * What the case service gives the pages of a case: the shapes its components show. Types only, so the components
 * and the PDF take them from here instead of each declaring its own copy.
 */
import type { ReferralKind } from './case-roles';

/** One line of the chronology: codes, people by id and the moment; never text. */
export interface CaseEventView {
	position: number;
	kind: string;
	fromState: string | null;
	toState: string | null;
	reason: string | null;
	subjectUserId: string | null;
	role: string | null;
	actorUserId: string;
	at: string;
}

export interface CaseActionView {
	id: string;
	kind: 'action' | 'agreement' | 'referral';
	referralKind: ReferralKind | null;
	ownerUserId: string;
	dueOn: string;
	doneOn: string | null;
	text: string;
	overdue: boolean;
	/** The report whose reporter this agreement was made with (and who sees it), or null. */
	reporterReportId: string | null;
}
