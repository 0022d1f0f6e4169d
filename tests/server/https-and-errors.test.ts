/**
 * Behind https: Secure __Host- cookies and HSTS. An unexpected error: a calm 500 page in the user's language
 * with a correlation id that is also in the log, and never a stack trace.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { browserHeaders, form, freePort, startApp, type AppServer } from './support/app-server';

const good = { displayName: 'Anna', email: 'anna@example.nl', password: 'paarse olifant danst', passwordConfirm: 'paarse olifant danst', locale: 'nl' };

describe('behind https', () => {
	let app: AppServer;
	let origin: string;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = makeTempDir('pw-https-');
		// The app itself speaks http; a proxy in front terminates TLS. ORIGIN says what the browser sees.
		origin = `https://localhost:${await freePort()}`;
		app = await startApp({ DATA_DIR: dataDir, ORIGIN: origin });
	});
	afterAll(async () => app?.stop());

	it('sends HSTS and sets the session cookie as __Host-, Secure, HttpOnly, SameSite=Lax', async () => {
		const home = await fetch(`${app.origin}/`);
		expect(home.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');

		const register = await fetch(`${app.origin}/registreren`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: form(good)
		});
		expect(register.status).toBe(303);
		const db = new Database(path.join(dataDir, 'pestwijzer.db'));
		db.prepare('update app_user set email_verified_at = ?').run(new Date().toISOString());
		const link = (db.prepare('select text_body from mail_outbox').get() as { text_body: string }).text_body;
		db.close();
		expect(link).toContain(`${origin}/e-mail-bevestigen?token=`);

		const login = await fetch(`${app.origin}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: form({ email: good.email, password: good.password })
		});
		expect(login.status).toBe(303);
		const cookies = login.headers.getSetCookie();
		const session = cookies.find((c) => c.startsWith('__Host-pw_session='));
		expect(session).toBeDefined();
		expect(session).toMatch(/; Path=\//);
		expect(session).toMatch(/; HttpOnly/);
		expect(session).toMatch(/; Secure/);
		expect(session).toMatch(/; SameSite=Lax/);
		expect(session).not.toMatch(/Domain=/);
	});
});

describe('an unexpected error', () => {
	let app: AppServer;
	let dataDir: string;

	beforeAll(async () => {
		dataDir = makeTempDir('pw-500-');
		app = await startApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
		// Break the database under the running app, so registration fails in a way no code expects.
		const db = new Database(path.join(dataDir, 'pestwijzer.db'));
		db.exec('drop table mail_outbox');
		db.close();
	});
	afterAll(async () => app?.stop());

	it('gives a calm 500 page with a correlation id that is in the log, and loses nothing silently', async () => {
		const response = await fetch(`${app.origin}/registreren`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: form(good)
		});
		expect(response.status).toBe(500);
		const html = await response.text();
		expect(html).toContain('Er ging iets mis');
		expect(html).not.toMatch(/\bat .*\.js:\d+/);
		expect(html).not.toContain('mail_outbox');
		const id = /noem dan deze code: ([0-9a-f-]{36})/i.exec(html)?.[1];
		expect(id).toBeDefined();
		await new Promise((r) => setTimeout(r, 200));
		const lines = app.output().split('\n').filter((l) => l.includes(id!));
		expect(lines.some((l) => l.includes('"unexpected error"'))).toBe(true);
		expect(lines.some((l) => l.includes('"status":500'))).toBe(true);
		// The registration ran in one transaction: the account was not half-made.
		const db = new Database(path.join(dataDir, 'pestwijzer.db'), { readonly: true });
		expect((db.prepare('select count(*) as n from app_user').get() as { n: number }).n).toBe(0);
		db.close();
		// The log holds no personal data.
		expect(app.output()).not.toContain('anna@example.nl');
		expect(app.output()).not.toContain('paarse olifant');
	});
});
