/** Between a help directory record and the admin form's string values, both ways. */
import type { HelpResourceRow } from '../db/schema';

function list(json: string): string {
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.join(',') : '';
	} catch {
		return '';
	}
}

export function helpFormValues(row: HelpResourceRow): Record<string, string> {
	const on = (flag: number) => (Number(flag) ? 'on' : '');
	return {
		name: row.name,
		descriptionNl: row.description_nl,
		descriptionEn: row.description_en ?? '',
		whenToUseNl: row.when_to_use_nl,
		whenToUseEn: row.when_to_use_en ?? '',
		phone: row.phone ?? '',
		phoneVerified: on(row.phone_verified),
		website: row.website ?? '',
		websiteVerified: on(row.website_verified),
		hours: row.hours ?? '',
		hoursVerified: on(row.hours_verified),
		alwaysOpen: on(row.always_open),
		ages: row.ages ?? '',
		channels: list(row.channels).replace(/,/g, ', '),
		audiences: list(row.audiences),
		topics: list(row.topics),
		sourceUrl: row.source_url,
		caveats: row.caveats ?? '',
		lastChecked: row.last_checked
	};
}
