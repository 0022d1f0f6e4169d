/** A case row as a test puts it straight into the database: new, unclassified, with nothing decided yet. */
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema';
import { schoolYearLabelOf } from '../../cases/school-days';

export function newCaseRow(id: string, schoolId: string, openedOn: string): Insertable<Database['case']> {
	return {
		id,
		school_id: schoolId,
		state: 'new',
		school_year: schoolYearLabelOf(openedOn),
		opened_on: openedOn,
		closed_on: null,
		place: null,
		time_of_day: null,
		forms: '[]',
		motives: '[]',
		legal_hold: 0,
		legal_hold_reason: null,
		evaluation_stopped: null,
		evaluation_checked_after_weeks: null,
		evaluation_checked_on: null,
		evaluation_target_asked: null
	};
}
