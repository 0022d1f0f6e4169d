import { RuleError } from '../errors';

/** The longest free text of a case: a paragraph, not a report (reports allow 10 000). */
export const MAX_CASE_TEXT = 4000;

/** Free text of a case: refused (with a message key) when empty, too long, malformed or holding control characters. */
export function checkCaseText(field: string, text: string, required = true): string | null {
	const trimmed = text.normalize('NFC').trim();
	if (trimmed === '') {
		if (required) throw new RuleError(field, 'case_error_text_required');
		return null;
	}
	// Lone surrogates and NUL corrupt or break the databases (SECURITY.md); other control characters are no text.
	// eslint-disable-next-line no-control-regex
	if (!trimmed.isWellFormed() || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) throw new RuleError(field, 'case_error_text_invalid');
	if (trimmed.length > MAX_CASE_TEXT) throw new RuleError(field, 'case_error_text_too_long');
	return trimmed;
}
