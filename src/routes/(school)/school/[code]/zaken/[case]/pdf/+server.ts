/**
 * GET: the case as a PDF download (issue 11, item 10), linked from the case page. A GET like the case page itself:
 * reading the case is audited there too, and a plain link works without JavaScript; nothing else changes.
 *
 * Someone without need to know gets the case page's 404 (orHttpError). A closed or old case without a recent second
 * factor goes to the case page, which asks for the code, as the page does before showing the case.
 */
import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { buildCasePdf, casePdfFileName } from '$lib/server/cases/case-pdf.service';
import { orHttpError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const result = await orHttpError(() => buildCasePdf(database(), locals.actor, params.code, params.case, { sessionId: locals.sessionId ?? '' }, { locale: locals.locale }));
	if (!result.ok) redirect(303, paths.schoolCase(params.code, params.case));
	return new Response(new Uint8Array(result.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(result.bytes.byteLength),
			'content-disposition': `attachment; filename="${casePdfFileName(params.case)}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'no-store'
		}
	});
};
