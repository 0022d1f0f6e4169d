import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { DISTRESS_PAGES, STEP_PLAN } from '$lib/guide/guide';
import { upcomingWeeks } from '$lib/guide/week-tegen-pesten';
import { findGuidePage } from '$lib/server/guide/guide-content';
import { KNOWN_WEEKS, PROGRAMMES, WEEK_TEGEN_PESTEN_WEBSITE } from '$lib/server/reference-data/reference-data';
import { paths } from '$lib/paths';
import { localHref } from '$lib/i18n/local-href';
import { feedbackSchema } from '$lib/feedback/feedback';
import { database } from '$lib/server/db';
import { recordFeedback } from '$lib/server/feedback/feedback.service';
import { RateLimitedError } from '$lib/server/errors';
import { failWith, parseForm } from '$lib/server/http/form';
import { rateLimitedMessage } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url }) => {
	const page = findGuidePage(params.slug, locals.locale);
	if (!page) error(404, m.error_not_found_text());
	const inStepPlan = (STEP_PLAN as readonly string[]).includes(page.slug);
	return {
		page,
		canonical: `${url.origin}${localHref(paths.guidePage(page.slug))}`,
		urgent: (DISTRESS_PAGES as readonly string[]).includes(page.slug),
		steps: inStepPlan
			? STEP_PLAN.map((slug) => {
					const step = findGuidePage(slug, locals.locale);
					return { href: localHref(paths.guidePage(slug)), title: step?.title ?? slug, current: slug === page.slug, sections: slug === page.slug ? page.headings : [] };
				})
			: undefined,
		programmes: page.slug === 'anti-pestprogrammas' ? PROGRAMMES.map(({ name, school_types, rating, description_nl, source_url, other_sources }) => ({ name, school_types, rating, description_nl, source_url, other_sources: other_sources ?? [] })) : undefined,
		weeks: page.slug === 'week-tegen-pesten' ? { list: upcomingWeeks(new Date(), KNOWN_WEEKS), website: WEEK_TEGEN_PESTEN_WEBSITE } : undefined
	};
};

export const actions: Actions = {
	// "Goed artikel?": only for pages that exist; the sender's address only feeds a hashed rate limit.
	default: async ({ request, params, locals, getClientAddress }) => {
		const page = findGuidePage(params.slug, locals.locale);
		if (!page) error(404, m.error_not_found_text());
		const form = await parseForm(request, feedbackSchema);
		if (!form.ok) return form.failure;
		try {
			await recordFeedback(database(), {
				page: page.slug,
				locale: locals.locale,
				helpful: form.data.helpful === 'ja',
				comment: form.data.comment,
				sender: getClientAddress()
			});
		} catch (e) {
			if (e instanceof RateLimitedError) return failWith(429, form.values, 'helpful', rateLimitedMessage(e));
			throw e;
		}
		return { feedbackSent: true };
	}
};
