/**
 * POST: the dossier PDF as a download (the form is on ../ ). Not a GET: making the PDF writes an audit event, and
 * the chosen period stays out of the browser history and of links.
 *
 * The child is checked first (another family's child answers 404 whatever was posted). A mistake in the form sends
 * the browser back to the form with what was sent (303); the form page shows the mistakes and keeps the input.
 */
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { buildDossierPdf, dossierPdfFileName, dossierPdfSchema } from '$lib/server/dossier/dossier-pdf.service';
import { readFormData } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { todayInNetherlands } from '$lib/i18n/locale';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const db = database();
	const child = await orHttpError(() => getChild(db, locals.actor, params.child));
	const data = await readFormData(request);
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : '';
	};
	const parts = data.getAll('onderdelen').filter((x): x is string => typeof x === 'string');
	const result = v.safeParse(dossierPdfSchema, { van: text('van'), tot: text('tot'), onderdelen: parts });
	if (!result.success) {
		const back = new URLSearchParams({ controleer: '1', van: text('van').slice(0, 40), tot: text('tot').slice(0, 40) });
		for (const part of parts.slice(0, 20)) back.append('onderdelen', part.slice(0, 40));
		redirect(303, `${paths.dossierPdf(child.id)}?${back}`);
	}
	const { van, tot, onderdelen } = result.output;
	const bytes = await orHttpError(() => buildDossierPdf(db, locals.actor, child.id, { from: van, to: tot, items: onderdelen, locale: locals.locale }));
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename="${dossierPdfFileName(child.name, todayInNetherlands())}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'no-store'
		}
	});
};
