/** The reference data the app starts from (see README.md beside this file). */
import programmes from './anti-bullying-programmes.json';
import weekTegenPesten from './week-tegen-pesten.json';
import helpDirectory from './help-directory.json';
import { phoneParts } from '../../help/help-directory';
import type { KnownWeek } from '../../guide/week-tegen-pesten';

export interface Programme {
	name: string;
	school_types: string[];
	/** The rating history as the sources tell it, in Dutch. */
	rating: string;
	description_nl: string;
	source_url: string;
	other_sources?: string[];
}

export const PROGRAMMES: readonly Programme[] = programmes as Programme[];

export const KNOWN_WEEKS: readonly KnownWeek[] = weekTegenPesten.known_years;

export const WEEK_TEGEN_PESTEN_WEBSITE: string = weekTegenPesten.website;

/**
 * The numbers a child in danger needs at once (the report form's first question): 112 from the police's entry and
 * De Kindertelefoon, with its website for the chat. Read from the help directory's reference data, never typed in.
 */
export interface UrgentNumbers {
	emergency: string;
	kindertelefoon: { phone: string; website: string };
}

function firstNumber(phone: string | null | undefined, id: string): string {
	const number = phone ? phoneParts(phone).find((part) => part.dial)?.text : undefined;
	if (!number) throw new Error(`The help directory's reference data has no phone number for ${id}`);
	return number;
}

function entry(id: string) {
	const found = (helpDirectory as { id: string; phone: string | null; website: string | null }[]).find((e) => e.id === id);
	if (!found) throw new Error(`The help directory's reference data has no entry ${id}`);
	return found;
}

export const URGENT_NUMBERS: UrgentNumbers = {
	emergency: firstNumber(entry('politie').phone, 'politie'),
	kindertelefoon: { phone: firstNumber(entry('kindertelefoon').phone, 'kindertelefoon'), website: entry('kindertelefoon').website ?? '' }
};
