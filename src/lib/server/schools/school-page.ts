/** What the public school page shows, for its Dutch (/scholen/<code>) and English (/schools/<code>) address. */
import { error } from '@sveltejs/kit';
import * as m from '../../paraglide/messages.js';
import { database } from '../db';
import { findSchoolByCode } from './school-registry.service';
import { findPublicProfile, findReportableSchool } from './school-profile.service';

export async function loadSchoolPage(code: string, canonical: (code: string) => string) {
	const db = database();
	const school = await findSchoolByCode(db, code);
	if (!school) error(404, m.error_not_found_text());
	const profile = await findPublicProfile(db, school.vestigingscode);
	if (!profile) error(404, m.error_not_found_text());
	// The report form is offered where the school named its aanspreekpunt (issue 11).
	const reportable = Boolean(await findReportableSchool(db, school.vestigingscode));
	return { school, profile, reportable, canonical: canonical(school.vestigingscode) };
}
