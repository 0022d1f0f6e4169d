/** The reference data the app starts from (see README.md beside this file). */
import programmes from './anti-bullying-programmes.json';
import weekTegenPesten from './week-tegen-pesten.json';
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
