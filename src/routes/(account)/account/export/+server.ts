/** Everything of the account as a zip: account.json and every child's dossier with its files. */
import { database } from '$lib/server/db';
import { exportAccount } from '$lib/server/dossier/data-rights.service';
import { orHttpError } from '$lib/server/http/respond';
import { todayInNetherlands } from '$lib/i18n/locale';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const zip = await orHttpError(() => database().transaction().execute((trx) => exportAccount(trx, locals.actor, locals.locale)));
	return new Response(new Uint8Array(zip), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="pestwijzer-${todayInNetherlands()}.zip"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
