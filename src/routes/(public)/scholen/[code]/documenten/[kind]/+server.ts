/**
 * A published school document. Stored PDFs are sent as a download with their real type and a sandboxing CSP
 * (SECURITY.md: uploads); a document the school keeps on its own site is a redirect to that https link.
 */
import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { documentKindFromSlug } from '$lib/schools/school-profile';
import { database } from '$lib/server/db';
import { findPublicDocument } from '$lib/server/schools/school-profile.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) => {
	const kind = documentKindFromSlug(params.kind);
	const found = kind ? await findPublicDocument(database(), params.code, kind) : undefined;
	if (!found) error(404, m.error_not_found_text());
	if ('url' in found) redirect(303, found.url);
	const { bytes } = found;
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename="${params.kind}-${params.code.toUpperCase()}.pdf"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cache-control': 'no-cache'
		}
	});
};
