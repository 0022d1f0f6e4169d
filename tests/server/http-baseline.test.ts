/**
 * The HTTP baseline of the built app: security headers, registration with bad input, no account enumeration,
 * language in the answer, robustness against malformed requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserHeaders, form, startApp, type AppServer } from './support/app-server';

let app: AppServer;
let dataDir: string;

beforeAll(async () => {
	dataDir = makeTempDir('pw-http-');
	app = await startApp({ DATA_DIR: dataDir });
});
afterAll(async () => app?.stop());

function count(table: string): number {
	const db = new Database(path.join(dataDir, 'pestwijzer.db'), { readonly: true });
	try {
		return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
	} finally {
		db.close();
	}
}

async function post(url: string, data: Record<string, string>, cookie?: string) {
	return fetch(app.origin + url, {
		method: 'POST',
		redirect: 'manual',
		headers: { ...browserHeaders(app.origin, cookie), 'content-type': 'application/x-www-form-urlencoded' },
		body: form(data)
	});
}

const good = { displayName: 'Anna', email: 'anna@example.nl', password: 'paarse olifant danst', passwordConfirm: 'paarse olifant danst', locale: 'nl' };

describe('security headers', () => {
	it('are on every page', async () => {
		const response = await fetch(`${app.origin}/`);
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("base-uri 'none'");
		expect(csp).not.toContain('unsafe-inline');
		expect(csp).not.toContain('unsafe-eval');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		// Not no-referrer: browsers then send `Origin: null` on form posts (docs/decisions/0006-referrer-policy.md).
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		// HSTS only behind https.
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('JSON endpoints get a strict policy too', async () => {
		const response = await fetch(`${app.origin}/healthz`);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		const ready = await fetch(`${app.origin}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ok', database: 'ok' });
	});

	it('the home page ships no JavaScript and is under 14 KB gzip with its CSS', async () => {
		const html = await (await fetch(`${app.origin}/`)).text();
		expect(html).not.toMatch(/<script/i);
		const cssHref = /<link href="\.?(\/_app\/[^"]+\.css)" rel="stylesheet">/.exec(html)?.[1];
		expect(cssHref).toBeDefined();
		const css = await (await fetch(app.origin + cssHref)).text();
		const { gzipSync } = await import('node:zlib');
		expect(gzipSync(html).length + gzipSync(css).length).toBeLessThanOrEqual(14 * 1024);
	});
});

describe('registration with bad input', () => {
	it.each([
		['an invalid e-mail', { email: 'anna-at-example' }, ['email'], 'Vul een e-mailadres in zoals naam@voorbeeld.nl.'],
		['a too-short password', { password: 'kort', passwordConfirm: 'kort' }, ['password'], 'Kies een wachtwoord van minstens 8 tekens.'],
		['a common password', { password: 'Welkom123', passwordConfirm: 'Welkom123' }, ['password'], 'Dit wachtwoord is te makkelijk te raden.'],
		['mismatched passwords', { passwordConfirm: 'paarse olifant zingt' }, ['passwordConfirm'], 'De twee wachtwoorden zijn niet hetzelfde.'],
		['a 1 MB name', { displayName: 'a'.repeat(1_000_000) }, ['displayName'], 'Uw naam mag hoogstens 100 tekens hebben.'],
		['control characters', { displayName: 'An\u0007na' }, ['displayName'], 'Gebruik in uw naam alleen letters'],
		['emoji in the name', { displayName: 'Anna 😀' }, ['displayName'], 'Gebruik in uw naam alleen letters'],
		['emoji in the e-mail', { email: 'anna😀@example.nl' }, ['email'], 'Vul een e-mailadres in'],
		['no language', { locale: 'xx' }, ['locale'], 'Kies een taal voor e-mails.']
	])('%s: 400, an error summary linking to the field, values kept, nothing written', async (_, change, fields, message) => {
		const users = count('app_user');
		const mails = count('mail_outbox');
		const response = await post('/registreren', { ...good, email: `x${Math.random()}@example.nl`, ...change });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Er is een probleem');
		expect(html).toContain(message);
		for (const field of fields) expect(html).toContain(`href="#${field}"`);
		// Typed values come back, except passwords.
		const name = (change as Record<string, string>).displayName ?? good.displayName;
		if (name.length < 100) expect(html).toContain(`value="${name.replace(/&/g, '&amp;')}"`);
		expect(html).not.toContain('paarse olifant');
		expect(html).toMatch(/<title>Fout: /);
		expect(count('app_user')).toBe(users);
		expect(count('mail_outbox')).toBe(mails);
	});

	it('answers a tampered form (a field left out) in plain Dutch, not with library English', async () => {
		const { locale: _, ...withoutLocale } = good;
		const response = await post('/registreren', { ...withoutLocale, email: 'tamper@example.nl' });
		expect(response.status).toBe(400);
		const html = await response.text();
		// A missing choice gets the same message as no choice made.
		expect(html).toContain('Kies een taal voor e-mails.');
		expect(html).not.toMatch(/Invalid (key|type)/);
	});

	it('answers a form without a field it cannot do without in plain Dutch', async () => {
		const { passwordConfirm: _, ...withoutConfirm } = good;
		const response = await post('/registreren', { ...withoutConfirm, email: 'tamper2@example.nl' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Dit veld is niet goed ingevuld.');
		expect(html).not.toMatch(/Invalid (key|type)/);
	});

	it('answers in English on the English address, whatever the cookie says', async () => {
		const response = await fetch(`${app.origin}/en/register`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), cookie: 'PARAGLIDE_LOCALE=nl', 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ ...good, email: 'nope' })
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('There is a problem');
		expect(html).toContain('Enter an e-mail address like name@example.com.');
	});

	it('never fails on naughty strings and never reflects markup', async () => {
		const blns: string[] = JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/bad-input/blns.json'), 'utf8'));
		const xss = fs.readFileSync(path.resolve('tests/fixtures/bad-input/xss_payloads_quick.pat.txt'), 'utf8').split('\n').filter(Boolean);
		for (const [i, s] of [...blns, ...xss].entries()) {
			const response = await post('/registreren', { ...good, displayName: s, email: `blns${i}@example.nl`, password: 'kort' });
			expect(response.status, JSON.stringify(s)).toBe(400);
			const html = await response.text();
			expect(html).not.toContain('<script>alert');
			expect(html).not.toMatch(/<img src=x onerror/i);
		}
	});
});

describe('accounts', () => {
	it('registration answers the same for a new and an existing address', async () => {
		const first = await post('/registreren', good);
		const second = await post('/registreren', { ...good, password: 'iets heel anders nu', passwordConfirm: 'iets heel anders nu' });
		expect(first.status).toBe(303);
		expect(second.status).toBe(303);
		expect(first.headers.get('location')).toBe('/registreren/controleer-uw-mail');
		expect(second.headers.get('location')).toBe(first.headers.get('location'));
	});

	it('log-in with an unknown address or a wrong password gives the same answer', async () => {
		const unknown = await post('/inloggen', { email: 'nobody@example.nl', password: 'paarse olifant danst' });
		const wrong = await post('/inloggen', { email: 'anna@example.nl', password: 'verkeerd wachtwoord' });
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(400);
		const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
		expect(strip(await unknown.text())).toBe(strip(await wrong.text()));
	});

	it('rotates the session at log-in and ends it on the server at log-out', async () => {
		const db = new Database(path.join(dataDir, 'pestwijzer.db'));
		db.prepare('update app_user set email_verified_at = ? where email = ?').run(new Date().toISOString(), 'anna@example.nl');
		db.close();
		const login = await post('/inloggen', { email: 'anna@example.nl', password: good.password });
		expect(login.status).toBe(303);
		const cookie = login.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^pw_session=[A-Za-z0-9_-]{43};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/SameSite=Lax/);
		const session = cookie.split(';')[0]!;
		const account = await fetch(`${app.origin}/account`, { redirect: 'manual', headers: browserHeaders(app.origin, session) });
		expect(account.status).toBe(200);
		expect(account.headers.get('cache-control')).toBe('no-store');
		const again = await post('/inloggen', { email: 'anna@example.nl', password: good.password }, session);
		const newSession = (again.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(newSession).not.toBe(session);
		const old = await fetch(`${app.origin}/account`, { redirect: 'manual', headers: browserHeaders(app.origin, session) });
		expect(old.status).toBe(303);
		await post('/uitloggen', {}, newSession);
		const after = await fetch(`${app.origin}/account`, { redirect: 'manual', headers: browserHeaders(app.origin, newSession) });
		expect(after.status).toBe(303);
	});

	it('never sends a visitor to another site after log-in', async () => {
		const response = await fetch(`${app.origin}/inloggen?terug=//evil.example`, { headers: browserHeaders(app.origin) });
		// The log-in form carries the safe fallback, not the foreign address.
		expect(await response.text()).toContain('<input type="hidden" name="terug" value="/account"/>');
		const login = await post('/inloggen?terug=//evil.example', { email: 'anna@example.nl', password: good.password, terug: 'https://evil.example' });
		expect(login.headers.get('location')).toBe('/account');
	});
});

describe('robustness', () => {
	it.each(['//', '/%', '/..%2f..%2fetc%2fpasswd', '/account/%00', `/${'a'.repeat(5000)}`])('answers %s without dying', async (p) => {
		const response = await fetch(app.origin + p, { redirect: 'manual' });
		expect(response.status).toBeLessThan(500);
		const health = await fetch(`${app.origin}/healthz`);
		expect(health.status).toBe(200);
	});

	it('shows the 404 page in English for a visitor who chose English', async () => {
		const response = await fetch(`${app.origin}/bestaat-niet`, { headers: { cookie: 'PARAGLIDE_LOCALE=en' } });
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('Page not found');
	});

	it('shows a 404 page in the layout, in Dutch, without a stack trace', async () => {
		const response = await fetch(`${app.origin}/bestaat-niet`);
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toContain('Deze pagina bestaat niet');
		expect(html).not.toMatch(/at .*\.js:\d+/);
	});
});
