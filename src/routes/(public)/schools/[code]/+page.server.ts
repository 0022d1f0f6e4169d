// The English school page: the Dutch page's load, with this page's own address as its canonical.
import { paths } from '$lib/paths';
import { load as dutchLoad } from '../../scholen/[code]/+page.server';
import type { PageServerData as DutchData } from '../../scholen/[code]/$types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// The same parameters ({ code }); only the route id differs, which that load does not read.
	const data = (await dutchLoad(event as unknown as Parameters<typeof dutchLoad>[0])) as DutchData;
	return { ...data, canonical: `${event.url.origin}${paths.schoolPageEn(data.school.vestigingscode)}` };
};
