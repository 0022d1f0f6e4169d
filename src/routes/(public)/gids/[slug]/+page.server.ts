import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { DISTRESS_PAGES, STEP_PLAN } from '$lib/guide/guide';
import { upcomingWeeks } from '$lib/guide/week-tegen-pesten';
import { findGuidePage } from '$lib/server/guide/guide-content';
import { KNOWN_WEEKS, PROGRAMMES, WEEK_TEGEN_PESTEN_WEBSITE } from '$lib/server/reference-data/reference-data';
import { paths } from '$lib/paths';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url }) => {
	const page = findGuidePage(params.slug, locals.locale);
	if (!page) error(404, m.error_not_found_text());
	const inStepPlan = (STEP_PLAN as readonly string[]).includes(page.slug);
	return {
		page,
		canonical: `${url.origin}${paths.guidePage(page.slug)}`,
		urgent: (DISTRESS_PAGES as readonly string[]).includes(page.slug),
		steps: inStepPlan
			? STEP_PLAN.map((slug) => {
					const step = findGuidePage(slug, locals.locale);
					return { href: paths.guidePage(slug), title: step?.title ?? slug, current: slug === page.slug, sections: slug === page.slug ? page.headings : [] };
				})
			: undefined,
		programmes: page.slug === 'anti-pestprogrammas' ? PROGRAMMES.map(({ name, school_types, rating, description_nl, source_url, other_sources }) => ({ name, school_types, rating, description_nl, source_url, other_sources: other_sources ?? [] })) : undefined,
		weeks: page.slug === 'week-tegen-pesten' ? { list: upcomingWeeks(new Date(), KNOWN_WEEKS), website: WEEK_TEGEN_PESTEN_WEBSITE } : undefined
	};
};
