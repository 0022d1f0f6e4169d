/**
 * The step plan (GLOSSARY: stepPlan, LadderStep): the ladder of ../shared/data/escalation-ladder.md made personal.
 * Steps are done when the dossier shows a contact at that rung; the next step is suggested with its reason from the
 * rules at the end of that file; the parent can mark a step "not for us". It suggests, it never forces.
 * Pure and browser-safe, so every rule is unit-tested.
 */
import type { BullyingForm } from './dossier';
import type { ContactRung } from './contacts';

/** Inside the school, in the order the seed gives ("achtereenvolgens"). */
export const SCHOOL_STEPS = ['leerkracht', 'aanspreekpunt', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator'] as const;
/** Outside the school. */
export const OUTSIDE_STEPS = ['vertrouwenspersoon_extern', 'jeugdarts', 'huisarts', 'leerplichtambtenaar', 'vertrouwensinspecteur', 'kinderombudsman'] as const;
/** When the school does nothing or too little. */
export const FORMAL_STEPS = ['coordinator', 'mr', 'klacht', 'inspectie', 'politie'] as const;

export const LADDER_STEPS = [...SCHOOL_STEPS, ...OUTSIDE_STEPS, ...FORMAL_STEPS] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];

export function isLadderStep(value: string): value is LadderStep {
	return (LADDER_STEPS as readonly string[]).includes(value);
}

/** Why a step is suggested now. */
export type SuggestionReason = 'violence' | 'physical_complaints' | 'absence' | 'images' | 'agreement_not_kept' | 'case_closed_ongoing' | 'next_in_school' | 'school_done';

export interface StepPlanFacts {
	incidentCount: number;
	physicalViolence: boolean;
	physicalComplaints: boolean;
	absenceDays: number;
	forms: readonly BullyingForm[];
	/** The rungs the parent had contact with. */
	contactRungs: readonly ContactRung[];
	/** An agreement past its follow-up day that is still open, or one marked not kept. */
	agreementNotKept: boolean;
	/** Steps marked "not for us". */
	skipped: readonly LadderStep[];
	/** Secondary school (a mentor is mainly a secondary-school step). */
	secondary: boolean;
	/** What the school did with reports sent from the dossier (schoolHandlingFacts); absent: none sent. */
	school?: SchoolHandlingFacts;
}

/** The school's handling of the reports from this dossier, as the step plan counts it (issue 11 item 7). */
export interface SchoolHandlingFacts {
	/** A report reached the school's aanspreekpunt through Pestwijzer: that rung is done. */
	reported: boolean;
	/** An agreement the school made with the parent is past its day and not done. */
	agreementOverdue: boolean;
	/** The school closed its case while the bullying goes on: its own evaluation says so, or an incident came after. */
	closedWhileGoingOn: boolean;
}

/** How a report's case looks to the step plan (from cases/case-for-reporter.ts, without its texts). */
export interface ReportHandling {
	open: boolean;
	closedOn: string | null;
	closedWhileGoingOn: boolean;
	agreements: readonly { overdue: boolean }[];
}

/**
 * The school's handling from the reports of a dossier: `cases` holds one entry per report that became a case, and
 * `incidentDays` the days of the dossier's incidents. An incident on or after the day a case closed means it goes on.
 */
export function schoolHandlingFacts(reportCount: number, cases: readonly ReportHandling[], incidentDays: readonly string[]): SchoolHandlingFacts | undefined {
	if (reportCount === 0) return undefined;
	const lastIncident = [...incidentDays].sort().at(-1);
	const stillOpen = cases.some((c) => c.open);
	return {
		reported: true,
		agreementOverdue: cases.some((c) => c.agreements.some((a) => a.overdue)),
		// Another case of the school still open is still the school's work: no nudge past it yet.
		closedWhileGoingOn: !stillOpen && cases.some((c) => !c.open && (c.closedWhileGoingOn || (c.closedOn !== null && lastIncident !== undefined && lastIncident >= c.closedOn)))
	};
}

export type StepState = 'done' | 'suggested' | 'skipped' | 'open';

export interface PlannedStep {
	step: LadderStep;
	state: StepState;
	/** Present for suggested steps. */
	reasons: SuggestionReason[];
}

