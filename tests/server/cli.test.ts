import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';

function cli(args: string[], env: Record<string, string>) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
		env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
		encoding: 'utf8',
		timeout: 60_000
	});
	return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('command line', () => {
	it('demo loads one account per role and prints working log-ins; running it again adds nothing', () => {
		const DATA_DIR = makeTempDir('pw-cli-');
		const first = cli(['demo'], { DATA_DIR });
		expect(first.code, first.err).toBe(0);
		const logins = first.out.split('\n').filter((l) => l.includes('@demo.pestwijzer.test'));
		expect(logins.map((l) => l.split(/\s+/)[0])).toEqual([
			'parent',
			'school_admin',
			'aanspreekpunt',
			'coordinator',
			'vertrouwenspersoon',
			'mentor',
			'zorgcoordinator',
			'board_analyst',
			'platform_admin'
		]);
		const second = cli(['demo'], { DATA_DIR });
		expect(second.code).toBe(0);
		expect(second.out).not.toBe(first.out);
		const db = new Database(path.join(DATA_DIR, 'pestwijzer.db'), { readonly: true });
		const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
		expect(count('select count(*) as n from app_user')).toBe(9);
		expect(count('select count(*) as n from role_assignment')).toBe(9);
		// The demo school plus the fictional DUO fixture files (20 primary, 12 secondary).
		expect(count('select count(*) as n from school')).toBe(33);
		expect(count("select count(*) as n from app_user where email_verified_at is null")).toBe(0);
		db.close();
	});

	it('create-admin makes a platform admin, and asks for --email when it is missing', () => {
		const DATA_DIR = makeTempDir('pw-cli-');
		const made = cli(['create-admin', '--email', 'Beheer@Example.nl'], { DATA_DIR });
		expect(made.code, made.err).toBe(0);
		expect(made.out).toMatch(/One-time password: [a-z0-9]{5}(-[a-z0-9]{5}){3}/);
		const db = new Database(path.join(DATA_DIR, 'pestwijzer.db'), { readonly: true });
		const row = db.prepare("select r.role from app_user u join role_assignment r on r.user_id = u.id where u.email = 'beheer@example.nl'").get() as { role: string };
		db.close();
		expect(row.role).toBe('platform_admin');
		const missing = cli(['create-admin'], { DATA_DIR });
		expect(missing.code).toBe(1);
		expect(missing.err.trim()).toBe('create-admin needs --email followed by an e-mail address.');
	});

	it('import-schools reads a DUO file, reports bad rows by line number, and re-imports without duplicates', () => {
		const DATA_DIR = makeTempDir('pw-cli-');
		const first = cli(['import-schools', 'fixtures/duo/01.-hoofdvestigingen-vo.csv'], { DATA_DIR });
		expect(first.code, first.err).toBe(0);
		expect(first.out).toContain('01.-hoofdvestigingen-vo.csv: 12 new, 0 updated (sector vo, separator ";", windows-1252).');
		const again = cli(['import-schools', 'fixtures/duo/01.-hoofdvestigingen-vo.csv'], { DATA_DIR });
		expect(again.out).toContain('0 new, 12 updated');
		const bad = path.join(DATA_DIR, 'kapot.csv');
		fs.writeFileSync(bad, 'INSTELLINGSCODE;VESTIGINGSNAAM;PLAATSNAAM\n12AB;Goed;Ede\nXX;Fout;Ede\n13CD;Afgekapt\n');
		const report = cli(['import-schools', bad, '--sector', 'po'], { DATA_DIR });
		expect(report.code).toBe(0);
		expect(report.out).toContain('kapot.csv: 1 new, 0 updated');
		expect(report.out).toContain('line 3: instellingscode "XX"');
		expect(report.out).toContain('line 4: only 2 of 3 columns');
		const missing = cli(['import-schools', path.join(DATA_DIR, 'nope.csv')], { DATA_DIR });
		expect(missing.code).toBe(1);
		expect(missing.err.trim()).toMatch(/cannot be read\.$/);
	});

	it('rotate-secret-key replaces the key file and re-wraps the data keys; the next commands open them with the new key', () => {
		const DATA_DIR = makeTempDir('pw-cli-');
		expect(cli(['demo'], { DATA_DIR }).code).toBe(0);
		const keyFile = path.join(DATA_DIR, 'secret.key');
		const before = fs.readFileSync(keyFile, 'utf8');
		const rotated = cli(['rotate-secret-key'], { DATA_DIR });
		expect(rotated.err).toBe('');
		expect(rotated.out).toMatch(/^Done: \d+ data keys re-wrapped and 0 TOTP secrets re-sealed under secret key [0-9a-f]{12}\./m);
		expect(fs.readFileSync(keyFile, 'utf8')).not.toBe(before);
		expect(fs.existsSync(path.join(DATA_DIR, 'secret.key.next'))).toBe(false);
		// The demo school's key is wrapped by the new key: the next command opens it without complaint.
		expect(cli(['demo'], { DATA_DIR }).code).toBe(0);
		expect(cli(['check'], { DATA_DIR }).out).toContain('Configuration OK.');
	});

	it('migrate and check work; bad configuration and unknown commands fail clearly', () => {
		const DATA_DIR = makeTempDir('pw-cli-');
		// Every migration in the folder, in order: a new migration needs no edit here.
		const migrations = fs
			.readdirSync('src/lib/server/db/migrations')
			.filter((name) => /^\d{3}-.*\.ts$/.test(name) && !name.endsWith('.test.ts'))
			.map((name) => name.replace(/\.ts$/, ''))
			.sort();
		expect(migrations.slice(0, 2)).toEqual(['001-foundation', '002-help-directory-and-audit']);
		expect(cli(['migrate'], { DATA_DIR }).out).toContain(`Applied: ${migrations.join(', ')}.`);
		expect(cli(['migrate'], { DATA_DIR }).out).toContain('already up to date');
		expect(cli(['check'], { DATA_DIR }).out).toContain('Configuration OK. Database (sqlite) answers.');
		const bad = cli(['check'], { DATA_DIR, DATABASE_URL: 'mysql://x/y' });
		expect(bad.code).toBe(1);
		expect(bad.err.trim()).toBe('DATABASE_URL must start with postgres:// (it starts with mysql://); leave it empty to use SQLite.');
		const unknown = cli(['frobnicate'], { DATA_DIR });
		expect(unknown.code).toBe(2);
		expect(unknown.out).toContain('Usage: npm run cli -- <command>');
	});
});
