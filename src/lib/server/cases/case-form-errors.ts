/**
 * A case service call for one form of a case page: a RuleError or a CaseTransitionError becomes a 400 with the
 * message at the page's own field (case-forms.ts FIELD_OF), the input kept, and the name of the form that failed,
 * so the page puts the input back in that form only.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { RuleError } from '../errors';
import { CaseTransitionError } from '../../cases/case-state';
import { transitionProblemField } from '../../cases/case-forms';
import { translate } from '../../i18n/translate';

export interface CaseFormFailure {
	form: string;
	values: Record<string, string>;
	errors: Record<string, string>;
}

export function caseFailure(form: string, values: Record<string, string>, errors: Record<string, string>): ActionFailure<CaseFormFailure> {
	return fail(400, { form, values, errors });
}

export async function caseRules<T>(
	form: string,
	values: Record<string, string>,
	fields: Record<string, string>,
	work: () => Promise<T>
): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<CaseFormFailure> }> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		if (error instanceof RuleError) return { ok: false, failure: caseFailure(form, values, { [fields[error.field] ?? error.field]: translate(error.messageKey) }) };
		if (error instanceof CaseTransitionError) {
			const errors: Record<string, string> = {};
			for (const problem of error.problems) {
				const { field, key } = transitionProblemField(problem);
				errors[field] ??= translate(key);
			}
			return { ok: false, failure: caseFailure(form, values, errors) };
		}
		throw error;
	}
}
