/** The invitation form (browser-safe). Messages are message keys (src/lib/i18n/translate.ts). */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { LOCALES } from '../i18n/locale';
import { SCHOOL_ROLES } from '../auth/roles';

const base = {
	displayName: textField({ max: 100, required: 'invite_error_name_required', tooLong: 'invite_error_name_too_long', invalid: 'invite_error_name_invalid' }),
	email: v.pipe(
		v.string(),
		v.trim(),
		v.nonEmpty('auth_error_email_required'),
		v.maxLength(254, 'auth_error_email_invalid'),
		v.check((s) => s.isWellFormed(), 'auth_error_email_invalid'),
		v.email('auth_error_email_invalid')
	),
	locale: v.pipe(v.optional(v.string(), ''), v.picklist(LOCALES, 'invite_error_locale'))
};

/** A school admin (or a platform admin, for the first school admin) invites someone with a school role. */
export const schoolInviteSchema = v.object({ ...base, role: v.pipe(v.optional(v.string(), ''), v.picklist(SCHOOL_ROLES, 'invite_error_role')) });

/** A platform admin invites the account of a board. */
export const boardInviteSchema = v.object(base);
