/** "Goed artikel?" form schema. Browser-safe. */
import * as v from 'valibot';
import { textField } from '../forms/text';

export const FEEDBACK_COMMENT_MAX = 1000;

export const feedbackSchema = v.object({
	helpful: v.pipe(v.optional(v.string(), ''), v.picklist(['ja', 'nee'], 'feedback_error_choice')),
	comment: v.optional(
		textField({ max: FEEDBACK_COMMENT_MAX, multiline: true, tooLong: 'feedback_error_too_long', invalid: 'feedback_error_invalid' }),
		''
	)
});
