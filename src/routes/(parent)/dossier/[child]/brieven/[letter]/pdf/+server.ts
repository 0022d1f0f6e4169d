/** A letter as a tagged PDF (the subject as title and heading, the body in paragraphs); see letter-download.ts. */
import { downloadDraft, downloadEdited } from '$lib/server/dossier/letter-download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => downloadDraft(event, 'pdf');
export const POST: RequestHandler = (event) => downloadEdited(event, 'pdf');
