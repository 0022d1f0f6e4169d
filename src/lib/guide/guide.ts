/** The guide: plain-language pages written by us, stored as Markdown in content/guide/<slug>/<locale>.md. Browser-safe. */
import type { Locale } from '../i18n/locale';

export const AUDIENCES = ['parent', 'pupil', 'school'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface GuideSource {
	title: string;
	url: string;
}

export interface GuideHeading {
	id: string;
	text: string;
}

export interface GuidePage {
	slug: string;
	locale: Locale;
	title: string;
	summary: string;
	/** yyyy-mm-dd */
	lastReviewed: string;
	audience: Audience;
	order: number;
	sources: GuideSource[];
	/** The body as HTML, made on the server from our own Markdown (raw HTML in the Markdown is escaped). */
	html: string;
	/** The body as plain text, for search and the reading-level test. */
	text: string;
	/** The h2 headings with their ids, for the step-by-step navigation. */
	headings: GuideHeading[];
}

/** The parent's step plan is three guide pages shown with a step-by-step navigation (GOV.UK pattern). */
export const STEP_PLAN = ['stappenplan-in-school', 'stappenplan-buiten-school', 'als-school-te-weinig-doet'] as const;

/** Pages about distress always show 113 and 112 (issue 3). */
export const DISTRESS_PAGES = ['hulp-voor-uw-kind', 'voor-leerlingen', 'online-pesten'] as const;

export function headingId(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'sectie'
	);
}
