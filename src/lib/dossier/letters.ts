/**
 * Letters from templates (GLOSSARY: dossier; issue 5): which letters exist, the language a letter is written in,
 * and the form schema for the text the parent edits. Browser-safe; messages are message keys.
 */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { isLocale, type Locale } from '../i18n/locale';

/** In the order of the ladder (../shared/data/escalation-ladder.md): inside the school first, then the formal routes. */
export const LETTER_IDS = ['meeting-request', 'agreements-follow-up', 'complaint-board', 'complaint-commission', 'inspectorate-report', 'doctor-summary'] as const;
export type LetterId = (typeof LETTER_IDS)[number];

export function isLetterId(value: string): value is LetterId {
	return (LETTER_IDS as readonly string[]).includes(value);
}

export const LETTER_SUBJECT_MAX_LENGTH = 200;
/** Long enough for a complaint with a full list of incidents; far below the 1 MiB form limit. */
export const LETTER_BODY_MAX_LENGTH = 20_000;

/** The query parameter that holds the letter's language (?taal=en), which may differ from the page's language. */
export const LETTER_LANGUAGE_PARAM = 'taal';

/** The language a letter is written in: the one asked for in the address bar, else the language of the page. */
export function letterLanguage(value: string | null | undefined, fallback: Locale): Locale {
	return isLocale(value) ? value : fallback;
}

const invalid = 'dossier_error_invalid_text';

export const letterSchema = v.object({
	subject: v.optional(
		textField({ max: LETTER_SUBJECT_MAX_LENGTH, required: 'dossier_letter_error_subject_required', invalid, tooLong: 'dossier_letter_error_subject_too_long' }),
		''
	),
	body: v.pipe(
		v.optional(v.string(), ''),
		// Browsers send a textarea's line breaks as CR LF: count (and keep) one character per line break.
		v.transform((s) => s.replace(/\r\n?/g, '\n')),
		textField({ max: LETTER_BODY_MAX_LENGTH, multiline: true, required: 'dossier_letter_error_body_required', invalid, tooLong: 'dossier_letter_error_body_too_long' })
	)
});
export type LetterText = v.InferOutput<typeof letterSchema>;

/** The message key of a letter's title, of when to use it, and of how to send it (translate.ts turns it into words). */
export function letterMessageKey(id: LetterId, part: 'title' | 'when' | 'use'): string {
	return `letter_${id.replace(/-/g, '_')}_${part}`;
}
