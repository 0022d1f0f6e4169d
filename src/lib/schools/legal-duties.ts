/**
 * The legal duties of a school on social safety, judged from what the school recorded in Pestwijzer.
 * Each duty is met, missing or unknown: "unknown" when the school has not told us, never a guess.
 * Sources: ../shared/data/legal-framework.md (Wet veiligheid op school, Besluit Stb. 2020-209, WPO art. 13 and 14, WMS art. 10).
 * Browser-safe and pure, so the rules are unit-tested on their own.
 */
import { documentSlug, profilePartSlug, type DocumentStatus } from './school-profile';
import { paths } from '../paths';

export const DUTIES = [
	'safety_policy',
	'monitor',
	'coordination_and_aanspreekpunt',
	'aanspreekpunt_public',
	'complaints_procedure',
	'mr_consent'
] as const;
export type Duty = (typeof DUTIES)[number];

export type DutyStatus = 'met' | 'missing' | 'unknown';

export interface PersonFacts {
	named: boolean;
	public: boolean;
	/** An e-mail address or phone number was given. */
	reachable: boolean;
}

/** What the school recorded; undefined or null where it recorded nothing. */
export interface DutyFacts {
	safetyPolicy: DocumentStatus | undefined;
	complaintsProcedure: DocumentStatus | undefined;
	/** yyyy-mm-dd of the last monitor. */
	monitorOn: string | null;
	aanspreekpunt: PersonFacts | undefined;
	coordinator: PersonFacts | undefined;
	coordinatorIsAanspreekpunt: 'yes' | 'no' | null;
	mrConsent: 'yes' | 'no' | null;
}

export interface DutyAssessment {
	duty: Duty;
	status: DutyStatus;
}

/** School years run from 1 August to 31 July (GLOSSARY: schoolYear). Returns e.g. { start: '2026-08-01', end: '2027-07-31', label: '2026-2027' }. */
export function schoolYearOf(day: string): { start: string; end: string; label: string } {
	const year = Number(day.slice(0, 4));
	const startYear = day.slice(5) >= '08-01' ? year : year - 1;
	return { start: `${startYear}-08-01`, end: `${startYear + 1}-07-31`, label: `${startYear}-${startYear + 1}` };
}

function fromDocument(status: DocumentStatus | undefined): DutyStatus {
	if (status === 'file' || status === 'link') return 'met';
	return status === 'absent' ? 'missing' : 'unknown';
}

function assess(duty: Duty, facts: DutyFacts, today: string): DutyStatus {
	switch (duty) {
		case 'safety_policy':
			return fromDocument(facts.safetyPolicy);
		case 'complaints_procedure':
			return fromDocument(facts.complaintsProcedure);
		case 'monitor':
			if (!facts.monitorOn) return 'unknown';
			return facts.monitorOn >= schoolYearOf(today).start ? 'met' : 'missing';
		case 'coordination_and_aanspreekpunt': {
			const aanspreekpunt = facts.aanspreekpunt?.named ?? false;
			const coordination = facts.coordinatorIsAanspreekpunt === 'yes' ? aanspreekpunt : (facts.coordinator?.named ?? false);
			if (aanspreekpunt && coordination) return 'met';
			// One task given to someone and the other said to be elsewhere but not named: a gap the school knows of.
			if (aanspreekpunt || coordination || facts.coordinatorIsAanspreekpunt === 'no') return 'missing';
			return 'unknown';
		}
		case 'aanspreekpunt_public': {
			const person = facts.aanspreekpunt;
			if (!person?.named) return 'unknown';
			return person.public && person.reachable ? 'met' : 'missing';
		}
		case 'mr_consent':
			return facts.mrConsent === 'yes' ? 'met' : facts.mrConsent === 'no' ? 'missing' : 'unknown';
	}
}

export function assessDuties(facts: DutyFacts, today: string): DutyAssessment[] {
	return DUTIES.map((duty) => ({ duty, status: assess(duty, facts, today) }));
}

export interface LegalSource {
	/** The citation as lawyers write it; not translated. */
	citation: string;
	url?: string;
}

const WET_VEILIGHEID = 'https://expydoc.com/doc/6755069/wetsvoorstel-sociale-veiligheid-op-school';

/**
 * The legal source per duty, for the school's sector. Article numbers in the WVO 2020 and WEC are not verified
 * in our data (legal-framework.md), so for those sectors we cite the act that brought the duty, not an article.
 */
export function legalSource(duty: Duty, sector: string): LegalSource {
	const primary = sector === 'po';
	switch (duty) {
		case 'safety_policy':
			return { citation: primary ? 'WPO art. 4c, onder a (Wet veiligheid op school, Kamerstuk 34 130)' : 'Wet veiligheid op school (Kamerstuk 34 130)', url: WET_VEILIGHEID };
		case 'monitor':
			return { citation: 'Besluit van 17 juni 2020, Stb. 2020, 209', url: 'https://zoek.officielebekendmakingen.nl/stb-2020-209.html' };
		case 'coordination_and_aanspreekpunt':
			return { citation: primary ? 'WPO art. 4c, onder c (Wet veiligheid op school, Kamerstuk 34 130)' : 'Wet veiligheid op school (Kamerstuk 34 130)', url: WET_VEILIGHEID };
		case 'aanspreekpunt_public':
			return { citation: primary ? 'WPO art. 13 lid 1 (schoolgids)' : 'Wet veiligheid op school (Kamerstuk 34 130): de schoolgids noemt de persoon', url: WET_VEILIGHEID };
		case 'complaints_procedure':
			return { citation: primary ? 'WPO art. 14' : sector === 'vo' ? 'WVO art. 24b' : sector === 'so' ? 'WEC art. 23' : 'WPO art. 14; WVO art. 24b; WEC art. 23' };
		case 'mr_consent':
			return { citation: 'WMS art. 10' };
	}
}

/** Where in the profile a school admin fills in what a duty needs. */
export function dutyEditHref(duty: Duty, code: string): string {
	const part: Record<Duty, string> = {
		safety_policy: paths.schoolProfileDocument(code, documentSlug('safety_policy')),
		monitor: paths.schoolProfilePart(code, profilePartSlug('monitor')),
		coordination_and_aanspreekpunt: paths.schoolProfilePart(code, profilePartSlug('aanspreekpunt')),
		aanspreekpunt_public: paths.schoolProfilePart(code, profilePartSlug('aanspreekpunt')),
		complaints_procedure: paths.schoolProfileDocument(code, documentSlug('complaints_procedure')),
		mr_consent: paths.schoolProfilePart(code, profilePartSlug('mr_consent'))
	};
	return part[duty];
}
