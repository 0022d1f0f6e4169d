/**
 * What a school publishes about itself (GLOSSARY: schoolProfile): its people, its routes and its documents.
 * Browser-safe: kinds, section slugs and the form schemas. Messages are message keys (src/lib/i18n/translate.ts).
 */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';

/** The people a school can name, one per kind. */
export const CONTACT_KINDS = [
	'aanspreekpunt',
	'coordinator',
	'vertrouwenspersoon_internal',
	'vertrouwenspersoon_external',
	'zorgcoordinator',
	'mr'
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const DOCUMENT_KINDS = ['safety_policy', 'anti_bullying_protocol', 'online_bullying_protocol', 'complaints_procedure', 'school_guide'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The other parts of the profile, each edited on its own page. */
export const PROFILE_SECTIONS = ['mentors', 'complaints', 'mr_consent', 'programme', 'monitor'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/** Dutch URL slugs (DESIGN.md: Dutch slugs in Dutch URLs), one per editable part. */
const SLUGS = {
	aanspreekpunt: 'aanspreekpunt',
	coordinator: 'coordinator',
	vertrouwenspersoon_internal: 'vertrouwenspersoon-intern',
	vertrouwenspersoon_external: 'vertrouwenspersoon-extern',
	zorgcoordinator: 'zorgcoordinator',
	mr: 'medezeggenschapsraad',
	mentors: 'mentoren',
	complaints: 'klachten',
	mr_consent: 'instemming-mr',
	programme: 'programma',
	monitor: 'monitor'
} as const satisfies Record<ContactKind | ProfileSection, string>;

export type ProfilePart = { type: 'contact'; kind: ContactKind } | { type: 'section'; section: ProfileSection };

export function profilePartSlug(part: ContactKind | ProfileSection): string {
	return SLUGS[part];
}

export function profilePartFromSlug(slug: string): ProfilePart | undefined {
	const entry = Object.entries(SLUGS).find(([, s]) => s === slug);
	if (!entry) return undefined;
	const key = entry[0];
	return (CONTACT_KINDS as readonly string[]).includes(key)
		? { type: 'contact', kind: key as ContactKind }
		: { type: 'section', section: key as ProfileSection };
}

const DOCUMENT_SLUGS = {
	safety_policy: 'veiligheidsbeleid',
	anti_bullying_protocol: 'pestprotocol',
	online_bullying_protocol: 'protocol-online-pesten',
	complaints_procedure: 'klachtenregeling',
	school_guide: 'schoolgids'
} as const satisfies Record<DocumentKind, string>;

export function documentSlug(kind: DocumentKind): string {
	return DOCUMENT_SLUGS[kind];
}

export function documentKindFromSlug(slug: string): DocumentKind | undefined {
	return (Object.entries(DOCUMENT_SLUGS).find(([, s]) => s === slug)?.[0] as DocumentKind | undefined) ?? undefined;
}

/** The largest PDF a school can upload. Below the server's body limit, so an oversized file still gets a readable answer. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

// Field checks

const invalid = 'profile_error_invalid_text';
const tooLong = 'profile_error_too_long';

const optionalLine = (max: number) => v.pipe(v.optional(textField({ max, invalid, tooLong }), ''), v.transform((s) => s || null));
const optionalText = (max: number) => v.pipe(v.optional(textField({ max, multiline: true, invalid, tooLong }), ''), v.transform((s) => s || null));

export const optionalEmail = v.pipe(
	v.optional(textField({ max: 254, invalid: 'profile_error_email', tooLong: 'profile_error_email' }), ''),
	v.check((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'profile_error_email'),
	v.transform((s) => s.toLowerCase() || null)
);

/**
 * A phone number as people write it: digits with spaces, dashes and brackets, and a leading + or (.
 * Dutch numbers have 10 digits; service numbers (0800, 0900, 0906, 0909) 8 or 11; international ones
 * (+ or 00) up to 15 digits after the prefix (E.164). A cut-off number is refused.
 */
export function isPhoneNumber(value: string): boolean {
	if (!/^(\+|\()?\d[\d ()-]*$/.test(value)) return false;
	const digits = value.replace(/\D/g, '');
	if (value.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
	if (digits.startsWith('00')) return digits.length >= 10 && digits.length <= 17;
	if (/^0(800|900|906|909)/.test(digits)) return digits.length === 8 || digits.length === 11;
	return digits.length === 10;
}

export const optionalPhone = v.pipe(
	v.optional(textField({ max: 30, invalid: 'profile_error_phone', tooLong: 'profile_error_phone' }), ''),
	v.check((s) => s === '' || isPhoneNumber(s), 'profile_error_phone'),
	v.transform((s) => s || null)
);

/** Only https links: a parent must not be sent to an unencrypted or non-web address. */
export function isHttpsUrl(value: string): boolean {
	if (!/^https:\/\//i.test(value) || /\s/.test(value)) return false;
	try {
		const url = new URL(value);
		// A web address with a name: no IP addresses (a school's site has a domain), no user name or password in it.
		const ipAddress = /^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('[');
		return url.protocol === 'https:' && url.hostname.includes('.') && !ipAddress && !url.username && !url.password;
	} catch {
		return false;
	}
}

export const optionalHttpsUrl = v.pipe(
	v.optional(textField({ max: 500, invalid: 'profile_error_url', tooLong: 'profile_error_url' }), ''),
	v.check((s) => s === '' || isHttpsUrl(s), 'profile_error_url'),
	v.transform((s) => s || null)
);

const yesNo = (message: string) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.check((s) => s === '' || s === 'yes' || s === 'no', message),
		v.transform((s) => (s === '' ? null : (s as 'yes' | 'no')))
	);

/**
 * A date from three fields <name>-day, <name>-month, <name>-year (DateInput.svelte), as yyyy-mm-dd or null when all are empty.
 * Not in the future and not before 2000: a monitor or a consent from before then is a typing error.
 */
export function dateFromParts(input: Record<string, unknown>, name: string): { value: string | null } | { error: string } {
	const part = (suffix: string) => (typeof input[`${name}-${suffix}`] === 'string' ? (input[`${name}-${suffix}`] as string).trim() : '');
	const [day, month, year] = [part('day'), part('month'), part('year')];
	if (!day && !month && !year) return { value: null };
	if (![day, month, year].every((p) => /^\d+$/.test(p)) || year.length !== 4) return { error: 'profile_error_date' };
	const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	const date = new Date(`${iso}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return { error: 'profile_error_date' };
	if (iso > todayInNetherlands()) return { error: 'profile_error_date_future' };
	if (iso < '2000-01-01') return { error: 'profile_error_date' };
	return { value: iso };
}

function withDate<T extends Record<string, unknown>, K extends string>(name: K) {
	return v.rawTransform<T, T & Record<K, string | null>>(({ dataset, addIssue, NEVER }) => {
		const result = dateFromParts(dataset.value, name);
		if ('error' in result) {
			addIssue({ message: result.error, path: [{ type: 'object', origin: 'value', input: dataset.value, key: name, value: dataset.value[name] }] });
			return NEVER;
		}
		return { ...dataset.value, [name]: result.value } as T & Record<K, string | null>;
	});
}

// Forms

/** A person: chosen from the school's team (member = account id) or typed in (member = 'other'). */
export const contactSchema = v.pipe(
	v.object({
		member: v.optional(v.string(), ''),
		name: optionalLine(120),
		jobTitle: optionalLine(120),
		email: optionalEmail,
		phone: optionalPhone,
		hours: optionalLine(200),
		public: v.pipe(v.optional(v.string(), ''), v.transform((s) => (s === 'on' || s === '1' ? 1 : 0) as 0 | 1)),
		alsoCoordinator: yesNo('profile_error_choose')
	}),
	v.forward(
		v.partialCheck([['member'], ['name']], (d) => (d.member !== '' && d.member !== 'other') || Boolean(d.name), 'profile_error_name_required'),
		['name']
	)
);
export type ContactInput = v.InferOutput<typeof contactSchema>;

export const mentorsSchema = v.object({ mentorText: optionalText(2000) });

export const COMPLAINTS_COMMISSIONS = ['lkc', 'other'] as const;

export const complaintsSchema = v.pipe(
	v.object({
		commission: v.pipe(
			v.optional(v.string(), ''),
			v.check((s) => s === '' || (COMPLAINTS_COMMISSIONS as readonly string[]).includes(s), 'profile_error_choose'),
			v.transform((s) => (s === '' ? null : (s as 'lkc' | 'other')))
		),
		commissionName: optionalLine(200),
		commissionUrl: optionalHttpsUrl,
		complaintsText: optionalText(2000)
	}),
	v.forward(
		v.partialCheck([['commission'], ['commissionName']], (d) => d.commission !== 'other' || Boolean(d.commissionName), 'profile_error_commission_name'),
		['commissionName']
	)
);

const consentFields = v.looseObject({ consent: yesNo('profile_error_choose') });
export const mrConsentSchema = v.pipe(
	consentFields,
	withDate<v.InferOutput<typeof consentFields>, 'consentOn'>('consentOn'),
	v.forward(
		v.partialCheck([['consent'], ['consentOn']], (d) => d.consent !== 'yes' || d.consentOn !== null, 'profile_error_consent_date'),
		['consentOn']
	)
);

export const programmeSchema = v.pipe(
	v.object({
		choice: v.pipe(
			v.optional(v.string(), ''),
			v.check((s) => s === '' || s === 'none' || s === 'other' || s.startsWith('catalogue:'), 'profile_error_choose')
		),
		otherName: optionalLine(120),
		sinceYear: v.pipe(
			v.optional(v.string(), ''),
			v.transform((s) => s.trim()),
			v.check((s) => s === '' || (/^\d{4}$/.test(s) && Number(s) >= 1990 && Number(s) <= Number(todayInNetherlands().slice(0, 4))), 'profile_error_year'),
			v.transform((s) => (s === '' ? null : Number(s)))
		)
	}),
	v.forward(
		v.partialCheck([['choice'], ['otherName']], (d) => d.choice !== 'other' || Boolean(d.otherName), 'profile_error_programme_name'),
		['otherName']
	)
);

const monitorFields = v.looseObject({ instrument: optionalLine(120) });
export const monitorSchema = v.pipe(monitorFields, withDate<v.InferOutput<typeof monitorFields>, 'monitorOn'>('monitorOn'));

export const DOCUMENT_STATUSES = ['file', 'link', 'absent'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The text part of the document form; the file itself is checked by content on the server (pdf-check.ts). */
export const documentSchema = v.pipe(
	v.object({
		status: v.pipe(v.optional(v.string(), ''), v.picklist([...DOCUMENT_STATUSES, 'unknown'], 'profile_error_choose')),
		url: optionalHttpsUrl
	}),
	v.forward(
		v.partialCheck([['status'], ['url']], (d) => d.status !== 'link' || d.url !== null, 'profile_error_url_required'),
		['url']
	)
);
