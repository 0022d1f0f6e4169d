/**
 * The evidence of one incident (issue 5): the files with their type, size, SHA-256 and receive time, and a form
 * that adds several at once (multipart/form-data, works without JavaScript; /js/evidence-drop.js adds drag and drop).
 * Every file is decided on its own: what passes is kept, each refused file is named with its reason.
 */
import { fail } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { deleteFile } from '$lib/server/files/file-store';
import { addAttachments, LIMIT_PARAMS, listAttachments, type AttachmentView, type UploadedFile } from '$lib/server/dossier/attachment.service';
import { readUploadForm, uploadedFiles } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { translate } from '$lib/i18n/translate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const attachments = await orHttpError(() => listAttachments(database(), locals.actor, params.child, params.incident));
	return { attachments, limits: LIMIT_PARAMS, deleted: url.searchParams.has('verwijderd') };
};

interface UploadAnswer {
	values: Record<string, string>;
	/** For the error summary: one line per problem. */
	errors: Record<string, string>;
	/** The message beside the file field. */
	fieldError?: string;
	added: Pick<AttachmentView, 'id' | 'name'>[];
	refused: { name: string; reason: string }[];
}

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const data = await readUploadForm(request);
		if (data === 'too-large') {
			const message = m.evidence_error_request_too_large(LIMIT_PARAMS);
			const answer: UploadAnswer = { values: {}, errors: { files: message }, fieldError: message, added: [], refused: [] };
			return fail(413, answer);
		}
		const files: UploadedFile[] = await uploadedFiles(data, 'files');
		if (files.length === 0) {
			const message = m.evidence_error_none_chosen();
			const answer: UploadAnswer = { values: {}, errors: { files: message }, fieldError: message, added: [], refused: [] };
			return fail(400, answer);
		}
		const stored: string[] = [];
		const result = await orHttpError(() => addAttachments(database(), locals.actor, params.child, params.incident, files, stored)).catch(async (cause: unknown) => {
			await Promise.all(stored.map((key) => deleteFile(key)));
			throw cause;
		});
		const refused = result.refused.map((r) => ({ name: r.name || m.evidence_unnamed(), reason: translate(r.reasonKey, LIMIT_PARAMS) }));
		const added = result.added.map((a) => ({ id: a.id, name: a.name }));
		if (added.length === 0) {
			// Each refused file is its own line in the error summary; all of them lead to the file field.
			const errors = Object.fromEntries(refused.map((r, i) => [`files-${i}`, m.evidence_refused_item(r)]));
			const answer: UploadAnswer = { values: {}, errors, fieldError: m.evidence_error_none_added(), added, refused };
			return fail(400, answer);
		}
		const answer: UploadAnswer = { values: {}, errors: {}, added, refused };
		return answer;
	}
};
