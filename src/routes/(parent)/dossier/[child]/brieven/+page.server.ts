import { database } from '$lib/server/db';
import { getChild } from '$lib/server/dossier/child.service';
import { listLetters } from '$lib/server/dossier/letter.service';
import { orHttpError } from '$lib/server/http/respond';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const child = await orHttpError(() => getChild(database(), locals.actor, params.child));
	return { child: { id: child.id, name: child.name }, letters: listLetters() };
};
