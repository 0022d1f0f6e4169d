/**
 * The plain codes a case is counted by in the coordinator's overview (issue 11, item 9), and the normalisation that
 * lets the same pupil be found across cases. Browser-safe and pure.
 *
 * A report's own place is free text (sealed), and reports hold no time of day at all (an anonymous report must not
 * be datable to the hour), so the handler chooses these codes for the case at intake.
 */
import { PLACES } from '../dossier/dossier';

export { PLACES };
export type CasePlace = (typeof PLACES)[number];

export const TIMES_OF_DAY = ['before_school', 'lesson', 'break', 'after_school', 'evening_or_weekend'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export function isCasePlace(value: string): value is CasePlace {
	return (PLACES as readonly string[]).includes(value);
}

export function isTimeOfDay(value: string): value is TimeOfDay {
	return (TIMES_OF_DAY as readonly string[]).includes(value);
}

/**
 * The form of a name or class that two handlers typing the same pupil are likely to agree on: Unicode-compatible
 * forms folded (NFKD), accents dropped ("Zoë" = "Zoe"), case ignored, everything but letters and digits taken out
 * ("van der Berg" = "Van-der Berg", "groep 7b" = "Groep 7B"). Spelling variants beyond that are not matched: a wrong
 * link would join two children's files, which is worse than a missed one.
 */
export function normalisePupilText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/** What the link key is made of; undefined when there is no name to link by (a pupil known only by description). */
export function pupilLinkInput(schoolYear: string, name: string | null, className: string | null): string | undefined {
	const normalisedName = name ? normalisePupilText(name) : '';
	if (!normalisedName) return undefined;
	return `${schoolYear}\n${normalisedName}\n${className ? normalisePupilText(className) : ''}`;
}
