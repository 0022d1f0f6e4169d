/**
 * Start-up with bad configuration stops with one clear sentence; a database outage gives a calm 503
 * in the user's language and the app recovers by itself (issue 2, SECURITY.md).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, postgresTestUrl } from '../../src/lib/server/testing/test-database';
import { loadConfig, setConfigForTests } from '../../src/lib/server/config';
import { openDatabase } from '../../src/lib/server/db/connect';
import { createVerifiedUser } from '../../src/lib/server/auth/account.service';
import { insertRole } from '../../src/lib/server/auth/user.repository';
import { createSession } from '../../src/lib/server/auth/session.service';
import { newId, nowIso } from '../../src/lib/server/auth/tokens';
import { browserHeaders, freePort, runAppUntilExit, startApp, type AppServer } from './support/app-server';

describe('start-up with bad configuration', () => {
	it.each([
		[{ DATABASE_URL: 'mysql://localhost/pw' }, 'DATABASE_URL must start with postgres://'],
		[{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
		[{ PORT: 'abc' }, 'PORT must be a whole number'],
		[{ SECRET_KEY: 'short' }, 'SECRET_KEY must be 64 hexadecimal characters']
	])('%o stops with one sentence and a non-zero exit', async (env, sentence) => {
		const result = await runAppUntilExit({ DATA_DIR: makeTempDir('pw-bad-'), ...env });
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain(sentence);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('an unwritable DATA_DIR stops start-up', async () => {
		const file = path.join(makeTempDir('pw-bad-'), 'not-a-folder');
		fs.writeFileSync(file, '');
		const result = await runAppUntilExit({ DATA_DIR: path.join(file, 'data') });
		expect(result.code).not.toBe(0);
		expect(result.stderr).toMatch(/DATA_DIR ".*" is not a folder this process can write to/);
	});

	it('an unreachable PostgreSQL stops start-up with a clear sentence', async () => {
		const port = await freePort();
		const result = await runAppUntilExit({ DATA_DIR: makeTempDir('pw-bad-'), DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none` });
		expect(result.code).not.toBe(0);
		expect(result.stderr.trim()).toBe('The database cannot be reached: start PostgreSQL or correct DATABASE_URL.');
	});
});

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, to simulate an outage. */
class Switch {
	private server: net.Server | undefined;
	private sockets = new Set<net.Socket>();
	constructor(
		readonly port: number,
		private target: { host: string; port: number }
	) {}
	up(): Promise<void> {
		this.server = net.createServer((client) => {
			const upstream = net.connect(this.target.port, this.target.host);
			for (const s of [client, upstream]) {
				this.sockets.add(s);
				s.on('close', () => this.sockets.delete(s));
				s.on('error', () => s.destroy());
			}
			client.pipe(upstream).pipe(client);
		});
		return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
	}
	down(): Promise<void> {
		for (const s of this.sockets) s.destroy();
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

describe.skipIf(!postgresTestUrl())('PostgreSQL outage', () => {
	const base = new URL(postgresTestUrl() ?? 'postgres://localhost/x');
	const dbName = `pw_outage_${crypto.randomBytes(4).toString('hex')}`;
	let app: AppServer;
	let proxy: Switch;
	let cookie: string;

	beforeAll(async () => {
		const admin = new pg.Client({ connectionString: base.toString() });
		await admin.connect();
		await admin.query(`create database ${dbName}`);
		await admin.end();
		proxy = new Switch(await freePort(), { host: base.hostname, port: Number(base.port || 5432) });
		await proxy.up();
		const viaProxy = new URL(base.toString());
		viaProxy.port = String(proxy.port);
		viaProxy.pathname = `/${dbName}`;
		const dataDir = makeTempDir('pw-outage-');
		app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: viaProxy.toString() });

		const direct = new URL(base.toString());
		direct.pathname = `/${dbName}`;
		const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: direct.toString(), LOG_LEVEL: 'silent' });
		setConfigForTests(config);
		const handle = openDatabase({ kind: 'postgres', url: direct.toString() });
		const user = await createVerifiedUser(handle.db, { email: 'ouder@example.nl', password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(handle.db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		const { token } = await createSession(handle.db, user.id, { pendingSecondFactor: false, policy: config.session });
		cookie = `pw_session=${token}`;
		await handle.close();
	});

	afterAll(async () => {
		await app?.stop();
		await proxy?.down();
		const admin = new pg.Client({ connectionString: base.toString() });
		await admin.connect();
		await admin.query(`drop database if exists ${dbName} with (force)`);
		await admin.end();
	});

	const get = (url: string, extra: Record<string, string> = {}) =>
		fetch(app.origin + url, { redirect: 'manual', headers: { ...browserHeaders(app.origin, cookie), ...extra } });

	it('answers 503 in the user language while the database is down, and recovers by itself', async () => {
		expect((await get('/account')).status).toBe(200);

		await proxy.down();
		const down = await get('/account');
		expect(down.status).toBe(503);
		expect(down.headers.get('retry-after')).toBe('30');
		const html = await down.text();
		expect(html).toContain('Pestwijzer is even niet bereikbaar');
		expect(html).toContain('Er is niets opgeslagen.');
		const english = await get('/account', { cookie: `${cookie}; PARAGLIDE_LOCALE=en` });
		expect(english.status).toBe(503);
		expect(await english.text()).toContain('Pestwijzer is not available right now');
		expect((await get('/readyz')).status).toBe(503);
		// A form post must not be acknowledged while nothing can be saved.
		const login = await fetch(`${app.origin}/inloggen`, {
			method: 'POST',
			redirect: 'manual',
			headers: { ...browserHeaders(app.origin), 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'ouder@example.nl', password: 'paarse olifant danst' })
		});
		expect(login.status).toBe(503);
		// Pages that need no database keep working.
		expect((await fetch(`${app.origin}/privacy`)).status).toBe(200);

		await proxy.up();
		let status = 0;
		for (let i = 0; i < 50 && status !== 200; i++) {
			status = (await get('/account')).status;
			if (status !== 200) await new Promise((r) => setTimeout(r, 200));
		}
		expect(status).toBe(200);
		expect((await get('/readyz')).status).toBe(200);
		expect(app.process.exitCode).toBeNull();
	});
});
