import { describe, expect, it } from 'vitest';
import { assessDuties, DUTIES, dutyEditHref, legalSource, schoolYearOf, type Duty, type DutyFacts, type DutyStatus, type PersonFacts } from './legal-duties';

/** A school that recorded nothing at all. */
const nothing: DutyFacts = {
	safetyPolicy: undefined,
	complaintsProcedure: undefined,
	monitorOn: null,
	aanspreekpunt: undefined,
	coordinator: undefined,
	coordinatorIsAanspreekpunt: null,
	mrConsent: null
};

const person = (overrides: Partial<PersonFacts> = {}): PersonFacts => ({ named: true, public: true, reachable: true, ...overrides });

const TODAY = '2026-10-15';

function statusOf(duty: Duty, facts: Partial<DutyFacts>, today = TODAY): DutyStatus {
	const found = assessDuties({ ...nothing, ...facts }, today).find((a) => a.duty === duty);
	if (!found) throw new Error(`No assessment for ${duty}`);
	return found.status;
}

describe('schoolYearOf', () => {
	it('starts a school year on 1 August and ends it on 31 July', () => {
		expect(schoolYearOf('2026-07-31')).toEqual({ start: '2025-08-01', end: '2026-07-31', label: '2025-2026' });
		expect(schoolYearOf('2026-08-01')).toEqual({ start: '2026-08-01', end: '2027-07-31', label: '2026-2027' });
		expect(schoolYearOf('2026-01-01')).toEqual({ start: '2025-08-01', end: '2026-07-31', label: '2025-2026' });
		expect(schoolYearOf('2026-12-31')).toEqual({ start: '2026-08-01', end: '2027-07-31', label: '2026-2027' });
	});
});

describe('assessDuties', () => {
	it('answers every duty once, in the fixed order, and all unknown when nothing is recorded', () => {
		const result = assessDuties(nothing, TODAY);
		expect(result.map((a) => a.duty)).toEqual([...DUTIES]);
		expect(result.every((a) => a.status === 'unknown')).toBe(true);
	});

	it.each([
		['safety_policy', 'safetyPolicy'],
		['complaints_procedure', 'complaintsProcedure']
	] as const)('judges %s from the document: file or link met, absent missing, nothing unknown', (duty, field) => {
		expect(statusOf(duty, { [field]: 'file' })).toBe('met');
		expect(statusOf(duty, { [field]: 'link' })).toBe('met');
		expect(statusOf(duty, { [field]: 'absent' })).toBe('missing');
		expect(statusOf(duty, { [field]: undefined })).toBe('unknown');
	});

	it('keeps the two documents apart', () => {
		expect(statusOf('complaints_procedure', { safetyPolicy: 'file' })).toBe('unknown');
		expect(statusOf('safety_policy', { complaintsProcedure: 'absent' })).toBe('unknown');
	});

	describe('monitor', () => {
		it('is unknown without a date', () => {
			expect(statusOf('monitor', { monitorOn: null })).toBe('unknown');
		});

		it('is met by a monitor in the current school year, from 1 August on', () => {
			expect(statusOf('monitor', { monitorOn: '2026-08-01' }, '2026-10-15')).toBe('met');
			expect(statusOf('monitor', { monitorOn: '2026-10-15' }, '2026-10-15')).toBe('met');
			expect(statusOf('monitor', { monitorOn: '2025-08-01' }, '2026-07-31')).toBe('met');
		});

		it('is missing when the last monitor was in the last school year', () => {
			expect(statusOf('monitor', { monitorOn: '2026-07-31' }, '2026-08-01')).toBe('missing');
			expect(statusOf('monitor', { monitorOn: '2026-07-31' }, '2026-10-15')).toBe('missing');
			expect(statusOf('monitor', { monitorOn: '2025-07-31' }, '2026-07-31')).toBe('missing');
			expect(statusOf('monitor', { monitorOn: '2019-03-01' })).toBe('missing');
		});
	});

	describe('coordination and aanspreekpunt', () => {
		const duty = 'coordination_and_aanspreekpunt';

		it('is met when the named aanspreekpunt also coordinates', () => {
			expect(statusOf(duty, { aanspreekpunt: person(), coordinatorIsAanspreekpunt: 'yes' })).toBe('met');
		});

		it('is met when the coordinator is someone else and named', () => {
			expect(statusOf(duty, { aanspreekpunt: person(), coordinator: person(), coordinatorIsAanspreekpunt: 'no' })).toBe('met');
			// Not answered, but both people are named: both tasks are given.
			expect(statusOf(duty, { aanspreekpunt: person(), coordinator: person(), coordinatorIsAanspreekpunt: null })).toBe('met');
		});

		it('is missing when the coordinator is said to be someone else but is not named', () => {
			expect(statusOf(duty, { aanspreekpunt: person(), coordinatorIsAanspreekpunt: 'no' })).toBe('missing');
			expect(statusOf(duty, { aanspreekpunt: person(), coordinator: person({ named: false }), coordinatorIsAanspreekpunt: 'no' })).toBe('missing');
			expect(statusOf(duty, { coordinatorIsAanspreekpunt: 'no' })).toBe('missing');
		});

		it('is missing when only one of the two tasks is given', () => {
			expect(statusOf(duty, { aanspreekpunt: person() })).toBe('missing');
			expect(statusOf(duty, { coordinator: person() })).toBe('missing');
			expect(statusOf(duty, { coordinator: person(), coordinatorIsAanspreekpunt: 'no' })).toBe('missing');
		});

		it('ignores a separate coordinator when the aanspreekpunt is said to coordinate', () => {
			// "Yes" hands coordination to the aanspreekpunt; without one nothing is known, whoever else is named.
			expect(statusOf(duty, { coordinator: person(), coordinatorIsAanspreekpunt: 'yes' })).toBe('unknown');
			expect(statusOf(duty, { aanspreekpunt: person(), coordinator: person({ named: false }), coordinatorIsAanspreekpunt: 'yes' })).toBe('met');
		});

		it('is unknown when nothing is recorded, also with "yes" but no aanspreekpunt', () => {
			expect(statusOf(duty, {})).toBe('unknown');
			expect(statusOf(duty, { coordinatorIsAanspreekpunt: 'yes' })).toBe('unknown');
			expect(statusOf(duty, { aanspreekpunt: person({ named: false }), coordinatorIsAanspreekpunt: 'yes' })).toBe('unknown');
		});
	});

	describe('aanspreekpunt public', () => {
		const duty = 'aanspreekpunt_public';

		it('is met only when the named aanspreekpunt is public and reachable', () => {
			expect(statusOf(duty, { aanspreekpunt: person() })).toBe('met');
			expect(statusOf(duty, { aanspreekpunt: person({ public: false }) })).toBe('missing');
			expect(statusOf(duty, { aanspreekpunt: person({ reachable: false }) })).toBe('missing');
			expect(statusOf(duty, { aanspreekpunt: person({ public: false, reachable: false }) })).toBe('missing');
		});

		it('is unknown without a named aanspreekpunt, whatever the coordinator', () => {
			expect(statusOf(duty, {})).toBe('unknown');
			expect(statusOf(duty, { aanspreekpunt: person({ named: false }) })).toBe('unknown');
			expect(statusOf(duty, { coordinator: person() })).toBe('unknown');
		});
	});

	it('judges the MR consent: yes met, no missing, nothing unknown', () => {
		expect(statusOf('mr_consent', { mrConsent: 'yes' })).toBe('met');
		expect(statusOf('mr_consent', { mrConsent: 'no' })).toBe('missing');
		expect(statusOf('mr_consent', { mrConsent: null })).toBe('unknown');
	});

	it('meets every duty for a school that recorded everything', () => {
		const complete: DutyFacts = {
			safetyPolicy: 'file',
			complaintsProcedure: 'link',
			monitorOn: '2026-09-20',
			aanspreekpunt: person(),
			coordinator: undefined,
			coordinatorIsAanspreekpunt: 'yes',
			mrConsent: 'yes'
		};
		expect(assessDuties(complete, TODAY).map((a) => a.status)).toEqual(DUTIES.map(() => 'met'));
	});
});

