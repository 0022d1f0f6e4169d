/**
 * Form schemas of the account pages. Browser-safe; messages are message keys (see src/lib/i18n/translate.ts).
 */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { LOCALES } from '../i18n/locale';
import { passwordProblem } from './password-policy';

// Letters of any script, marks, digits, spaces and the punctuation of names (O'Brien, Jan-Willem, A.B.).
const NAME_PATTERN = /^[\p{L}\p{M}\p{N} .'’-]*$/u;

const email = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty('auth_error_email_required'),
	v.maxLength(254, 'auth_error_email_invalid'),
	v.check((s) => s.isWellFormed(), 'auth_error_email_invalid'),
	v.email('auth_error_email_invalid')
);

const PASSWORD_MESSAGES = {
	too_short: 'auth_error_password_too_short',
	too_long: 'auth_error_password_too_long',
	common: 'auth_error_password_common'
} as const;

const newPassword = v.pipe(
	v.string(),
	v.nonEmpty('auth_error_password_required'),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		const problem = passwordProblem(dataset.value);
		if (problem) addIssue({ message: PASSWORD_MESSAGES[problem] });
	})
);

const displayName = v.pipe(
	textField({ max: 100, tooLong: 'auth_error_name_too_long', invalid: 'auth_error_name_invalid' }),
	v.regex(NAME_PATTERN, 'auth_error_name_invalid')
);

export const registerSchema = v.pipe(
	v.object({
		displayName,
		email,
		password: newPassword,
		passwordConfirm: v.string(),
		locale: v.pipe(v.optional(v.string(), ''), v.picklist(LOCALES, 'auth_error_locale_required'))
	}),
	v.forward(
		v.partialCheck([['password'], ['passwordConfirm']], (d) => d.password === d.passwordConfirm, 'auth_error_password_mismatch'),
		['passwordConfirm']
	),
	v.forward(
		v.partialCheck([['password'], ['email']], (d) => passwordProblem(d.password, [d.email, d.email.split('@')[0] ?? '']) === undefined, 'auth_error_password_common'),
		['password']
	)
);

export const loginSchema = v.object({
	email: v.pipe(v.string(), v.trim(), v.nonEmpty('auth_error_email_required'), v.maxLength(254, 'auth_error_login_failed')),
	password: v.pipe(v.string(), v.nonEmpty('auth_error_password_required'), v.maxLength(1024, 'auth_error_login_failed'))
});

export const emailOnlySchema = v.object({ email });

export const newPasswordSchema = v.pipe(
	v.object({ password: newPassword, passwordConfirm: v.string() }),
	v.forward(
		v.partialCheck([['password'], ['passwordConfirm']], (d) => d.password === d.passwordConfirm, 'auth_error_password_mismatch'),
		['passwordConfirm']
	)
);

export const changePasswordSchema = v.pipe(
	v.object({
		currentPassword: v.pipe(v.string(), v.nonEmpty('auth_error_password_required'), v.maxLength(1024, 'auth_error_current_password_wrong')),
		password: newPassword,
		passwordConfirm: v.string()
	}),
	v.forward(
		v.partialCheck([['password'], ['passwordConfirm']], (d) => d.password === d.passwordConfirm, 'auth_error_password_mismatch'),
		['passwordConfirm']
	)
);

export const codeSchema = v.object({
	code: v.pipe(v.string(), v.trim(), v.nonEmpty('auth_error_code_required'), v.maxLength(32, 'auth_error_code_invalid'))
});

export const passwordConfirmSchema = v.object({
	currentPassword: v.pipe(v.string(), v.nonEmpty('auth_error_password_required'), v.maxLength(1024, 'auth_error_current_password_wrong'))
});

/** An invited person makes their account: the address comes from the invitation, so it is not asked. */
export const invitedAccountSchema = v.pipe(
	v.object({
		displayName: v.pipe(displayName, v.minLength(1, 'invite_error_name_required')),
		password: newPassword,
		passwordConfirm: v.string(),
		locale: v.pipe(v.optional(v.string(), ''), v.picklist(LOCALES, 'auth_error_locale_required'))
	}),
	v.forward(
		v.partialCheck([['password'], ['passwordConfirm']], (d) => d.password === d.passwordConfirm, 'auth_error_password_mismatch'),
		['passwordConfirm']
	)
);
