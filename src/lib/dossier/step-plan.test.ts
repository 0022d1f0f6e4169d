import { describe, expect, it } from 'vitest';
import { planSteps, schoolHandlingFacts, type ReportHandling, type StepPlanFacts } from './step-plan';

const base: StepPlanFacts = {
	incidentCount: 1,
	physicalViolence: false,
	physicalComplaints: false,
	absenceDays: 0,
	forms: ['verbal'],
	contactRungs: [],
	agreementNotKept: false,
	skipped: [],
	secondary: false
};

const suggested = (facts: Partial<StepPlanFacts>) => planSteps({ ...base, ...facts }).suggestions.map((s) => s.step);
const stateOf = (facts: Partial<StepPlanFacts>, step: string) => planSteps({ ...base, ...facts }).steps.find((s) => s.step === step)?.state;

describe('planSteps', () => {
	it('suggests nothing before anything is written down', () => {
		const plan = planSteps({ ...base, incidentCount: 0, forms: [] });
		expect(plan.writtenDown).toBe(false);
		expect(plan.suggestions).toEqual([]);
	});

	it('starts inside the school with the teacher, then climbs one rung per contact', () => {
		expect(suggested({})).toEqual(['leerkracht']);
		expect(suggested({ contactRungs: ['leerkracht'] })).toEqual(['aanspreekpunt']);
		expect(stateOf({ contactRungs: ['leerkracht'] }, 'leerkracht')).toBe('done');
		// The mentor is a step of secondary school only.
		expect(suggested({ contactRungs: ['leerkracht', 'aanspreekpunt'] })).toEqual(['vertrouwenspersoon']);
		expect(suggested({ contactRungs: ['leerkracht', 'aanspreekpunt'], secondary: true })).toEqual(['mentor']);
		expect(planSteps({ ...base }).steps.some((s) => s.step === 'mentor')).toBe(false);
	});

	it('after a broken or overdue agreement says so as the reason for the next rung', () => {
		const plan = planSteps({ ...base, contactRungs: ['leerkracht'], agreementNotKept: true });
		expect(plan.suggestions).toEqual([{ step: 'aanspreekpunt', state: 'suggested', reasons: ['agreement_not_kept'] }]);
	});

	it('offers the formal routes when every rung inside the school was tried', () => {
		const rungs = ['leerkracht', 'aanspreekpunt', 'vertrouwenspersoon', 'zorgcoordinator'] as const;
		expect(suggested({ contactRungs: [...rungs], agreementNotKept: true })).toEqual(['vertrouwenspersoon_extern', 'klacht', 'inspectie']);
		expect(planSteps({ ...base, contactRungs: [...rungs] }).suggestions.every((s) => s.reasons.includes('school_done'))).toBe(true);
	});

	it('puts safety first: violence → police and GP, before the school ladder', () => {
		const plan = planSteps({ ...base, physicalViolence: true });
		expect(plan.suggestions.map((s) => s.step)).toEqual(['politie', 'huisarts', 'leerkracht']);
		expect(plan.suggestions[0]!.reasons).toEqual(['violence']);
	});

	it('shared private images → vertrouwensinspecteur and police', () => {
		expect(suggested({ forms: ['online_private_images'] })).toEqual(['vertrouwensinspecteur', 'politie', 'leerkracht']);
	});

	it('physical complaints → youth doctor and GP; absence → attendance officer', () => {
		expect(suggested({ physicalComplaints: true })).toEqual(['jeugdarts', 'huisarts', 'leerkracht']);
		expect(suggested({ absenceDays: 3 })).toEqual(['leerplichtambtenaar', 'leerkracht']);
	});

	it('joins the reasons of a step suggested by two rules', () => {
		const plan = planSteps({ ...base, physicalViolence: true, physicalComplaints: true });
		expect(plan.suggestions.find((s) => s.step === 'huisarts')?.reasons).toEqual(['violence', 'physical_complaints']);
	});

	it('never suggests a step marked "not for us" or already done, and goes on to the next rung', () => {
		expect(suggested({ skipped: ['leerkracht'] })).toEqual(['aanspreekpunt']);
		expect(stateOf({ skipped: ['leerkracht'] }, 'leerkracht')).toBe('skipped');
		expect(suggested({ physicalViolence: true, skipped: ['politie'], contactRungs: ['leerkracht'] })).toEqual(['huisarts', 'aanspreekpunt']);
	});

	it('keeps every step of the ladder in the plan, with a state', () => {
		const plan = planSteps(base);
		expect(plan.steps.map((s) => s.step)).toContain('kinderombudsman');
		expect(plan.steps.find((s) => s.step === 'kinderombudsman')?.state).toBe('open');
	});
});

