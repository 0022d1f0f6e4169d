import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrors } from '../forms/text';
import {
	complaintsSchema,
	CONTACT_KINDS,
	contactSchema,
	dateFromParts,
	DOCUMENT_KINDS,
	documentKindFromSlug,
	documentSchema,
	documentSlug,
	isHttpsUrl,
	isPhoneNumber,
	monitorSchema,
	mrConsentSchema,
	PROFILE_SECTIONS,
	profilePartFromSlug,
	profilePartSlug,
	programmeSchema
} from './school-profile';

/** Field → message key of the first problem, or {} when the input is accepted. */
function problems(schema: v.GenericSchema, input: unknown): Record<string, string> {
	const result = v.safeParse(schema, input);
	return result.success ? {} : fieldErrors(result.issues);
}

function parsed<T extends v.GenericSchema>(schema: T, input: unknown): v.InferOutput<T> {
	const result = v.safeParse(schema, input);
	if (!result.success) throw new Error(`Refused: ${JSON.stringify(fieldErrors(result.issues))}`);
	return result.output;
}

const thisYear = new Date().getUTCFullYear();
const date = (name: string, day: string, month: string, year: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year });

describe('isPhoneNumber', () => {
	it.each(['020-261 52 75', '0202615275', '06-12345678', '+31 20 261 5275', '+31 (0)20 2615275', '0031 20 261 52 75', '(020) 261 52 75', '0800-0432', '0900-8844'])('accepts %s', (phone) => {
		expect(isPhoneNumber(phone)).toBe(true);
	});

	it.each(['', '112', '020-26152', '0800-043', '020 261 52 7', '1234567890123456', 'bel ons', '++31 20 261 5275', '020 261 52 75 ext 3', '020-2615275<script>', '+', ' 0202615275'])(
		'refuses %j',
		(phone) => {
			expect(isPhoneNumber(phone)).toBe(false);
		}
	);
});

describe('isHttpsUrl', () => {
	it.each(['https://www.school.nl', 'https://school.nl/beleid.pdf?versie=2#p3', 'HTTPS://School.NL/', 'https://school.nl:8443/x'])('accepts %s', (url) => {
		expect(isHttpsUrl(url)).toBe(true);
	});

	it.each([
		'http://www.school.nl',
		'javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'https://user:secret@school.nl/',
		'https://user@school.nl/',
		'https://localhost/beleid',
		'https://intranet/beleid',
		'https://',
		'https://school.nl/een beleid.pdf',
		' https://school.nl',
		'ftp://school.nl',
		'//school.nl',
		''
	])('refuses %j', (url) => {
		expect(isHttpsUrl(url)).toBe(false);
	});
});

describe('dateFromParts', () => {
	it('gives null when all three fields are empty or missing', () => {
		expect(dateFromParts({}, 'd')).toEqual({ value: null });
		expect(dateFromParts(date('d', ' ', '', ''), 'd')).toEqual({ value: null });
	});

	it('builds yyyy-mm-dd from day, month and year, trimmed and padded', () => {
		expect(dateFromParts(date('d', '1', '8', '2025'), 'd')).toEqual({ value: '2025-08-01' });
		expect(dateFromParts(date('d', ' 29 ', '02', '2024'), 'd')).toEqual({ value: '2024-02-29' });
		expect(dateFromParts(date('d', '1', '1', '2000'), 'd')).toEqual({ value: '2000-01-01' });
	});

	it('reads only the fields of its own name', () => {
		expect(dateFromParts(date('other', '1', '8', '2025'), 'd')).toEqual({ value: null });
	});

	it.each([
		['31 February', '31', '2', '2026'],
		['29 February in a common year', '29', '2', '2025'],
		['day 0', '0', '1', '2025'],
		['month 13', '1', '13', '2025'],
		['a two-digit year', '1', '8', '25'],
		['a five-digit year', '1', '8', '02025'],
		['letters', 'een', '8', '2025'],
		['a negative day', '-1', '8', '2025'],
		['a missing month', '1', '', '2025'],
		['a year before 2000', '31', '12', '1999']
	])('refuses %s', (_label, day, month, year) => {
		expect(dateFromParts(date('d', day, month, year), 'd')).toEqual({ error: 'profile_error_date' });
	});

	it('refuses a date in the future', () => {
		expect(dateFromParts(date('d', '1', '1', String(thisYear + 1)), 'd')).toEqual({ error: 'profile_error_date_future' });
	});

	it('accepts today', () => {
		const today = new Date().toISOString().slice(0, 10);
		const [year, month, day] = today.split('-') as [string, string, string];
		expect(dateFromParts(date('d', day, month, year), 'd')).toEqual({ value: today });
	});

	it('treats values that are not text as empty', () => {
		expect(dateFromParts({ 'd-day': 1, 'd-month': 8, 'd-year': 2025 }, 'd')).toEqual({ value: null });
	});
});

