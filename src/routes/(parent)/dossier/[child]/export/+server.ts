/** Everything of one child as a zip: dossier.json and the evidence files. Only for the child's guardians. */
import { database } from '$lib/server/db';
import { exportChild } from '$lib/server/dossier/data-rights.service';
import { orHttpError } from '$lib/server/http/respond';
import { todayInNetherlands } from '$lib/i18n/locale';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { zip, name } = await orHttpError(() => database().transaction().execute((trx) => exportChild(trx, locals.actor, params.child, locals.locale)));
	return new Response(new Uint8Array(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="dossier-${name}-${todayInNetherlands()}.zip"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
