/**
 * Site search over the guide and the help directory, in the reader's language. The index lives in memory;
 * it is rebuilt only when the help directory changed (checked with one small query per search).
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { allGuidePages } from '../guide/guide-content';
import { listPublicHelp } from '../help/help-directory.service';
import { buildIndex, search, type SearchDocument, type SearchIndex, type SearchResult } from '../../search/search-index';
import { LOCALES, type Locale } from '../../i18n/locale';
import { paths } from '../../paths';

let cached: { version: string; index: SearchIndex } | undefined;

async function helpVersion(db: Db): Promise<string> {
	const row = await db
		.selectFrom('help_resource')
		.select([sql<string>`max(updated_at)`.as('latest'), sql<number>`count(*)`.as('n')])
		.executeTakeFirstOrThrow();
	return `${row.latest ?? ''}:${row.n}`;
}

async function documents(db: Db): Promise<SearchDocument[]> {
	const docs: SearchDocument[] = allGuidePages().map((page) => ({
		id: `guide:${page.slug}`,
		locale: page.locale,
		kind: 'guide',
		url: paths.guidePage(page.slug),
		title: page.title,
		summary: page.summary,
		body: page.text
	}));
	for (const locale of LOCALES) {
		for (const help of await listPublicHelp(db, locale)) {
			docs.push({
				id: `help:${help.id}`,
				locale,
				kind: 'help',
				url: `${paths.help}#help-${help.id}`,
				title: help.name,
				summary: help.description,
				body: help.whenToUse
			});
		}
	}
	return docs;
}

export async function searchSite(db: Db, query: string, locale: Locale, limit = 20): Promise<SearchResult[]> {
	const version = await helpVersion(db);
	if (cached?.version !== version) cached = { version, index: buildIndex(await documents(db)) };
	return search(cached.index, query, locale, limit);
}
