/** An agreement's follow-up day as a calendar file, to add to the phone's calendar. Only for the child's guardians. */
import * as m from '$lib/paraglide/messages';
import { paths } from '$lib/paths';
import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { agreementCalendarEvent, getAgreementForCalendar } from '$lib/server/dossier/contact.service';
import { orHttpError } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const agreement = await orHttpError(() => getAgreementForCalendar(database(), locals.actor, params.child, params.agreement));
	const url = `${config().origin}${paths.dossierContact(params.child, agreement.contactId)}`;
	const body = agreementCalendarEvent({ id: agreement.id, description: agreement.description, followUpOn: agreement.followUpOn as string }, m.dossier_agreement_calendar_title({ name: agreement.childName }), url);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="afspraak.ics"',
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
