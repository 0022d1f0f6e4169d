/**
 * One way to read a posted form: parse with a valibot schema, and on failure answer 400 with the
 * user's values (never passwords) and the errors in the user's language (DESIGN.md: error summary pattern).
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import * as m from '../../paraglide/messages.js';
import { isBodyTooLarge } from './body-limit';
import * as v from 'valibot';
import { fieldErrors, formValues } from '../../forms/text';
import { translate, translateErrors } from '../../i18n/translate';
import { RuleError } from '../errors';

export interface FormFailure {
	values: Record<string, string>;
	errors: Record<string, string>;
}

export type Parsed<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; failure: ActionFailure<FormFailure> };

/** Fields whose values are never sent back to the browser. */
export const SECRET_FIELDS = ['password', 'passwordConfirm', 'currentPassword', 'code'] as const;

/** The text fields of a posted form, to send back so nothing typed is lost (secrets and files left out). */
export function formValuesOf(data: FormData): Record<string, string> {
	return formValues(data, SECRET_FIELDS);
}

/**
 * The posted form. A body that is not a readable form (a broken multipart body, a wrong content type) is the
 * client's fault: 400, not a 500 in the log; a streamed body over the limit is 413.
 */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (cause) {
		if (isBodyTooLarge(cause)) error(413, m.form_error_too_large());
		error(400, m.form_error_unreadable());
	}
}

export async function parseForm<S extends v.GenericSchema>(request: Request, schema: S): Promise<Parsed<v.InferOutput<S>>> {
	return parseFormData(await readFormData(request), schema);
}

/** parseForm for a form already read (a multipart form whose files the route takes out itself). */
export function parseFormData<S extends v.GenericSchema>(data: FormData, schema: S): Parsed<v.InferOutput<S>> {
	const values = formValuesOf(data);
	const input: Record<string, unknown> = {};
	for (const [key, value] of data) {
		if (typeof value !== 'string') continue;
		// A field sent more than once (a group of checkboxes) becomes a list.
		const previous = input[key];
		input[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
	}
	const result = v.safeParse(schema, input);
	if (!result.success) {
		return { ok: false, failure: fail(400, { values, errors: translateErrors(fieldErrors(result.issues)) }) };
	}
	return { ok: true, data: result.output, values };
}

/** A failure decided after parsing (wrong password, link expired …): one message on one field. */
export function failWith(status: number, values: Record<string, string>, field: string, message: string): ActionFailure<FormFailure> {
	return fail(status, { values, errors: { [field]: message } });
}

/**
 * Runs a service call for a form; a RuleError becomes a 400 with its message on its field and the input kept.
 * Returns the failure to hand back to SvelteKit, or the call's result.
 */
export async function withRules<T>(values: Record<string, string>, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failure: ActionFailure<FormFailure> }> {
	try {
		return { ok: true, value: await work() };
	} catch (error) {
		if (error instanceof RuleError) return { ok: false, failure: failWith(400, values, error.field, translate(error.messageKey)) };
		throw error;
	}
}
