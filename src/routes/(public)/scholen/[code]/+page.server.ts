import { paths } from '$lib/paths';
import { localHref } from '$lib/i18n/local-href';
import { loadSchoolPage } from '$lib/server/schools/school-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => loadSchoolPage(params.code, (code) => `${url.origin}${localHref(paths.schoolPage(code))}`);
