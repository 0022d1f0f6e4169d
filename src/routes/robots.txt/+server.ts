/** Search engines may read the public pages; account and staff pages are none of their business. */
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(
		[
			'User-agent: *',
			'Disallow: /account',
			'Disallow: /beheer',
			// Staff pages live under /school; the English public school pages (/schools) start the same way, and the
			// longer Allow wins (RFC 9309).
			'Disallow: /school',
			'Allow: /schools',
			'Disallow: /bestuur',
			'Disallow: /inloggen',
			'Disallow: /registreren',
			'Disallow: /uitnodiging',
			`Sitemap: ${config().origin}/sitemap.xml`, ''].join('\n'),
		{ headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } }
	);