describe('contactSchema', () => {
	const memberId = '7b0c3a4e-2f7a-4d7b-9a51-3d5f0c8e9a10';

	it('takes a team member without a typed name', () => {
		expect(parsed(contactSchema, { member: memberId })).toEqual({
			member: memberId,
			name: null,
			jobTitle: null,
			email: null,
			phone: null,
			hours: null,
			public: 0,
			alsoCoordinator: null
		});
	});

	it('requires a name for someone from outside the team, or when no one is chosen', () => {
		expect(problems(contactSchema, { member: 'other', name: '' })).toEqual({ name: 'profile_error_name_required' });
		expect(problems(contactSchema, { member: 'other', name: '   ' })).toEqual({ name: 'profile_error_name_required' });
		expect(problems(contactSchema, {})).toEqual({ name: 'profile_error_name_required' });
	});

	it('cleans the input: trims, lower-cases the e-mail, turns the checkbox into 0/1 and "yes"/"no"', () => {
		const input = parsed(contactSchema, {
			member: 'other',
			name: '  Fatima el Amrani ',
			jobTitle: 'Intern begeleider',
			email: ' F.ElAmrani@School.NL ',
			phone: '010-123 45 67',
			hours: 'ma en do 8:30-12:00',
			public: 'on',
			alsoCoordinator: 'no'
		});
		expect(input).toMatchObject({ name: 'Fatima el Amrani', email: 'f.elamrani@school.nl', phone: '010-123 45 67', public: 1, alsoCoordinator: 'no' });
		expect(parsed(contactSchema, { member: 'other', name: 'X', public: '1' }).public).toBe(1);
		expect(parsed(contactSchema, { member: 'other', name: 'X', public: 'yes' }).public).toBe(0);
	});

	it('refuses bad fields with their message keys', () => {
		expect(
			problems(contactSchema, {
				member: 'other',
				name: 'A\u0007B',
				jobTitle: 'x'.repeat(121),
				email: 'geen-adres',
				phone: '12',
				alsoCoordinator: 'misschien'
			})
		).toEqual({
			name: 'profile_error_invalid_text',
			jobTitle: 'profile_error_too_long',
			email: 'profile_error_email',
			phone: 'profile_error_phone',
			alsoCoordinator: 'profile_error_choose'
		});
	});
});

describe('complaintsSchema', () => {
	it('accepts nothing filled in, as nulls', () => {
		expect(parsed(complaintsSchema, {})).toEqual({ commission: null, commissionName: null, commissionUrl: null, complaintsText: null });
	});

	it('accepts the LKC without a name, keeping line breaks in the text', () => {
		expect(parsed(complaintsSchema, { commission: 'lkc', complaintsText: 'Eerst de mentor.\nDan de directie.' })).toMatchObject({
			commission: 'lkc',
			complaintsText: 'Eerst de mentor.\nDan de directie.'
		});
	});

	it('requires the name of another commission, and an https address', () => {
		expect(problems(complaintsSchema, { commission: 'other' })).toEqual({ commissionName: 'profile_error_commission_name' });
		expect(problems(complaintsSchema, { commission: 'other', commissionName: 'GCBO', commissionUrl: 'http://gcbo.nl' })).toEqual({ commissionUrl: 'profile_error_url' });
		expect(parsed(complaintsSchema, { commission: 'other', commissionName: 'GCBO', commissionUrl: 'https://gcbo.nl' })).toMatchObject({
			commission: 'other',
			commissionName: 'GCBO',
			commissionUrl: 'https://gcbo.nl'
		});
	});

	it('refuses an unknown commission', () => {
		expect(problems(complaintsSchema, { commission: 'rechter' })).toEqual({ commission: 'profile_error_choose' });
	});
});

describe('mrConsentSchema', () => {
	it('requires the day of the consent when the MR consented', () => {
		expect(problems(mrConsentSchema, { consent: 'yes' })).toEqual({ consentOn: 'profile_error_consent_date' });
		expect(parsed(mrConsentSchema, { consent: 'yes', ...date('consentOn', '12', '3', '2025') })).toMatchObject({ consent: 'yes', consentOn: '2025-03-12' });
	});

	it('accepts "no" and nothing without a date', () => {
		expect(parsed(mrConsentSchema, { consent: 'no' })).toMatchObject({ consent: 'no', consentOn: null });
		expect(parsed(mrConsentSchema, {})).toMatchObject({ consent: null, consentOn: null });
	});

	it('refuses an impossible or future date and an unknown answer', () => {
		expect(problems(mrConsentSchema, { consent: 'yes', ...date('consentOn', '31', '2', '2025') })).toEqual({ consentOn: 'profile_error_date' });
		expect(problems(mrConsentSchema, { consent: 'yes', ...date('consentOn', '1', '1', String(thisYear + 1)) })).toEqual({ consentOn: 'profile_error_date_future' });
		expect(problems(mrConsentSchema, { consent: 'misschien' })).toEqual({ consent: 'profile_error_choose' });
	});
});

