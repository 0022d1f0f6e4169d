import type { PublicSchool } from '../schools/school-registry.service';
import { paths } from '../../paths';

/** A school as the API shows it: registry data only, with the address of its public page. */
export function toApiSchool(school: PublicSchool, origin: string) {
	return { ...school, url: `${origin}${paths.schoolPage(school.vestigingscode)}` };
}