export interface StepPlan {
	/** Writing it down with the child: done once there is an incident. */
	writtenDown: boolean;
	steps: PlannedStep[];
	/** The suggested steps, most urgent first. */
	suggestions: PlannedStep[];
}

export function planSteps(facts: StepPlanFacts): StepPlan {
	const done = new Set<LadderStep>(facts.contactRungs.filter((r): r is ContactRung & LadderStep => isLadderStep(r)));
	if (facts.school?.reported) done.add('aanspreekpunt');
	const agreementNotKept = facts.agreementNotKept || facts.school?.agreementOverdue === true;
	const closedOngoing = facts.school?.closedWhileGoingOn === true;
	const skipped = new Set(facts.skipped);
	const reasons = new Map<LadderStep, SuggestionReason[]>();
	const suggest = (step: LadderStep, reason: SuggestionReason) => {
		if (done.has(step) || skipped.has(step)) return;
		reasons.set(step, [...(reasons.get(step) ?? []), reason]);
	};

	// Safety first: the rules of escalation-ladder.md, in order of urgency.
	if (facts.physicalViolence) {
		suggest('politie', 'violence');
		suggest('huisarts', 'violence');
	}
	if (facts.forms.includes('online_private_images')) {
		suggest('vertrouwensinspecteur', 'images');
		suggest('politie', 'images');
	}
	if (facts.physicalComplaints) {
		suggest('jeugdarts', 'physical_complaints');
		suggest('huisarts', 'physical_complaints');
	}
	if (facts.absenceDays > 0) suggest('leerplichtambtenaar', 'absence');

	// The next rung inside the school: the first not done and not skipped (the mentor only counts in secondary school).
	const schoolSteps = SCHOOL_STEPS.filter((s) => s !== 'mentor' || facts.secondary);
	const open = (s: LadderStep) => !done.has(s) && !skipped.has(s);
	const anyInSchoolDone = schoolSteps.some((s) => done.has(s));
	// After the school closed a case while it goes on, going back down the ladder helps nobody: the next rung up.
	const highestDone = Math.max(-1, ...schoolSteps.map((s, i) => (done.has(s) ? i : -1)));
	const nextInSchool = closedOngoing ? schoolSteps.find((s, i) => i > highestDone && open(s)) : schoolSteps.find(open);
	const reason: SuggestionReason = agreementNotKept && anyInSchoolDone ? 'agreement_not_kept' : closedOngoing ? 'case_closed_ongoing' : 'next_in_school';
	if (facts.incidentCount > 0) {
		if (nextInSchool) {
			// Without any contact yet, the first rung is the natural next step; after a broken agreement, the next one is.
			suggest(nextInSchool, reason);
		} else if (agreementNotKept || anyInSchoolDone) {
			// The school's own rungs are used up: the formal routes.
			for (const step of ['vertrouwenspersoon_extern', 'klacht', 'inspectie'] as const) suggest(step, agreementNotKept ? 'agreement_not_kept' : closedOngoing ? 'case_closed_ongoing' : 'school_done');
		}
	}

	const steps: PlannedStep[] = LADDER_STEPS.filter((s) => s !== 'mentor' || facts.secondary || done.has(s)).map((step) => ({
		step,
		state: done.has(step) ? 'done' : skipped.has(step) ? 'skipped' : reasons.has(step) ? 'suggested' : 'open',
		reasons: reasons.get(step) ?? []
	}));
	const urgency: SuggestionReason[] = ['violence', 'images', 'physical_complaints', 'absence', 'agreement_not_kept', 'case_closed_ongoing', 'next_in_school', 'school_done'];
	const rank = (s: PlannedStep) => Math.min(...s.reasons.map((r) => urgency.indexOf(r)));
	// Most urgent reason first; between equals, the order the rules above gave them (police before doctor).
	const suggestions = [...reasons.keys()]
		.map((step) => steps.find((s) => s.step === step))
		.filter((s): s is PlannedStep => s?.state === 'suggested')
		.sort((a, b) => rank(a) - rank(b));
	return { writtenDown: facts.incidentCount > 0, steps, suggestions };
}