describe('programmeSchema', () => {
	it('accepts a programme from the catalogue with the year it started', () => {
		expect(parsed(programmeSchema, { choice: 'catalogue:KiVa', sinceYear: ' 2019 ' })).toEqual({ choice: 'catalogue:KiVa', otherName: null, sinceYear: 2019 });
		expect(parsed(programmeSchema, { choice: 'none' })).toEqual({ choice: 'none', otherName: null, sinceYear: null });
		expect(parsed(programmeSchema, {})).toEqual({ choice: '', otherName: null, sinceYear: null });
	});

	it('requires the name of another programme', () => {
		expect(problems(programmeSchema, { choice: 'other' })).toEqual({ otherName: 'profile_error_programme_name' });
		expect(parsed(programmeSchema, { choice: 'other', otherName: 'Eigen aanpak' }).otherName).toBe('Eigen aanpak');
	});

	it('refuses an unknown choice and an impossible year', () => {
		expect(problems(programmeSchema, { choice: 'KiVa' })).toEqual({ choice: 'profile_error_choose' });
		for (const year of ['1989', '19', String(thisYear + 1), 'twee']) {
			expect(problems(programmeSchema, { choice: 'none', sinceYear: year })).toEqual({ sinceYear: 'profile_error_year' });
		}
		expect(parsed(programmeSchema, { choice: 'none', sinceYear: String(thisYear) }).sinceYear).toBe(thisYear);
	});
});

describe('monitorSchema', () => {
	it('takes the day of the monitor and the instrument', () => {
		expect(parsed(monitorSchema, { instrument: ' Vragenlijst sociale veiligheid ', ...date('monitorOn', '3', '11', '2025') })).toMatchObject({
			instrument: 'Vragenlijst sociale veiligheid',
			monitorOn: '2025-11-03'
		});
		expect(parsed(monitorSchema, {})).toMatchObject({ instrument: null, monitorOn: null });
	});

	it('refuses a monitor in the future or with a two-digit year', () => {
		expect(problems(monitorSchema, date('monitorOn', '1', '1', String(thisYear + 1)))).toEqual({ monitorOn: 'profile_error_date_future' });
		expect(problems(monitorSchema, date('monitorOn', '1', '1', '25'))).toEqual({ monitorOn: 'profile_error_date' });
	});
});

describe('documentSchema', () => {
	it('accepts the four states; a link needs an https address', () => {
		expect(parsed(documentSchema, { status: 'file' })).toEqual({ status: 'file', url: null });
		expect(parsed(documentSchema, { status: 'absent' })).toEqual({ status: 'absent', url: null });
		expect(parsed(documentSchema, { status: 'unknown' })).toEqual({ status: 'unknown', url: null });
		expect(parsed(documentSchema, { status: 'link', url: 'https://school.nl/pestprotocol.pdf' })).toEqual({ status: 'link', url: 'https://school.nl/pestprotocol.pdf' });
	});

	it('refuses a link without address, an unsafe address and an unknown state', () => {
		expect(problems(documentSchema, { status: 'link' })).toEqual({ url: 'profile_error_url_required' });
		expect(problems(documentSchema, { status: 'link', url: 'http://school.nl/p.pdf' })).toEqual({ url: 'profile_error_url' });
		expect(problems(documentSchema, { status: 'link', url: 'javascript:alert(1)' })).toEqual({ url: 'profile_error_url' });
		expect(problems(documentSchema, { status: 'kwijt' })).toEqual({ status: 'profile_error_choose' });
		// No state sent at all (a tampered form): refused on the status field; the route words it generally.
		expect(Object.keys(problems(documentSchema, {}))).toEqual(['status']);
	});
});

describe('slugs', () => {
	it('finds every contact kind and section back from its slug', () => {
		for (const kind of CONTACT_KINDS) expect(profilePartFromSlug(profilePartSlug(kind))).toEqual({ type: 'contact', kind });
		for (const section of PROFILE_SECTIONS) expect(profilePartFromSlug(profilePartSlug(section))).toEqual({ type: 'section', section });
	});

	it('finds every document kind back from its slug', () => {
		for (const kind of DOCUMENT_KINDS) expect(documentKindFromSlug(documentSlug(kind))).toBe(kind);
	});

	it('uses Dutch slugs, each once', () => {
		const slugs = [...CONTACT_KINDS, ...PROFILE_SECTIONS].map(profilePartSlug);
		expect(new Set(slugs).size).toBe(slugs.length);
		expect(profilePartSlug('vertrouwenspersoon_internal')).toBe('vertrouwenspersoon-intern');
		expect(profilePartSlug('mr_consent')).toBe('instemming-mr');
		expect(documentSlug('complaints_procedure')).toBe('klachtenregeling');
	});

	it('answers undefined for unknown slugs and for the internal names', () => {
		for (const slug of ['onbekend', '', 'mr_consent', 'vertrouwenspersoon_internal', 'constructor', '__proto__', 'toString']) {
			expect(profilePartFromSlug(slug)).toBeUndefined();
		}
		for (const slug of ['onbekend', 'safety_policy', 'constructor', '__proto__']) expect(documentKindFromSlug(slug)).toBeUndefined();
	});
});
