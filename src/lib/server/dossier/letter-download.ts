/**
 * The two letter downloads (text and PDF) share one handler. GET: the draft as filled in from the dossier.
 * POST: the text the parent edited, sent by the "ready to copy" form after the page's preview action checked it.
 * Only for the child's guardians.
 *
 * The page checks the text first and only then offers the download, so a refusal here means a request that did
 * not come from that form: it gets a short 400 in plain text, not the form again (an endpoint cannot re-render the page).
 */
import type { RequestEvent } from '@sveltejs/kit';
import * as v from 'valibot';
import * as m from '../../paraglide/messages.js';
import { LETTER_LANGUAGE_PARAM, letterLanguage, letterSchema } from '../../dossier/letters';
import { fieldErrors } from '../../forms/text';
import { translate } from '../../i18n/translate';
import { database } from '../db';
import { readFormData } from '../http/form';
import { orHttpError } from '../http/respond';
import { draftLetter, letterFile, letterFileHeaders, requireLetter, type LetterFormat } from './letter.service';

type LetterEvent = RequestEvent<{ child: string; letter: string }>;

export async function downloadDraft({ locals, params, url }: LetterEvent, format: LetterFormat): Promise<Response> {
	const language = letterLanguage(url.searchParams.get(LETTER_LANGUAGE_PARAM), locals.locale);
	const draft = await orHttpError(() => draftLetter(database(), locals.actor, params.child, params.letter, language));
	const file = await letterFile(draft.id, draft, language, format);
	return new Response(file.body, { headers: letterFileHeaders(file) });
}

export async function downloadEdited({ locals, params, url, request }: LetterEvent, format: LetterFormat): Promise<Response> {
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
	const file = await letterFile(id, result.output, language, format);
	return new Response(file.body, { headers: letterFileHeaders(file) });
}
