/**
 * Two app servers on one PostgreSQL (issue 10, item 6): two built app processes, started at the same moment on an
 * empty database (both migrate and seed at once), with the same SECRET_KEY. A session made on one works on the
 * other and ends on both; a log-in limit counted on both holds on both; agreement reminders that both servers'
 * housekeeping finds due are sent once; an admin's edit on one is shown on the other's cached public page at the
 * next request. Runs only when TEST_DATABASE_URL names a PostgreSQL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, setConfigForTests } from '../../src/lib/server/config';
import { openDatabase, type DatabaseHandle } from '../../src/lib/server/db/connect';
import { createVerifiedUser } from '../../src/lib/server/auth/account.service';
import { insertRole } from '../../src/lib/server/auth/user.repository';
import { LOGIN_LIMIT_ACCOUNT } from '../../src/lib/server/auth/account.service';
import { newId, nowIso } from '../../src/lib/server/auth/tokens';
import { makeTempDir, postgresTestUrl } from '../../src/lib/server/testing/test-database';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { AGREEMENT_SLOTS } from '../../src/lib/dossier/contacts';
import { browserHeaders, form, startApp, type AppServer } from './support/app-server';
import { addPersona } from './support/personas';

const base = postgresTestUrl();
const PASSWORD = 'paarse olifant danst';
/** Housekeeping every second on both servers, so both find the same due reminders. */
const HOUSEKEEPING_SECONDS = 1;
/** Enough that sending them takes longer than the interval (AGREEMENT_SLOTS per contact form). */
const REMINDERS = 150;

