/**
 * Text checks every form uses at the edge (SECURITY.md): text must be well-formed Unicode without NUL or
 * other control characters, is normalised to NFC and trimmed, and must fit its field.
 * Failures carry a message key; the route turns it into words in the user's language.
 */
import * as v from 'valibot';

// Tab, line feed and carriage return are allowed only where the field takes several lines.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function isCleanText(value: string, multiline = false): boolean {
	return value.isWellFormed() && !(multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value);
}

/** A text field: clean, NFC, trimmed, at most `max` characters. */
export function textField(options: { max: number; required?: string; multiline?: boolean; tooLong: string; invalid: string }) {
	const base = v.pipe(
		v.string(),
		v.check((s) => isCleanText(s, options.multiline), options.invalid),
		v.transform((s) => s.normalize('NFC').trim()),
		v.maxLength(options.max, options.tooLong)
	);
	return options.required ? v.pipe(base, v.minLength(1, options.required)) : base;
}

/** An optional text field: as textField, and null when left empty. */
export function optionalTextField(options: { max: number; multiline?: boolean; tooLong: string; invalid: string }) {
	return v.pipe(v.optional(textField(options), ''), v.transform((s) => s || null));
}

/** Field name → message key of the first problem with that field. */
export type FieldErrors = Record<string, string>;

/** Collects the first message per field, in the order the schema reported them. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const key = v.getDotPath(issue) ?? 'form';
		if (!(key in errors)) errors[key] = issue.message;
	}
	return errors;
}

/**
 * Form values as plain strings, to send back to the page so nothing the user typed is lost.
 * A field sent more than once (a group of checkboxes) comes back comma-separated.
 */
export function formValues(data: FormData, omit: readonly string[] = []): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value !== 'string' || omit.includes(key)) continue;
		values[key] = key in values ? `${values[key]},${value}` : value;
	}
	return values;
}

/**
 * A search query from the address bar, made safe to search and to show back as text: well-formed Unicode,
 * control characters as spaces, trimmed and cut to `max` characters. Never refuses: a search page always answers.
 */
export function cleanQuery(raw: string | null, max: number): string {
	const text = raw ?? '';
	return (text.isWellFormed() ? text : text.toWellFormed()).replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}
