/**
 * Every route of the app, read from the route files, so a new route can never be left out of the authorization test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SEEDED_CASE, SEEDED_DOSSIER, SEEDED_REPORT } from './personas';

export interface RouteFile {
	id: string;
	/** A URL for the route, with groups removed and parameters filled in. */
	url: string;
	isPage: boolean;
	endpointMethods: string[];
}

const ROUTES_DIR = path.resolve('src/routes');

function walk(dir: string, found: Map<string, RouteFile>): void {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			walk(full, found);
			continue;
		}
		const isPage = /^\+page(\.server)?\.(svelte|ts|js)$/.test(entry.name);
		const isEndpoint = /^\+server\.(ts|js)$/.test(entry.name);
		if (!isPage && !isEndpoint) continue;
		const relative = path.relative(ROUTES_DIR, dir).split(path.sep).join('/');
		const id = relative ? `/${relative}` : '/';
		const route = found.get(id) ?? { id, url: toUrl(id), isPage: false, endpointMethods: [] };
		if (isPage) route.isPage = true;
		if (isEndpoint) {
			const source = fs.readFileSync(full, 'utf8');
			route.endpointMethods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
		}
		found.set(id, route);
	}
}

/** A real value for each route parameter, so the walk reaches the page itself rather than a 404. */
const EXAMPLE_PARAMS: Record<string, string> = {
	slug: 'pesten-herkennen',
	// A seeded help directory record.
	id: 'kindertelefoon',
	// A school seeded by personas.ts.
	code: '98ZZ00',
	// A part of the school profile and a document kind (src/lib/schools/school-profile.ts).
	part: 'aanspreekpunt',
	kind: 'veiligheidsbeleid',
	// The parent persona's child, incident, evidence file, contact with school and agreement, seeded by personas.ts.
	child: SEEDED_DOSSIER.child,
	incident: SEEDED_DOSSIER.incident,
	attachment: SEEDED_DOSSIER.attachment,
	contact: SEEDED_DOSSIER.contact,
	agreement: SEEDED_DOSSIER.agreement,
	// The seeded school's case (personas.ts), handled by every handler-role persona.
	case: SEEDED_CASE.id,
	// The report to the seeded school and its photo, seeded by personas.ts.
	report: SEEDED_REPORT.report,
	photo: SEEDED_REPORT.photo,
	// A letter template (src/lib/dossier/letters.ts).
	letter: 'meeting-request'
};

/** A query string some routes need to answer 200. */
const EXAMPLE_QUERY: Record<string, string> = {
	'/api/v1/schools': '?q=Testschool'
};

function toUrl(id: string): string {
	const url = id
		.split('/')
		.filter((part) => part && !/^\(.*\)$/.test(part))
		.map((part) => part.replace(/\[\.{0,3}([^\]]+)\]/g, (_, name: string) => EXAMPLE_PARAMS[name] ?? '00000000-0000-4000-8000-000000000000'))
		.join('/');
	return `/${url}${EXAMPLE_QUERY[id] ?? ''}`;
}

export function listRoutes(): RouteFile[] {
	const found = new Map<string, RouteFile>();
	walk(ROUTES_DIR, found);
	return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}
