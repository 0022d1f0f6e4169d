/**
 * The forms of the case pages (issue 11, items 5 and 6): valibot schemas for the edge, the field names each form
 * uses, and where a problem the case service reports belongs on the page. Browser-safe and pure.
 *
 * One case page holds many small forms, so every form has its own field names (pupilName, actionText, noteBody …):
 * an error summary links to a field by its id, and two forms with a field `text` would send the reader to the wrong
 * one. The service's rules name their own fields (text, dueOn …); FIELD_OF maps them to the page's.
 */
import * as v from 'valibot';
import { PLACES, TIMES_OF_DAY } from './case-categories';
import { CASE_STATES, REOPEN_REASONS, STOPPED_ANSWERS, type TransitionProblem } from './case-state';
import { PUPIL_ROLES, REFERRAL_KINDS } from './case-roles';
import { GENERAL_MEASURES } from './outcome-message';
import { BULLYING_FORMS } from '../dossier/dossier';
import { MOTIVES } from '../reports/report-form';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Text is checked by the service (case-text.ts: length, control characters, malformed Unicode) so every entry point
 * says the same; the edge only makes sure it is a string of sane size before it goes that far.
 */
const text = v.optional(v.string(), '');

/** One of `options`, or empty (not chosen). */
const choiceOrEmpty = <T extends string>(options: readonly T[]) =>
	v.pipe(v.optional(v.string(), ''), v.check((s) => s === '' || (options as readonly string[]).includes(s), 'case_error_choose'), v.transform((s) => (s === '' ? null : (s as T))));

/** One of `options`, required. */
const choice = <T extends string>(options: readonly T[]) =>
	v.pipe(v.optional(v.string(), ''), v.check((s) => (options as readonly string[]).includes(s), 'case_error_choose'), v.transform((s) => s as T));

/** A group of checkboxes: absent, one value or several, each one of `options`. */
const several = <T extends string>(options: readonly T[]) =>
	v.pipe(
		v.optional(v.union([v.string(), v.array(v.string())]), []),
		v.transform((x) => (Array.isArray(x) ? x : [x])),
		v.check((xs) => xs.length <= options.length * 2 && xs.every((x) => (options as readonly string[]).includes(x)), 'case_error_choose'),
		v.transform((xs) => [...new Set(xs)] as T[])
	);

const id = v.pipe(v.optional(v.string(), ''), v.check((s) => UUID.test(s), 'case_error_choose'));

/** Report ids from the inbox (hidden fields or ?melding=…, repeated); at most a sensible cluster. */
export const reportIdsSchema = v.pipe(
	v.optional(v.union([v.string(), v.array(v.string())]), []),
	v.transform((x) => (Array.isArray(x) ? x : [x]).filter((s) => s !== '')),
	v.check((xs) => xs.length <= 50 && xs.every((x) => UUID.test(x)), 'case_error_reports'),
	v.transform((xs) => [...new Set(xs.map((x) => x.toLowerCase()))])
);

export const openCaseSchema = v.object({
	melding: reportIdsSchema,
	place: choiceOrEmpty(PLACES),
	timeOfDay: choiceOrEmpty(TIMES_OF_DAY),
	forms: several(BULLYING_FORMS),
	motives: several(MOTIVES)
});

export const classifySchema = v.object({
	place: choiceOrEmpty(PLACES),
	timeOfDay: choiceOrEmpty(TIMES_OF_DAY),
	forms: several(BULLYING_FORMS),
	motives: several(MOTIVES)
});

export const transitionSchema = v.object({
	to: choice(CASE_STATES),
	evalStopped: v.optional(v.string(), ''),
	evalWeeks: v.pipe(v.optional(v.string(), ''), v.maxLength(10, 'case_error_weeks')),
	evalTargetAsked: v.optional(v.string(), ''),
	reopenReason: v.optional(v.string(), '')
});

export const assignSchema = v.object({
	assignee: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => /^[0-9a-f-]{36}:[a-z_]+$/i.test(s), 'case_error_choose')
	)
});

export const unassignSchema = v.object({ userId: id, role: v.pipe(v.optional(v.string(), ''), v.maxLength(40)) });

/**
 * A pupil's name or class is letters, digits, spaces and a few marks ("Zoë van 't Hof", "7b", "groep 8-2"): markup
 * or symbols there are a mistake (or an attempt), refused with a clear message; descriptions and notes are free text.
 */
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .'’-]+$/u;
const name = v.pipe(text, v.check((s) => s.trim() === '' || !s.isWellFormed() || NAME_PATTERN.test(s.normalize('NFC').trim()), 'case_error_pupil_name_invalid'));

