/**
 * A parent reports to the child's school from the dossier (issue 11 item 7): their own words, and the incidents and
 * files they choose to share, with explicit consent. The school must take reports (an aanspreekpunt on Pestwijzer);
 * otherwise the page says why and points to the child's details, the step plan and the letters.
 */
import { redirect } from '@sveltejs/kit';
import { dossierReportSchema } from '$lib/reports/report-form';
import { excerpt } from '$lib/dossier/dossier';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { getTimeline } from '$lib/server/dossier/incident.service';
import { listDossierAttachments } from '$lib/server/dossier/attachment.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { reportableSchoolOfChild, reportFromDossier } from '$lib/server/reports/dossier-report.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = database();
	const { child, school, reason } = await orHttpError(() => reportableSchoolOfChild(db, locals.actor, params.child));
	if (!school) return { child: { id: child.id, name: child.name }, school: null, reason, incidents: [] };
	const [timeline, { attachments }] = await Promise.all([getTimeline(db, locals.actor, params.child), listDossierAttachments(db, locals.actor, params.child)]);
	return {
		child: { id: child.id, name: child.name },
		school: { name: school.name, code: school.vestigingscode },
		reason,
		incidents: timeline.incidents.map((incident) => ({
			id: incident.id,
			occurredOn: incident.occurredOn,
			forms: incident.forms,
			excerpt: excerpt(incident.whatHappened),
			files: attachments.filter((a) => a.incidentId === incident.id).map((a) => ({ id: a.id, name: a.name }))
		}))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await parseForm(request, dossierReportSchema);
		if (!form.ok) return form.failure;
		const db = database();
		const result = await withRules(form.values, () => orHttpError(() => reportFromDossier(db, locals.actor, params.child, form.data)));
		if (!result.ok) return result.failure;
		redirect(303, `${paths.dossierReport(params.child, result.value)}?verstuurd`);
	}
};