describe.skipIf(!base)('two app servers on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
	const dbName = `pw_two_${crypto.randomBytes(4).toString('hex')}`;
	const url = new URL(base ?? 'postgres://localhost/x');
	url.pathname = `/${dbName}`;
	let one: AppServer;
	let two: AppServer;
	let handle: DatabaseHandle;
	const folders: string[] = [];
	const tempDir = (prefix: string) => {
		const dir = makeTempDir(prefix);
		folders.push(dir);
		return dir;
	};

	async function admin(query: string): Promise<void> {
		const client = new pg.Client({ connectionString: base });
		await client.connect();
		try {
			await client.query(query);
		} finally {
			await client.end();
		}
	}

	beforeAll(async () => {
		await admin(`create database ${dbName}`);
		const env = { DATABASE_URL: url.toString(), SECRET_KEY: crypto.randomBytes(32).toString('hex'), HOUSEKEEPING_INTERVAL_SECONDS: String(HOUSEKEEPING_SECONDS) };
		// At the same moment, on an empty database: both run the migrations and seed the reference data.
		const started = await Promise.allSettled([startApp({ ...env, DATA_DIR: tempDir('pw-two-1-') }), startApp({ ...env, DATA_DIR: tempDir('pw-two-2-') })]);
		// Both kept, so afterAll stops the one that started when the other did not.
		const [first, second] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
		if (first) one = first;
		if (second) two = second;
		const failed = started.find((s) => s.status === 'rejected');
		if (failed) throw failed.reason;
		const config = loadConfig({ ...env, DATA_DIR: tempDir('pw-two-test-'), LOG_LEVEL: 'silent' });
		setConfigForTests(config);
		handle = openDatabase({ kind: 'postgres', url: url.toString() });
	}, 40_000);

	afterAll(async () => {
		await Promise.all([one, two].filter(Boolean).map((app) => stopWithin(app, 10_000)));
		await handle?.close();
		for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
		setConfigForTests(undefined);
		await admin(`drop database if exists ${dbName} with (force)`);
	});

	const get = (app: AppServer, path: string, cookie?: string) => fetch(app.origin + path, { redirect: 'manual', headers: browserHeaders(app.origin, cookie) });
	const post = (app: AppServer, path: string, data: Record<string, string | readonly string[]>, cookie?: string) =>
		fetch(app.origin + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin, cookie), 'content-type': 'application/x-www-form-urlencoded' },
			body: form(data)
		});

	async function parent(email: string): Promise<string> {
		const user = await createVerifiedUser(handle.db, { email, password: PASSWORD, displayName: 'Ouder', locale: 'nl' });
		await insertRole(handle.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		return user.id;
	}

	async function logIn(app: AppServer, email: string, password: string): Promise<Response> {
		return post(app, '/inloggen', { email, password });
	}

	/** SIGTERM, and true when the process ends within `ms`; otherwise it is killed and the answer is false. */
	async function stopWithin(app: AppServer, ms: number): Promise<boolean> {
		let timer: NodeJS.Timeout | undefined;
		const ended = await Promise.race([app.stop().then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
		clearTimeout(timer);
		if (!ended) app.process.kill('SIGKILL');
		return ended;
	}

	const sessionCookie = (response: Response) =>
		response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0]!)
			.find((c) => c.startsWith('pw_session='));

	it('both started on the empty database: one schema, the help directory seeded once', async () => {
		expect((await get(one, '/readyz')).status).toBe(200);
		expect((await get(two, '/readyz')).status).toBe(200);
		const rows = await handle.db.selectFrom('help_resource').select(['id', (eb) => eb.fn.countAll().as('n')]).groupBy('id').execute();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
		expect(one.output() + two.output()).not.toMatch(/could not start|error/i);
	});

	it('a session made on one server works on the other, and a log-out on the other ends it on both', async () => {
		await parent('sessie@example.nl');
		const login = await logIn(one, 'sessie@example.nl', PASSWORD);
		expect(login.status).toBe(303);
		const cookie = sessionCookie(login);
		expect(cookie).toBeDefined();
		const elsewhere = await get(two, '/account', cookie);
		expect(elsewhere.status).toBe(200);
		expect(await elsewhere.text()).toContain('sessie@example.nl');

		expect((await post(two, '/uitloggen', {}, cookie)).status).toBe(303);
		for (const app of [one, two]) expect((await get(app, '/account', cookie)).status, app.origin).toBe(303);
	});

	it('a log-in limit counted on both servers holds on both, also for the right password', async () => {
		await parent('slot@example.nl');
		// The account's failures, alternately on each server: each counts towards the one limit in the database.
		for (let attempt = 0; attempt < LOGIN_LIMIT_ACCOUNT.max; attempt++) {
			const response = await logIn(attempt % 2 ? two : one, 'slot@example.nl', 'verkeerd wachtwoord');
			expect(response.status, `attempt ${attempt + 1}`).toBe(400);
		}
		for (const app of [one, two]) {
			const refused = await logIn(app, 'slot@example.nl', PASSWORD);
			expect(refused.status, app.origin).toBe(429);
			expect(sessionCookie(refused)).toBeUndefined();
		}
	});

	it('agreement reminders that both servers find due at once are sent once each', async () => {
		const email = 'afspraak@example.nl';
		await parent(email);
		const cookie = sessionCookie(await logIn(two, email, PASSWORD))!;
		const [y, m, d] = todayInNetherlands().split('-').map(Number) as [number, number, number];
		const child = await post(one, '/dossier/kind-toevoegen?/add', { name: 'Sem', birthYear: String(y - 9), schoolCode: 'none', schoolName: '' }, cookie);
		expect(child.status).toBe(303);
		const childId = child.headers.get('location')!.match(/^\/dossier\/([0-9a-f-]{36})\?/)![1]!;
		const contactedOn = { 'contactedOn-day': String(d), 'contactedOn-month': String(m), 'contactedOn-year': String(y) };
		// Made through the form with a follow-up next year, so none is due while the others are still being made.
		const slots: Record<string, string> = {};
		for (let slot = 1; slot <= AGREEMENT_SLOTS; slot++) {
			Object.assign(slots, { [`agreement${slot}`]: `Afspraak ${slot}`, [`followUp${slot}-day`]: '1', [`followUp${slot}-month`]: '1', [`followUp${slot}-year`]: String(y + 1) });
		}
		for (let i = 0; i < REMINDERS / AGREEMENT_SLOTS; i++) {
			const saved = await post(i % 2 ? two : one, `/dossier/${childId}/contact/nieuw`, { ...contactedOn, rung: 'leerkracht', channel: 'talk', ...slots }, cookie);
			expect(saved.status).toBe(303);
		}
		const mails = async () => Number((await handle.db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll().as('n')).where('to_address', '=', email).executeTakeFirstOrThrow()).n);
		expect(await mails()).toBe(0);
		// All due at the same moment: sending them takes both servers longer than their one-second interval, so
		// both servers' housekeeping works through the same due agreements at the same time.
		const due = await handle.db.updateTable('agreement').set({ follow_up_on: todayInNetherlands() }).where('child_id', '=', childId).executeTakeFirst();
		expect(Number(due.numUpdatedRows)).toBe(REMINDERS);
		const reminded = async () => Number((await handle.db.selectFrom('agreement').select((eb) => eb.fn.countAll().as('n')).where('child_id', '=', childId).where('reminded_at', 'is not', null).executeTakeFirstOrThrow()).n);
		const deadline = Date.now() + 20_000;
		while ((await reminded()) < REMINDERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
		expect(await reminded()).toBe(REMINDERS);
		// A few more rounds of both servers' housekeeping: nothing more may be sent.
		await new Promise((r) => setTimeout(r, 2 * HOUSEKEEPING_SECONDS * 1000 + 500));
		expect(await mails()).toBe(REMINDERS);
	}, 40_000);

	it("an admin's edit on one server is shown on the other's cached public page at the next request", async () => {
		const adminPersona = await addPersona(handle.db, 'platform_admin', {});
		const page = async () => {
			const response = await get(two, '/hulp');
			return { cache: response.headers.get('x-page-cache'), body: await response.text() };
		};
		await page();
		const cached = await page();
		expect(cached.cache).toBe('hit');
		expect(cached.body).toContain('id="help-kindertelefoon"');

		const retired = await post(one, '/beheer/hulplijnen/kindertelefoon?/retire', {}, adminPersona.cookie);
		expect(retired.status).toBe(200);
		expect((await page()).body).not.toContain('id="help-kindertelefoon"');

		expect((await post(one, '/beheer/hulplijnen/kindertelefoon?/restore', {}, adminPersona.cookie)).status).toBe(200);
		expect((await page()).body).toContain('id="help-kindertelefoon"');
	});

	it('both stop within seconds of SIGTERM, though their housekeeping keeps the connection pool busy', async () => {
		const started = Date.now();
		const stopped = await Promise.all([one, two].map((app) => stopWithin(app, 10_000)));
		expect(stopped).toEqual([true, true]);
		expect(Date.now() - started).toBeLessThan(5_000);
	}, 20_000);
});
