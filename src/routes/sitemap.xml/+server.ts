/** The public pages for search engines, each in Dutch and English: home, guide, help, school search and the pages of schools that filled in their profile, statements. Personal pages are never listed. */
import { config } from '$lib/server/config';
import { allGuidePages } from '$lib/server/guide/guide-content';
import { englishPath, paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { listProfiledSchools } from '$lib/server/schools/school-profile.service';
import type { RequestHandler } from './$types';

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const GET: RequestHandler = async () => {
	const origin = config().origin;
	const guide = new Map<string, string>();
	for (const page of allGuidePages()) {
		const known = guide.get(page.slug);
		if (!known || page.lastReviewed > known) guide.set(page.slug, page.lastReviewed);
	}
	const entries: { loc: string; lastmod?: string }[] = [
		{ loc: paths.home },
		{ loc: paths.guide },
		...[...guide].map(([slug, lastmod]) => ({ loc: paths.guidePage(slug), lastmod })),
		{ loc: paths.help },
		{ loc: paths.schools },
		...(await listProfiledSchools(database())).map((s) => ({ loc: paths.schoolPage(s.vestigingscode), lastmod: s.updatedOn })),
		{ loc: paths.privacy },
		{ loc: paths.accessibility }
	];
	// Each page in both languages, each naming the other as its alternate (decision 0016).
	const alternates = (nl: string) =>
		`<xhtml:link rel="alternate" hreflang="nl" href="${escapeXml(origin + nl)}"/><xhtml:link rel="alternate" hreflang="en" href="${escapeXml(origin + englishPath(nl))}"/>`;
	const urls = entries.flatMap((e) =>
		[e.loc, englishPath(e.loc)].map((loc) => `  <url><loc>${escapeXml(origin + loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}${alternates(e.loc)}</url>`)
	);
	const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.join('\n')}
</urlset>
`;
	return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
};
