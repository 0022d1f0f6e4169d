/**
 * One document of the school profile: an uploaded PDF (checked by content, at most MAX_DOCUMENT_BYTES), an https link,
 * "we do not have this" or "not filled in". The form posts as multipart/form-data and works without JavaScript.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as m from '$lib/paraglide/messages';
import { paths } from '$lib/paths';
import { documentKindFromSlug, documentSchema, MAX_DOCUMENT_BYTES, type DocumentKind } from '$lib/schools/school-profile';
import { database } from '$lib/server/db';
import { deleteFile } from '$lib/server/files/file-store';
import { getProfileForEdit, saveDocument } from '$lib/server/schools/school-profile.service';
import { failWith, formValuesOf, readFormData, withRules } from '$lib/server/http/form';
import { translate, translateErrors } from '$lib/i18n/translate';
import { fieldErrors } from '$lib/forms/text';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

function kindOf(slug: string): DocumentKind {
	const kind = documentKindFromSlug(slug);
	if (!kind) error(404, m.error_not_found_text());
	return kind;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const kind = kindOf(params.kind);
	const data = await orHttpError(() => getProfileForEdit(database(), locals.actor, params.code));
	const document = data.documents[kind];
	return {
		kind,
		school: { name: data.school.name, vestigingscode: data.school.vestigingscode },
		document: document ?? null,
		current: { status: document?.status ?? 'unknown', url: document?.url ?? '' },
		maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const kind = kindOf(params.kind);
		const data = await readFormData(request);
		const values = formValuesOf(data);
		const parsed = v.safeParse(documentSchema, { status: data.get('status') ?? undefined, url: data.get('url') ?? undefined });
		if (!parsed.success) return fail(400, { values, errors: translateErrors(fieldErrors(parsed.issues)) });
		const upload = data.get('file');
		const file = upload instanceof File && upload.size > 0 ? new Uint8Array(await upload.arrayBuffer()) : undefined;
		// A chosen file with "not filled in" clearly means "this file"; with a link or "we do not have it" we ask.
		const status = file && parsed.output.status === 'unknown' ? 'file' : parsed.output.status;
		if (file && status !== 'file') return failWith(400, values, 'file', translate('profile_error_file_not_chosen'));
		const db = database();
		const stored: string[] = [];
		const result = await withRules(values, () =>
			orHttpError(() => db.transaction().execute((trx) => saveDocument(trx, locals.actor, params.code, kind, { status, url: parsed.output.url, file }, stored)))
		).catch(async (error: unknown) => {
			// The transaction rolled back: a file written for it belongs to nothing.
			await Promise.all(stored.map((key) => deleteFile(key)));
			throw error;
		});
		if (!result.ok) {
			await Promise.all(stored.map((key) => deleteFile(key)));
			return result.failure;
		}
		// The old file goes only after the new state is committed, so a failed save never loses a document.
		if (result.value) await deleteFile(result.value);
		redirect(303, `${paths.schoolProfile(params.code)}?opgeslagen=1`);
	}
};
