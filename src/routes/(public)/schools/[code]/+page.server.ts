// The English school page: the same data as the Dutch page, with this page's own address as its canonical.
import { paths } from '$lib/paths';
import { loadSchoolPage } from '$lib/server/schools/school-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => loadSchoolPage(params.code, (code) => `${url.origin}${paths.schoolPageEn(code)}`);
