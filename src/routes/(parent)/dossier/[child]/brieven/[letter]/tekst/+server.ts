/**
 * A letter as a plain-text file. GET: the draft as filled in from the dossier. POST: the text the parent edited,
 * sent by the "ready to copy" form after the page's preview action checked it. Only for the child's guardians.
 *
 * The page checks the text first and only then offers this download, so a refusal here means a request that did
 * not come from that form: it gets a short 400 in plain text, not the form again (an endpoint cannot re-render the page).
 */
import * as v from 'valibot';
import { LETTER_LANGUAGE_PARAM, letterLanguage, letterSchema } from '$lib/dossier/letters';
import { fieldErrors } from '$lib/forms/text';
import { translate } from '$lib/i18n/translate';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { draftLetter, letterFile, letterFileHeaders, requireLetter } from '$lib/server/dossier/letter.service';
import { readFormData } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const language = letterLanguage(url.searchParams.get(LETTER_LANGUAGE_PARAM), locals.locale);
	const draft = await orHttpError(() => draftLetter(database(), locals.actor, params.child, params.letter, language));
	const file = await letterFile(draft.id, draft, language);
	return new Response(file.body, { headers: letterFileHeaders(file) });
};

export const POST: RequestHandler = async ({ locals, params, url, request }) => {
	const id = await orHttpError(() => requireLetter(database(), locals.actor, params.child, params.letter));
	const language = letterLanguage(url.searchParams.get(LETTER_LANGUAGE_PARAM), locals.locale);
	const data = await readFormData(request);
	const input = Object.fromEntries([...data].filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	const result = v.safeParse(letterSchema, input);
	if (!result.success) {
		const messages = Object.values(fieldErrors(result.issues)).map((key) => translate(key));
		return new Response([...messages, m.dossier_letter_error_download()].join('\n') + '\n', {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' }
		});
	}
	const file = await letterFile(id, result.output, language);
	return new Response(file.body, { headers: letterFileHeaders(file) });
};
