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

const NOTIFICATION_WHAT = {
	report_new: m.mail_notify_kind_report_new,
	report_message: m.mail_notify_kind_report_message,
	report_reply: m.mail_notify_kind_report_reply,
	case_assigned: m.mail_notify_kind_case_assigned,
	action_due: m.mail_notify_kind_action_due
} as const;
type NotificationWhat = keyof typeof NOTIFICATION_WHAT;

/** "Something is new": what kind of thing and a link, never what it says or who it is about. */
export const notificationMail = (to: string, locale: Locale, p: { name: string; kind: NotificationWhat; link: string }): OutgoingMail =>
	compose(to, locale, p.name, m.mail_notify_subject({}, { locale }), m.mail_notify_body({ what: NOTIFICATION_WHAT[p.kind]({}, { locale }), link: p.link }, { locale }));

/** The day's digest: per kind how many, with a link. */
export const notificationDigestMail = (to: string, locale: Locale, p: { name: string; items: { kind: NotificationWhat; count: number; link: string }[] }): OutgoingMail =>
	compose(
		to,
		locale,
		p.name,
		m.mail_digest_subject({}, { locale }),
		[
			m.mail_digest_intro({}, { locale }),
			'',
			...p.items.map((item) => m.mail_digest_item({ what: NOTIFICATION_WHAT[item.kind]({}, { locale }), count: item.count, link: item.link }, { locale })),
			'',
			m.mail_notify_footer({}, { locale })
		].join('\n')
	);
