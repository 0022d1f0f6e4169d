import { describe, expect, it } from 'vitest';
import { assertTransition, canMove, CASE_STATES, CaseTransitionError, isCaseState, nextStates, transitionProblems, validateClosingEvaluation, type CaseState, type TransitionFacts } from './case-state';

const dates = { openedOn: '2026-09-01', today: '2026-12-07' };
const evaluation = { stopped: 'yes' as const, checkedAfterWeeks: 6, checkedOn: '2026-12-01', targetAsked: true };
const facts: TransitionFacts = { ...dates, handlerCount: 1, evaluation, reopenReason: 'started_again' };

describe('canMove', () => {
	it('allows exactly the moves of the table', () => {
		const allowed = new Set(['new>intake', 'intake>in_progress', 'in_progress>monitoring', 'monitoring>in_progress', 'monitoring>closed', 'closed>in_progress']);
		for (const from of CASE_STATES)
			for (const to of CASE_STATES) expect(canMove(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
	});

	it('lists the next states of each state', () => {
		expect(nextStates('new')).toEqual(['intake']);
		expect(nextStates('monitoring')).toEqual(['in_progress', 'closed']);
		expect(nextStates('closed')).toEqual(['in_progress']);
	});

	it('knows its states', () => {
		expect(isCaseState('monitoring')).toBe(true);
		expect(isCaseState('reopened')).toBe(false);
	});
});

describe('transitionProblems', () => {
	it('refuses a move outside the table whatever the facts', () => {
		expect(transitionProblems('new', 'closed', facts)).toEqual(['not_allowed']);
		expect(transitionProblems('in_progress', 'closed', facts)).toEqual(['not_allowed']);
		expect(transitionProblems('closed', 'closed', facts)).toEqual(['not_allowed']);
	});

	it('needs a handler to start the intake and to reopen', () => {
		expect(transitionProblems('new', 'intake', { ...facts, handlerCount: 0 })).toEqual(['handler_required']);
		expect(transitionProblems('new', 'intake', facts)).toEqual([]);
		expect(transitionProblems('closed', 'in_progress', { ...facts, handlerCount: 0, reopenReason: undefined })).toEqual(['handler_required', 'reopen_reason_required']);
		expect(transitionProblems('closed', 'in_progress', { ...facts, reopenReason: 'because' })).toEqual(['reopen_reason_required']);
		expect(transitionProblems('closed', 'in_progress', facts)).toEqual([]);
	});

	it('lets monitoring go back to in progress without more', () => {
		expect(transitionProblems('monitoring', 'in_progress', { ...dates, handlerCount: 0 })).toEqual([]);
	});

	it('closes only with a valid closing evaluation', () => {
		expect(transitionProblems('monitoring', 'closed', facts)).toEqual([]);
		expect(transitionProblems('monitoring', 'closed', { ...facts, evaluation: undefined })).toEqual(['stopped_required', 'checked_on_invalid', 'weeks_invalid']);
	});
});

describe('validateClosingEvaluation', () => {
	it('accepts a complete evaluation, also when the bullying did not stop', () => {
		expect(validateClosingEvaluation(evaluation, dates)).toEqual([]);
		expect(validateClosingEvaluation({ ...evaluation, stopped: 'no' }, dates)).toEqual([]);
		expect(validateClosingEvaluation({ ...evaluation, stopped: 'partly', targetAsked: false }, dates)).toEqual([]);
	});

	it('asks whether it stopped', () => {
		expect(validateClosingEvaluation({ ...evaluation, stopped: undefined }, dates)).toEqual(['stopped_required']);
		expect(validateClosingEvaluation({ ...evaluation, stopped: 'maybe' as never }, dates)).toEqual(['stopped_required']);
	});

	it('wants whole weeks from 1 to 52, not more than the case has lasted', () => {
		for (const weeks of [0, -1, 1.5, 53, Number.NaN]) expect(validateClosingEvaluation({ ...evaluation, checkedAfterWeeks: weeks }, dates)).toEqual(['weeks_invalid']);
		// 1 September → 1 December is 91 days: 13 weeks fit, 14 do not.
		expect(validateClosingEvaluation({ ...evaluation, checkedAfterWeeks: 13 }, dates)).toEqual([]);
		expect(validateClosingEvaluation({ ...evaluation, checkedAfterWeeks: 14 }, dates)).toEqual(['weeks_longer_than_case']);
	});

	it('wants the day of the check, not in the future and not before the case', () => {
		expect(validateClosingEvaluation({ ...evaluation, checkedOn: '2026-12-08' }, dates)).toEqual(['checked_on_future']);
		expect(validateClosingEvaluation({ ...evaluation, checkedOn: '2026-08-31' }, dates)).toEqual(['checked_on_before_opened']);
		expect(validateClosingEvaluation({ ...evaluation, checkedOn: '2026-11-31' }, dates)).toEqual(['checked_on_invalid']);
		expect(validateClosingEvaluation({ ...evaluation, checkedOn: '2026-12-07' }, dates)).toEqual([]);
	});
});

describe('assertTransition', () => {
	it('passes an allowed move and throws every problem of a refused one', () => {
		expect(() => assertTransition('intake', 'in_progress', facts)).not.toThrow();
		let caught: unknown;
		try {
			assertTransition('monitoring', 'closed', { ...facts, evaluation: { ...evaluation, stopped: undefined, checkedAfterWeeks: 0 } });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(CaseTransitionError);
		const error = caught as CaseTransitionError;
		expect([error.from, error.to]).toEqual(['monitoring', 'closed'] satisfies CaseState[]);
		expect(error.problems).toEqual(['stopped_required', 'weeks_invalid']);
		expect(() => assertTransition('new', 'monitoring', facts)).toThrow(CaseTransitionError);
	});
});
