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
export type SuggestionReason = 'violence' | 'physical_complaints' | 'absence' | 'images' | 'agreement_not_kept' | 'next_in_school' | 'school_done';

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
	const nextInSchool = schoolSteps.find((s) => !done.has(s) && !skipped.has(s));
	const anyInSchoolDone = schoolSteps.some((s) => done.has(s));
	if (facts.incidentCount > 0) {
		if (nextInSchool) {
			// Without any contact yet, the first rung is the natural next step; after a broken agreement, the next one is.
			suggest(nextInSchool, facts.agreementNotKept && anyInSchoolDone ? 'agreement_not_kept' : 'next_in_school');
		} else if (facts.agreementNotKept || anyInSchoolDone) {
			// The school's own rungs are used up: the formal routes.
			for (const step of ['vertrouwenspersoon_extern', 'klacht', 'inspectie'] as const) suggest(step, facts.agreementNotKept ? 'agreement_not_kept' : 'school_done');
		}
	}

	const steps: PlannedStep[] = LADDER_STEPS.filter((s) => s !== 'mentor' || facts.secondary || done.has(s)).map((step) => ({
		step,
		state: done.has(step) ? 'done' : skipped.has(step) ? 'skipped' : reasons.has(step) ? 'suggested' : 'open',
		reasons: reasons.get(step) ?? []
	}));
	const urgency: SuggestionReason[] = ['violence', 'images', 'physical_complaints', 'absence', 'agreement_not_kept', 'next_in_school', 'school_done'];
	const rank = (s: PlannedStep) => Math.min(...s.reasons.map((r) => urgency.indexOf(r)));
	// Most urgent reason first; between equals, the order the rules above gave them (police before doctor).
	const suggestions = [...reasons.keys()]
		.map((step) => steps.find((s) => s.step === step))
		.filter((s): s is PlannedStep => s?.state === 'suggested')
		.sort((a, b) => rank(a) - rank(b));
	return { writtenDown: facts.incidentCount > 0, steps, suggestions };
}
