/**
 * The states of a case and the moves between them (issue 11, item 5). Browser-safe and pure: the case service checks
 * access, then asks these rules, then records who moved the case and when in the append-only case_event.
 *
 * new → intake → in_progress → monitoring → closed, with two ways back:
 * - monitoring → in_progress: the bullying started again while the school was watching.
 * - closed → in_progress (reopen): the case file already holds the intake, the pupils and the handlers, so what a
 *   reopened case needs is action, not a second intake. A new situation with other pupils is a new case instead.
 * A case is closed only from monitoring: the closing evaluation asks whether the bullying stopped and after how many
 * weeks that was checked, which only a period of watching can answer.
 */
import { isDay } from './school-days';

export const CASE_STATES = ['new', 'intake', 'in_progress', 'monitoring', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** What a move needs besides the actor's right to make it. */
export type TransitionRequirement = 'handler' | 'closingEvaluation' | 'reopenReason';

/**
 * The one table of allowed moves. A move absent here is refused.
 * Intake needs someone to hold it, so a handler must be assigned before leaving `new`.
 */
export const TRANSITIONS: Readonly<Record<CaseState, Partial<Record<CaseState, readonly TransitionRequirement[]>>>> = {
	new: { intake: ['handler'] },
	intake: { in_progress: ['handler'] },
	in_progress: { monitoring: ['handler'] },
	monitoring: { in_progress: [], closed: ['closingEvaluation'] },
	closed: { in_progress: ['handler', 'reopenReason'] }
};

export function isCaseState(value: string): value is CaseState {
	return (CASE_STATES as readonly string[]).includes(value);
}

export function canMove(from: CaseState, to: CaseState): boolean {
	return TRANSITIONS[from][to] !== undefined;
}

/** The states a case in `from` can move to, in the order of CASE_STATES (for the buttons on the case page). */
export function nextStates(from: CaseState): CaseState[] {
	return CASE_STATES.filter((to) => canMove(from, to));
}

export function requirementsOf(from: CaseState, to: CaseState): readonly TransitionRequirement[] {
	return TRANSITIONS[from][to] ?? [];
}

/** Did the bullying stop? "partly" when it became less or changed form (e.g. from the playground to online). */
export const STOPPED_ANSWERS = ['yes', 'partly', 'no'] as const;
export type StoppedAnswer = (typeof STOPPED_ANSWERS)[number];

export interface ClosingEvaluation {
	stopped: StoppedAnswer;
	/** Weeks between the start of monitoring (or the last measure) and the check with the pupil. */
	checkedAfterWeeks: number;
	/** The day the school checked with the pupil, 'YYYY-MM-DD'. */
	checkedOn: string;
	/** Whether the target pupil (or the parent) was asked: the evaluation is theirs, not only the school's view. */
	targetAsked: boolean;
}

/** A year is the longest a check can sensibly lie after the start: longer and the number is a typing error. */
export const MAX_CHECKED_AFTER_WEEKS = 52;

export type EvaluationError = 'stopped_required' | 'weeks_invalid' | 'weeks_longer_than_case' | 'checked_on_invalid' | 'checked_on_future' | 'checked_on_before_opened';

export interface CaseDates {
	/** The day the case was opened, 'YYYY-MM-DD'. */
	openedOn: string;
	/** Today in the Netherlands, 'YYYY-MM-DD'. */
	today: string;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (24 * 60 * 60 * 1000));
}

/**
 * What is wrong with a closing evaluation, as codes the service maps to a field and a message; empty when it is fine.
 * The weeks cannot exceed the time between opening and the check: a case opened last week was not checked after six.
 */
export function validateClosingEvaluation(evaluation: Partial<ClosingEvaluation> | undefined, dates: CaseDates): EvaluationError[] {
	const errors: EvaluationError[] = [];
	if (!evaluation?.stopped || !(STOPPED_ANSWERS as readonly string[]).includes(evaluation.stopped)) errors.push('stopped_required');
	const checkedOn = evaluation?.checkedOn;
	const dayOk = checkedOn !== undefined && isDay(checkedOn);
	if (!dayOk) errors.push('checked_on_invalid');
	else if (checkedOn > dates.today) errors.push('checked_on_future');
	else if (checkedOn < dates.openedOn) errors.push('checked_on_before_opened');
	const weeks = evaluation?.checkedAfterWeeks;
	if (weeks === undefined || !Number.isInteger(weeks) || weeks < 1 || weeks > MAX_CHECKED_AFTER_WEEKS) errors.push('weeks_invalid');
	else if (dayOk && checkedOn >= dates.openedOn && weeks * 7 > daysBetween(dates.openedOn, checkedOn)) errors.push('weeks_longer_than_case');
	return errors;
}

/** Why a closed case is opened again; recorded with the move so the overview can tell relapse from new facts. */
export const REOPEN_REASONS = ['started_again', 'new_information', 'closed_too_early'] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

/** The facts a move is judged on; the service reads them from the case. */
export interface TransitionFacts extends CaseDates {
	handlerCount: number;
	evaluation?: Partial<ClosingEvaluation>;
	reopenReason?: string;
}

export type TransitionProblem = 'not_allowed' | 'handler_required' | 'reopen_reason_required' | EvaluationError;

/** Everything that stands in the way of the move; empty when it may be made. */
export function transitionProblems(from: CaseState, to: CaseState, facts: TransitionFacts): TransitionProblem[] {
	if (!canMove(from, to)) return ['not_allowed'];
	const problems: TransitionProblem[] = [];
	for (const requirement of requirementsOf(from, to)) {
		if (requirement === 'handler' && facts.handlerCount < 1) problems.push('handler_required');
		if (requirement === 'reopenReason' && !(REOPEN_REASONS as readonly string[]).includes(facts.reopenReason ?? '')) problems.push('reopen_reason_required');
		if (requirement === 'closingEvaluation') problems.push(...validateClosingEvaluation(facts.evaluation, facts));
	}
	return problems;
}

export class CaseTransitionError extends Error {
	override name = 'CaseTransitionError';
	constructor(
		readonly from: CaseState,
		readonly to: CaseState,
		readonly problems: readonly TransitionProblem[]
	) {
		super(`case cannot move from ${from} to ${to}: ${problems.join(', ')}`);
	}
}

/** Throws CaseTransitionError with every problem at once, so a form can show them all together. */
export function assertTransition(from: CaseState, to: CaseState, facts: TransitionFacts): void {
	const problems = transitionProblems(from, to, facts);
	if (problems.length > 0) throw new CaseTransitionError(from, to, problems);
}