describe("the school's handling of reports from the dossier", () => {
	const school = { reported: true, agreementOverdue: false, closedWhileGoingOn: false };

	it('counts a report as the aanspreekpunt reached', () => {
		expect(stateOf({ school }, 'aanspreekpunt')).toBe('done');
		// The ladder still starts with the teacher when the parent has not spoken to them.
		expect(suggested({ school })).toEqual(['leerkracht']);
	});

	it('an agreement of the school past its day is a broken agreement', () => {
		const plan = planSteps({ ...base, contactRungs: ['leerkracht'], school: { ...school, agreementOverdue: true } });
		expect(plan.suggestions).toEqual([{ step: 'vertrouwenspersoon', state: 'suggested', reasons: ['agreement_not_kept'] }]);
	});

	it('a case closed while the bullying goes on suggests the next rung up, not one below', () => {
		// Reported (aanspreekpunt) without a talk with the teacher: up to the vertrouwenspersoon, not back to the teacher.
		const plan = planSteps({ ...base, school: { ...school, closedWhileGoingOn: true } });
		expect(plan.suggestions).toEqual([{ step: 'vertrouwenspersoon', state: 'suggested', reasons: ['case_closed_ongoing'] }]);
		expect(suggested({ secondary: true, school: { ...school, closedWhileGoingOn: true } })).toEqual(['mentor']);
		// Up past the last rung inside the school: the formal routes, with the same reason.
		const used = planSteps({ ...base, contactRungs: ['zorgcoordinator'], school: { ...school, closedWhileGoingOn: true } });
		expect(used.suggestions.map((s) => s.step)).toEqual(['vertrouwenspersoon_extern', 'klacht', 'inspectie']);
		expect(used.suggestions.every((s) => s.reasons.includes('case_closed_ongoing'))).toBe(true);
	});

	it('safety still comes first', () => {
		expect(suggested({ physicalViolence: true, school: { ...school, closedWhileGoingOn: true } })).toEqual(['politie', 'huisarts', 'vertrouwenspersoon']);
	});
});

describe('schoolHandlingFacts', () => {
	const closed = (closedOn: string, extra: Partial<ReportHandling> = {}): ReportHandling => ({ open: false, closedOn, closedWhileGoingOn: false, agreements: [], ...extra });

	it('is absent without reports, and reported with one in no case yet', () => {
		expect(schoolHandlingFacts(0, [], ['2026-10-01'])).toBeUndefined();
		expect(schoolHandlingFacts(1, [], ['2026-10-01'])).toEqual({ reported: true, agreementOverdue: false, closedWhileGoingOn: false });
	});

	it("sees it going on by the school's own evaluation, or by an incident on or after the closing day", () => {
		expect(schoolHandlingFacts(1, [closed('2026-11-01', { closedWhileGoingOn: true })], [])!.closedWhileGoingOn).toBe(true);
		expect(schoolHandlingFacts(1, [closed('2026-11-01')], ['2026-10-20'])!.closedWhileGoingOn).toBe(false);
		expect(schoolHandlingFacts(1, [closed('2026-11-01')], ['2026-10-20', '2026-11-01'])!.closedWhileGoingOn).toBe(true);
	});

	it('waits while another case of the school is still open', () => {
		const open: ReportHandling = { open: true, closedOn: null, closedWhileGoingOn: false, agreements: [] };
		expect(schoolHandlingFacts(2, [closed('2026-11-01', { closedWhileGoingOn: true }), open], [])!.closedWhileGoingOn).toBe(false);
	});

	it('finds an overdue agreement in any case', () => {
		expect(schoolHandlingFacts(1, [closed('2026-11-01', { agreements: [{ overdue: false }, { overdue: true }] })], [])!.agreementOverdue).toBe(true);
	});
});
