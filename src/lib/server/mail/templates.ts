/** Mail texts, from the message catalogues, in the recipient's language. */
import * as m from '../../paraglide/messages.js';
import type { Locale } from '../../i18n/locale';
import type { OutgoingMail } from './mailer';
import { roleName } from '../../i18n/role-names';

interface Params {
	name: string;
	link: string;
}

function greeting(name: string, locale: Locale): string {
	return name ? m.mail_greeting_named({ name }, { locale }) : m.mail_greeting({}, { locale });
}

function compose(to: string, locale: Locale, name: string, subject: string, body: string): OutgoingMail {
	return { to, locale, subject, text: `${greeting(name, locale)}\n\n${body}` };
}

export const verifyEmailMail = (to: string, locale: Locale, { name, link }: Params): OutgoingMail =>
	compose(to, locale, name, m.mail_verify_subject({}, { locale }), m.mail_verify_body({ link }, { locale }));

export const accountExistsMail = (to: string, locale: Locale, { name, link }: Params): OutgoingMail =>
	compose(to, locale, name, m.mail_exists_subject({}, { locale }), m.mail_exists_body({ link }, { locale }));

export const resetPasswordMail = (to: string, locale: Locale, { name, link }: Params): OutgoingMail =>
	compose(to, locale, name, m.mail_reset_subject({}, { locale }), m.mail_reset_body({ link }, { locale }));

export const invitationMail = (
	to: string,
	locale: Locale,
	p: { name: string; link: string; role: string; place: string; inviter: string; days: number }
): OutgoingMail =>
	compose(
		to,
		locale,
		p.name,
		m.mail_invite_subject({ place: p.place }, { locale }),
		m.mail_invite_body({ inviter: p.inviter, role: roleName(p.role, locale), place: p.place, link: p.link, days: p.days }, { locale })
	);

export const agreementReminderMail = (to: string, locale: Locale, { name, link }: Params): OutgoingMail =>
	compose(to, locale, name, m.mail_agreement_subject({}, { locale }), m.mail_agreement_body({ link }, { locale }));

export const guardianInvitationMail = (to: string, locale: Locale, p: { name: string; link: string; inviter: string; days: number }): OutgoingMail =>
	compose(to, locale, p.name, m.mail_guardian_invite_subject({}, { locale }), m.mail_guardian_invite_body({ inviter: p.inviter, link: p.link, days: p.days }, { locale }));
