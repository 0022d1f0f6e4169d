/**
 * One photo of a report, for the school's aanspreekpunt and coordinator only (anyone else: 404). The bytes were
 * checked and re-encoded when the report came in, so they carry no metadata; they are sent decrypted with their
 * stored type, `nosniff` and a sandboxing CSP. `?inline=1` shows the image in the page; otherwise a download.
 * Each view is audited by the service.
 */
import { database } from '$lib/server/db';
import { getReportAttachment } from '$lib/server/reports/inbox.service';
import { orHttpError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const file = await orHttpError(() => getReportAttachment(database(), locals.actor, params.code, params.report, params.photo));
	const inline = url.searchParams.get('inline') === '1';
	const name = `melding-foto.${EXTENSIONS[file.contentType] ?? 'bin'}`;
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.byteLength),
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${name}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cross-origin-resource-policy': 'same-origin',
			'cache-control': 'private, no-store'
		}
	});
};