export const pupilSchema = v.object({ pupilRole: choice(PUPIL_ROLES), pupilName: name, pupilClass: name, pupilDescription: text });

export const actionSchema = v.object({
	actionKind: choice(['action', 'agreement', 'referral'] as const),
	referralKind: choiceOrEmpty(REFERRAL_KINDS),
	actionOwner: v.pipe(v.optional(v.string(), ''), v.check((s) => UUID.test(s), 'case_error_owner')),
	actionText: text,
	/** A report of the case whose reporter the agreement is made with; empty for the school's own. */
	actionWith: v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => s === '' || UUID.test(s), 'case_error_choose'),
		v.transform((s) => s || null)
	)
});

export const completeSchema = v.object({ actionId: id });

export const noteSchema = v.object({ noteBody: text });
export const confidentialSchema = v.object({ confidentialBody: text });

export const outcomeSchema = v.object({ measures: v.pipe(several(GENERAL_MEASURES), v.check((xs) => xs.length > 0, 'case_error_measures')) });

export const legalHoldSchema = v.object({ holdReason: text });

/** The service's field names (RuleError.field) as the page's, per form. */
export const FIELD_OF: Record<string, Record<string, string>> = {
	pupil: { role: 'pupilRole', name: 'pupilName', className: 'pupilClass', description: 'pupilDescription' },
	action: { kind: 'actionKind', referralKind: 'referralKind', ownerUserId: 'actionOwner', dueOn: 'actionDue', text: 'actionText', reporterReportId: 'actionWith' },
	note: { body: 'noteBody' },
	confidential: { body: 'confidentialBody' },
	assign: { userId: 'assignee', role: 'assignee' },
	unassign: { userId: 'handlers' },
	complete: { doneOn: 'actions' },
	transition: { to: 'to' },
	classify: {},
	outcome: {},
	hold: { reason: 'holdReason' },
	open: { reportIds: 'melding' }
};

/** A transition problem (case-state.ts) as the field it is shown at and the message key. */
export function transitionProblemField(problem: TransitionProblem): { field: string; key: string } {
	switch (problem) {
		case 'stopped_required':
			return { field: 'evalStopped', key: 'case_error_eval_stopped' };
		case 'weeks_invalid':
			return { field: 'evalWeeks', key: 'case_error_weeks' };
		case 'weeks_longer_than_case':
			return { field: 'evalWeeks', key: 'case_error_weeks_longer_than_case' };
		case 'checked_on_invalid':
			return { field: 'evalCheckedOn', key: 'case_error_date' };
		case 'checked_on_future':
			return { field: 'evalCheckedOn', key: 'case_error_date_future' };
		case 'checked_on_before_opened':
			return { field: 'evalCheckedOn', key: 'case_error_checked_before_opened' };
		case 'reopen_reason_required':
			return { field: 'reopenReason', key: 'case_error_reopen_reason' };
		case 'handler_required':
			return { field: 'to', key: 'case_error_handler_required' };
		case 'not_allowed':
			return { field: 'to', key: 'case_error_not_allowed' };
	}
}

export type DayResult = { value: string | null } | { error: string };

/**
 * A day from the three fields <name>-day, -month and -year (DateInput). Empty is null; `future` says whether a day
 * after today may be given (a due day may, the day a check was done may not).
 */
export function dayFromParts(input: Record<string, unknown>, name: string, today: string, options: { future: boolean }): DayResult {
	const part = (suffix: string) => (typeof input[`${name}-${suffix}`] === 'string' ? (input[`${name}-${suffix}`] as string).trim() : '');
	const [day, month, year] = [part('day'), part('month'), part('year')];
	if (!day && !month && !year) return { value: null };
	if (![day, month, year].every((p) => /^\d{1,4}$/.test(p)) || year.length !== 4) return { error: 'case_error_date_invalid' };
	const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	const date = new Date(`${iso}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso || iso < '2000-01-01') return { error: 'case_error_date_invalid' };
	if (!options.future && iso > today) return { error: 'case_error_date_future' };
	// Ten years ahead is a typing error, not a plan.
	if (options.future && iso > `${Number(today.slice(0, 4)) + 10}${today.slice(4)}`) return { error: 'case_error_date_invalid' };
	return { value: iso };
}

/** The values DateInput shows for a day. */
export function dayParts(name: string, iso: string | null | undefined): Record<string, string> {
	if (!iso) return {};
	const [year, month, day] = iso.split('-');
	return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}