describe('legalSource', () => {
	it('cites the WPO articles for primary schools', () => {
		expect(legalSource('safety_policy', 'po').citation).toContain('WPO art. 4c, onder a');
		expect(legalSource('coordination_and_aanspreekpunt', 'po').citation).toContain('WPO art. 4c, onder c');
		expect(legalSource('aanspreekpunt_public', 'po').citation).toBe('WPO art. 13 lid 1 (schoolgids)');
		expect(legalSource('complaints_procedure', 'po').citation).toBe('WPO art. 14');
	});

	it('cites the act, not an unverified article, for other sectors', () => {
		for (const sector of ['vo', 'so']) {
			expect(legalSource('safety_policy', sector).citation).toBe('Wet veiligheid op school (Kamerstuk 34 130)');
			expect(legalSource('safety_policy', sector).citation).not.toContain('art.');
		}
	});

	it('cites the complaints article of the sector, and all three when the sector is not known', () => {
		expect(legalSource('complaints_procedure', 'vo').citation).toBe('WVO art. 24b');
		expect(legalSource('complaints_procedure', 'so').citation).toBe('WEC art. 23');
		expect(legalSource('complaints_procedure', 'vso').citation).toBe('WPO art. 14; WVO art. 24b; WEC art. 23');
	});

	it('cites the same decree and act for every sector where they apply', () => {
		expect(legalSource('monitor', 'vo')).toEqual({ citation: 'Besluit van 17 juni 2020, Stb. 2020, 209', url: 'https://zoek.officielebekendmakingen.nl/stb-2020-209.html' });
		expect(legalSource('mr_consent', 'po')).toEqual({ citation: 'WMS art. 10' });
	});

	it('gives a citation for every duty in every sector, and only https links', () => {
		for (const duty of DUTIES) {
			for (const sector of ['po', 'vo', 'so', '']) {
				const source = legalSource(duty, sector);
				expect(source.citation.length).toBeGreaterThan(0);
				if (source.url) expect(source.url).toMatch(/^https:\/\//);
			}
		}
	});
});

describe('dutyEditHref', () => {
	it('points each duty to the page of the profile where it is filled in', () => {
		expect(dutyEditHref('safety_policy', '12AB00')).toBe('/school/12AB00/profiel/documenten/veiligheidsbeleid');
		expect(dutyEditHref('complaints_procedure', '12AB00')).toBe('/school/12AB00/profiel/documenten/klachtenregeling');
		expect(dutyEditHref('monitor', '12AB00')).toBe('/school/12AB00/profiel/monitor');
		expect(dutyEditHref('coordination_and_aanspreekpunt', '12AB00')).toBe('/school/12AB00/profiel/aanspreekpunt');
		expect(dutyEditHref('aanspreekpunt_public', '12AB00')).toBe('/school/12AB00/profiel/aanspreekpunt');
		expect(dutyEditHref('mr_consent', '12AB00')).toBe('/school/12AB00/profiel/instemming-mr');
	});
});
