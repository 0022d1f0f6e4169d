/** Search engines may read the public pages in both languages; account and staff pages are none of their business. */
import { config } from '$lib/server/config';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	new Response(
		[
			'User-agent: *',
			'Disallow: /account',
			'Disallow: /beheer',
			'Disallow: /bestuur',
			'Disallow: /dossier',
			// Staff pages live under /school; a plain "Disallow: /school" would also match the public school
			// search /scholen, so the rule names /school itself ($ ends the pattern, RFC 9309) and what is below it.
			'Disallow: /school$',
			'Disallow: /school/',
			'Disallow: /inloggen',
			'Disallow: /registreren',
			'Disallow: /uitnodiging',
			'Disallow: /wachtwoord-vergeten',
			'Disallow: /en/log-in',
			'Disallow: /en/register',
			'Disallow: /en/forgot-password',
			`Sitemap: ${config().origin}/sitemap.xml`,
			''
		].join('\n'),
		{ headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } }
	);
