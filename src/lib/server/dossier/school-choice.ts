/** The school search inside the child form: a post that keeps everything typed and offers the schools found. */
import { cleanQuery } from '../../forms/text';
import { database } from '../db';
import { formValuesOf, readFormData } from '../http/form';
import { searchSchools, SCHOOL_QUERY_MAX } from '../schools/school-registry.service';

export async function findSchoolForChild(request: Request) {
	const values = formValuesOf(await readFormData(request));
	const query = cleanQuery(values.schoolQuery ?? null, SCHOOL_QUERY_MAX);
	const schools = query.length >= 2 ? await searchSchools(database(), query, 10) : [];
	return { values: { ...values, schoolCode: '' }, schools, searched: true };
}
