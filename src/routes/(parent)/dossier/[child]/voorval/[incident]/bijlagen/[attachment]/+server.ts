/**
 * One evidence file, for the dossier's own parents only (anyone else: 404, as if it did not exist).
 *
 * GET sends the decrypted bytes with the stored (decoded, allow-listed) type, `nosniff` and a sandboxing CSP, as a
 * download. Only images may be shown in the browser (`?inline=1`, and `&thumb=1` for a small copy): they were
 * re-encoded at upload, so they carry no metadata and nothing a browser would run. PDFs are always a download.
 *
 * POST deletes the file (the delete button on the attachments page; SvelteKit's origin check covers form posts
 * here too) and goes back to the list.
 */
import { redirect } from '@sveltejs/kit';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { deleteFile } from '$lib/server/files/file-store';
import { thumbnail } from '$lib/server/files/evidence-check';
import { deleteAttachment, getAttachmentFile } from '$lib/server/dossier/attachment.service';
import { orHttpError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const file = await orHttpError(() => getAttachmentFile(database(), locals.actor, params.child, params.incident, params.attachment));
	const { attachment } = file;
	const inline = attachment.isImage && url.searchParams.get('inline') === '1';
	const thumb = inline && url.searchParams.get('thumb') === '1';
	const bytes = new Uint8Array(thumb && attachment.contentType !== 'application/pdf' ? await thumbnail(file.bytes, attachment.contentType) : file.bytes);
	const { ascii, utf8 } = file.downloadName;
	return new Response(bytes, {
		headers: {
			'content-type': attachment.contentType,
			'content-length': String(bytes.byteLength),
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${utf8}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			'cross-origin-resource-policy': 'same-origin',
			'cache-control': 'private, no-store'
		}
	});
};

export const POST: RequestHandler = async ({ locals, params }) => {
	const key = await orHttpError(() => database().transaction().execute((trx) => deleteAttachment(trx, locals.actor, params.child, params.incident, params.attachment)));
	// Only after the commit: a failed delete never loses the file of a row that is still there.
	await deleteFile(key);
	redirect(303, `${paths.dossierAttachments(params.child, params.incident)}?verwijderd=1`);
};
