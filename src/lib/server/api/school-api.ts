import type { PublicSchool } from '../schools/school-registry.service';
import { paths } from '../../paths';
import type { PublicProfile } from '../schools/school-profile.service';
import { documentSlug } from '../../schools/school-profile';

/** A school as the API shows it: registry data only, with the address of its public page. */
export function toApiSchool(school: PublicSchool, origin: string) {
	return { ...school, url: `${origin}${paths.schoolPage(school.vestigingscode)}` };
}

/** A school with what it published; document addresses made absolute so API users can follow them. */
export function toApiSchoolDetail(school: PublicSchool, profile: PublicProfile, origin: string) {
	return {
		...toApiSchool(school, origin),
		profile: {
			...profile,
			documents: profile.documents.map((d) => ({
				...d,
				url: d.source === 'link' && d.url ? d.url : `${origin}${paths.schoolDocument(school.vestigingscode, documentSlug(d.kind))}`
			}))
		}
	};
}
