/** A letter as a plain-text file; see letter-download.ts. */
import { downloadDraft, downloadEdited } from '$lib/server/dossier/letter-download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => downloadDraft(event, 'txt');
export const POST: RequestHandler = (event) => downloadEdited(event, 'txt');
