/**
 * The command line of Pestwijzer: `npm run cli -- <command>`.
 *   migrate                      bring the database to the newest schema
 *   create-admin --email <addr>  make a platform admin (prints a one-time password)
 *   demo                         load a demo board, school, one account per staff role and a parent
 *   check                        check the configuration and that the database answers
 *   import-schools <file> [--sector po|vo|so|mbo]   import a DUO open-data school file
 *   rotate-secret-key            re-wrap every data key under a new secret key (decision 0015)
 *   backup <file>                one encrypted archive of the database and the files, while the app runs (0014)
 *   restore <file>               into an empty data directory; checks it and replays the erasure journal
 */
import crypto from 'node:crypto';
import { config, ConfigError } from '../lib/server/config';
import { openDatabase, isReachable, type Db } from '../lib/server/db/connect';
import { migrateToLatest } from '../lib/server/db/migrate';
import { prepareDatabase } from '../lib/server/db';
import { createVerifiedUser, normaliseEmail } from '../lib/server/auth/account.service';
import { hashPassword } from '../lib/server/auth/password-hash';
import { findUserByEmail, findRoles, insertRole, updateUser } from '../lib/server/auth/user.repository';
import { deleteAllSessions } from '../lib/server/auth/session.service';
import { newId, nowIso } from '../lib/server/auth/tokens';
import type { Role } from '../lib/auth/roles';
import { SCHOOL_ROLES } from '../lib/auth/roles';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuoFileError, readDuoFile } from '../lib/server/schools/duo-file';
import { importSchools, sectorFromFileName, SECTORS, type Sector } from '../lib/server/schools/duo-import.service';
import { saveContact, saveSection } from '../lib/server/schools/school-profile.service';
import { loadActor } from '../lib/server/auth/current-actor';
import { rotateSecretKey } from '../lib/server/crypto/secret-key-rotation';
import { ArchiveError, backup, restore } from '../lib/server/backup/backup.service';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                      Bring the database to the newest schema.
  create-admin --email <addr>  Make a platform administrator; prints a one-time password.
  demo                         Load a demo board, school and accounts; prints their log-ins.
  check                        Check the configuration and that the database answers.
  import-schools <file> [--sector po|vo|so|mbo]
                               Import a DUO open-data school file (; or , separated, UTF-8 or
                               Windows-1252); reports rows it could not read, with line numbers.
  rotate-secret-key            Re-wrap every data key (and TOTP secret) under a new secret key;
                               the data is not touched. Stop the app servers first.
  backup <file>                Write one encrypted archive of the database and the files while the
                               app runs (with PostgreSQL: the files; the database by pg_dump).
  restore <file>               Restore an archive into an empty data directory with the backup's
                               secret key and the erasure journal in place; checks it and erases
                               again what was erased after the backup.`;

/** 4 groups of 5 letters and digits: about 100 bits, easy to type once. */
function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const chars = [...crypto.randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
	return chars.match(/.{5}/g)!.join('-');
}

async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const handle = openDatabase(config().database);
	try {
		await prepareDatabase(handle.db);
		return await work(handle.db);
	} finally {
		await handle.close();
	}
}

/** Makes the account, or gives an existing one a new password, and makes sure it has the role. */
async function ensureAccount(db: Db, email: string, displayName: string, role: Role, scope: { schoolId?: string; boardId?: string } = {}): Promise<string> {
	const password = generatePassword();
	let user = await findUserByEmail(db, normaliseEmail(email));
	if (user) {
		await updateUser(db, user.id, { password_hash: await hashPassword(password, config().passwordHash), updated_at: nowIso() });
		await deleteAllSessions(db, user.id);
	} else {
		user = await createVerifiedUser(db, { email, password, displayName, locale: 'nl' });
	}
	const roles = await findRoles(db, user.id);
	const has = roles.some((r) => r.role === role && r.school_id === (scope.schoolId ?? null) && r.board_id === (scope.boardId ?? null));
	if (!has) {
		await insertRole(db, { id: newId(), user_id: user.id, role, school_id: scope.schoolId ?? null, board_id: scope.boardId ?? null, created_at: nowIso() });
	}
	return password;
}

async function createAdmin(args: string[]): Promise<void> {
	const index = args.indexOf('--email');
	const email = index >= 0 ? args[index + 1] : undefined;
	if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw new ConfigError('create-admin needs --email followed by an e-mail address.');
	}
	const password = await withDatabase(async (db) => db.transaction().execute((trx) => ensureAccount(trx, email, 'Beheerder', 'platform_admin')));
	console.log(`Platform admin ${normaliseEmail(email)} is ready.`);
	console.log(`One-time password: ${password}`);
	console.log('Log in, set up two-step log-in, then choose your own password under Mijn account > Wachtwoord.');
}

const DEMO_DOMAIN = 'demo.pestwijzer.test';

async function demo(): Promise<void> {
	const logins = await withDatabase((db) =>
		db.transaction().execute(async (trx) => {
			const now = nowIso();
			let board = await trx.selectFrom('board').select('id').where('code', '=', 'DEMO-1').executeTakeFirst();
			if (!board) {
				board = { id: newId() };
				await trx.insertInto('board').values({ id: board.id, code: 'DEMO-1', name: 'Stichting Demoscholen', created_at: now }).execute();
			}
			// Codes with "ZZ" are not used by DUO, so the demo never collides with a real school.
			let school = await trx.selectFrom('school').select('id').where('vestigingscode', '=', '99ZZ00').executeTakeFirst();
			if (!school) {
				school = { id: newId() };
				await trx
					.insertInto('school')
					.values({ id: school.id, vestigingscode: '99ZZ00', instellingscode: '99ZZ', name: 'Demoschool De Regenboog', place: 'Utrecht', postcode: '3511 AA', sector: 'po', board_id: board.id, created_at: now, updated_at: now })
					.execute();
			}
			const rows: [string, string, string][] = [];
			const add = async (local: string, name: string, role: Role, scope: { schoolId?: string; boardId?: string } = {}) => {
				const email = `${local}@${DEMO_DOMAIN}`;
				rows.push([role, email, await ensureAccount(trx, email, name, role, scope)]);
			};
			await add('ouder', 'Sam de Vries', 'parent');
			for (const role of SCHOOL_ROLES) await add(role.replace('_', '-'), `Demo ${role}`, role, { schoolId: school.id });
			await add('bestuur', 'Demo bestuur', 'board_analyst', { boardId: board.id });
			await add('beheer', 'Demo beheer', 'platform_admin');
			await seedDemoProfile(trx, school.id);
			return rows;
		})
	);
	for (const file of DEMO_SCHOOL_FILES) console.log(await withDatabase((db) => importSchoolFile(db, file, sectorFromFileName(file))));
	console.log('Demo data loaded. Log-ins (staff set up two-step log-in at their first log-in):\n');
	const width = Math.max(...logins.map(([, email]) => email.length));
	for (const [role, email, password] of logins) console.log(`${role.padEnd(20)} ${email.padEnd(width)}  ${password}`);
}

/**
 * A half-filled profile for the demo school, so the public page and the duty dashboard show something real
 * (some duties met, some unknown). Written through the profile service as the demo school admin, so it is
 * validated and audited like any edit. Only the first time: a school that has a profile keeps it.
 */
async function seedDemoProfile(db: Db, schoolId: string): Promise<void> {
	if (await db.selectFrom('school_profile').select('school_id').where('school_id', '=', schoolId).executeTakeFirst()) return;
	const admin = await findUserByEmail(db, `school-admin@${DEMO_DOMAIN}`);
	const aanspreekpunt = await findUserByEmail(db, `aanspreekpunt@${DEMO_DOMAIN}`);
	if (!admin || !aanspreekpunt) return;
	// The CLI acts for the demo admin, who has not set up a second factor yet; the service checks the role and the school.
	const actor = { ...(await loadActor(db, admin)), secondFactorEnabled: true };
	await saveContact(db, actor, '99ZZ00', 'aanspreekpunt', {
		member: aanspreekpunt.id,
		name: null,
		jobTitle: 'Intern begeleider',
		email: `aanspreekpunt@${DEMO_DOMAIN}`,
		phone: null,
		hours: 'Maandag en donderdag, 8.30 tot 15.00 uur',
		public: 1,
		alsoCoordinator: 'yes'
	});
	await saveSection(db, actor, '99ZZ00', { section: 'mentors', mentorText: 'Elke groep heeft een eigen leerkracht. Praat eerst met de leerkracht van uw kind. U kunt elke dag na schooltijd binnenlopen.' }, []);
	await saveSection(db, actor, '99ZZ00', { section: 'complaints', commission: 'lkc', commissionName: null, commissionUrl: null, complaintsText: null }, []);
}

async function importSchoolFile(db: Db, file: string, sector: Sector): Promise<string> {
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(file);
	} catch {
		throw new ConfigError(`The file ${file} cannot be read.`);
	}
	try {
		const parsed = readDuoFile(bytes);
		const result = await importSchools(db, parsed.rows, sector);
		const lines = [`${path.basename(file)}: ${result.inserted} new, ${result.updated} updated (sector ${sector}, separator "${parsed.delimiter}", ${parsed.encoding}).`];
		if (parsed.problems.length > 0) {
			lines.push(`${parsed.problems.length} rows could not be read:`);
			for (const problem of parsed.problems.slice(0, 50)) lines.push(`  line ${problem.line}: ${problem.reason}`);
			if (parsed.problems.length > 50) lines.push(`  … and ${parsed.problems.length - 50} more.`);
		}
		return lines.join('\n');
	} catch (error) {
		if (error instanceof DuoFileError) throw new ConfigError(`${path.basename(file)}: ${error.message}`);
		throw error;
	}
}

async function importSchoolsCommand(args: string[]): Promise<void> {
	const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--sector');
	const sectorIndex = args.indexOf('--sector');
	const given = sectorIndex >= 0 ? args[sectorIndex + 1] : undefined;
	if (!file) throw new ConfigError('import-schools needs the path of a DUO file.');
	if (given !== undefined && !(SECTORS as readonly string[]).includes(given)) throw new ConfigError(`--sector must be one of ${SECTORS.join(', ')}.`);
	const sector = (given as Sector | undefined) ?? sectorFromFileName(file);
	console.log(await withDatabase((db) => importSchoolFile(db, file, sector)));
}

/** The fictional DUO files the demo loads, shipped in fixtures/duo. */
const DEMO_SCHOOL_FILES = ['vestigingenbo.csv', '01.-hoofdvestigingen-vo.csv'].map((name) =>
	path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/duo', name)
);

async function check(): Promise<void> {
	const cfg = config();
	const handle = openDatabase(cfg.database);
	try {
		const ok = await isReachable(handle.db);
		if (!ok) throw new ConfigError(`The ${cfg.database.kind} database does not answer: start it or correct DATABASE_URL.`);
		console.log(`Configuration OK. Database (${cfg.database.kind}) answers. Origin ${cfg.origin}. Mail: ${cfg.smtpUrl ? 'SMTP' : 'outbox table'}.`);
	} finally {
		await handle.close();
	}
}

async function rotateSecretKeyCommand(): Promise<void> {
	const cfg = config();
	const keyFile = process.env.SECRET_KEY?.trim() ? undefined : path.join(cfg.dataDir, 'secret.key');
	const result = await withDatabase((db) =>
		rotateSecretKey(db, {
			currentKey: cfg.secretKey,
			dataDir: cfg.dataDir,
			keyFile,
			pendingKey: cfg.nextSecretKey,
			announce: (hex) => {
				console.log('SECRET_KEY is set in the environment, so this command cannot change it. The new key is:');
				console.log(hex);
				console.log('Keep it safe now. Once this command says "done", set SECRET_KEY to it on every app server before starting them.');
			}
		})
	);
	console.log(`Done: ${result.dataKeys} data keys re-wrapped and ${result.totpSecrets} TOTP secrets re-sealed under secret key ${result.newKeyId}.`);
	console.log(keyFile ? `The new key is in ${keyFile}. Backups made before today need the old key: make a new backup now.` : 'Set the new SECRET_KEY on every app server now. Backups made before today need the old key: make a new backup now.');
}

function archiveArgument(args: string[], command: string): string {
	const [file] = args;
	if (!file || file.startsWith('-')) throw new ConfigError(`${command} needs the name of the archive file, e.g. npm run cli -- ${command} pestwijzer-backup.pwb`);
	return path.resolve(file);
}

async function backupCommand(args: string[]): Promise<void> {
	const target = archiveArgument(args, 'backup');
	const handle = openDatabase(config().database);
	try {
		await prepareDatabase(handle.db);
		const report = await backup(handle, config(), target);
		const rows = Object.values(report.manifest.counts).reduce((sum, n) => sum + n, 0);
		console.log(`Backup written to ${target}: ${(report.bytes / 1024 / 1024).toFixed(1)} MB, ${rows} rows, ${report.manifest.files} files, in ${(report.milliseconds / 1000).toFixed(1)} s.`);
		if (report.manifest.missingFiles) console.log(`${report.manifest.missingFiles} files were deleted while the backup ran; their rows are in it without them.`);
		if (handle.kind === 'postgres') console.log('With PostgreSQL this archive holds the files only: back up the database with pg_dump as well (README: Backup and recovery).');
		console.log(`It opens only with secret key ${report.manifest.secretKeyId}: keep that key, apart from the backups.`);
	} finally {
		await handle.close();
	}
}

async function restoreCommand(args: string[]): Promise<void> {
	const report = await restore(config(), archiveArgument(args, 'restore'));
	const rows = Object.values(report.counts).reduce((sum, n) => sum + n, 0);
	console.log(`Restored the backup of ${report.manifest.createdAt} into ${config().dataDir}.`);
	if (config().database.kind === 'sqlite') console.log(`Checked: integrity_check ${report.integrity}; ${rows} rows in ${Object.keys(report.counts).length} tables, as the backup recorded.`);
	console.log(`Files: ${report.files}, as the backup recorded.`);
	const again = report.erasedAgain;
	console.log(`Erased again from the erasure journal: ${again.dossiers} dossiers, ${again.accounts} accounts, ${again.cases} cases, ${again.reports} reports outside a case and ${again.withdrawnItems} withdrawn shared items.`);
	console.log(`Done in ${(report.milliseconds / 1000).toFixed(1)} s. Start the app with npm start.`);
}

async function main(argv: string[]): Promise<void> {
	const [command, ...args] = argv;
	switch (command) {
		case 'migrate': {
			const handle = openDatabase(config().database);
			try {
				const applied = await migrateToLatest(handle.db);
				await prepareDatabase(handle.db);
				console.log(applied.length ? `Applied: ${applied.join(', ')}.` : 'The database schema was already up to date.');
			} finally {
				await handle.close();
			}
			return;
		}
		case 'create-admin':
			return createAdmin(args);
		case 'demo':
			return demo();
		case 'check':
			return check();
		case 'import-schools':
			return importSchoolsCommand(args);
		case 'rotate-secret-key':
			return rotateSecretKeyCommand();
		case 'backup':
			return backupCommand(args);
		case 'restore':
			return restoreCommand(args);
		default:
			console.log(USAGE);
			if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
	}
}

main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error instanceof ConfigError || error instanceof ArchiveError ? error.message : `Failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
