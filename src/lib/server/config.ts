/**
 * Every setting of Pestwijzer, declared once and validated at start-up.
 * Nothing else in the application reads process.env (adapter-node itself reads PORT, HOST and ORIGIN).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';

export class ConfigError extends Error {
	override name = 'ConfigError';
}

export interface Config {
	port: number;
	host: string;
	/** The public address of the app, used in e-mail links and for the form origin check. */
	origin: string;
	/** True when the public address is https: cookies get `Secure` and the `__Host-` prefix, and HSTS is sent. */
	secure: boolean;
	dataDir: string;
	database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
	smtpUrl: string | undefined;
	mailFrom: string;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
	session: { idleMinutes: number; absoluteHours: number };
	/** 32-byte key that wraps the data keys (decision 0015) and seals the TOTP secrets. */
	secretKey: Buffer;
	/**
	 * The next secret key while a rotation is under way (DATA_DIR/secret.key.next): set only when
	 * `rotate-secret-key` stopped half-way; the app refuses to start until the command has finished it.
	 */
	nextSecretKey: Buffer | undefined;
	/** Ids and days of erased dossiers and accounts, replayed after a restore (decision 0014). Never in a backup. */
	erasureJournal: string;
	/** argon2id cost; never below the OWASP floor of 19 MiB and 2 passes. */
	passwordHash: { memoryKiB: number; iterations: number };
	/** Seconds between housekeeping runs (and the day's agreement reminders); each server also runs it at start-up. */
	housekeepingIntervalSeconds: number;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
	}
	return value;
}

function parseDatabaseUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new ConfigError(
			'DATABASE_URL is not a valid address: use postgres://user:password@host:5432/database, or leave it empty for SQLite.'
		);
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
		throw new ConfigError(
			`DATABASE_URL must start with postgres:// (it starts with ${url.protocol}//); leave it empty to use SQLite.`
		);
	}
	if (!url.hostname || url.pathname.length < 2) {
		throw new ConfigError('DATABASE_URL must name a host and a database, e.g. postgres://user@localhost:5432/pestwijzer.');
	}
	return raw;
}

function parseOrigin(raw: string): string {
	const result = v.safeParse(v.pipe(v.string(), v.url()), raw);
	const url = result.success ? new URL(raw) : undefined;
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search) {
		throw new ConfigError(`ORIGIN must be the bare public address of the app, like https://pestwijzer.nl; it is "${raw}".`);
	}
	return url.origin;
}

/**
 * SECRET_KEY (64 hex characters) is required when several app servers share one PostgreSQL.
 * For the embedded set-up a key is made once and kept in DATA_DIR, so `npm start` needs nothing by hand.
 */
function loadSecretKey(env: Env, dataDir: string): Buffer {
	const raw = env.SECRET_KEY?.trim();
	if (raw) {
		if (!/^[0-9a-fA-F]{64}$/.test(raw)) {
			throw new ConfigError('SECRET_KEY must be 64 hexadecimal characters (32 bytes), e.g. the output of `openssl rand -hex 32`.');
		}
		return Buffer.from(raw, 'hex');
	}
	const file = path.join(dataDir, 'secret.key');
	try {
		if (!fs.existsSync(file)) {
			fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
		}
		const stored = fs.readFileSync(file, 'utf8').trim();
		if (!/^[0-9a-f]{64}$/.test(stored)) throw new Error('malformed');
		return Buffer.from(stored, 'hex');
	} catch {
		throw new ConfigError(`The key file ${file} cannot be read or is damaged: restore it from a backup, or set SECRET_KEY.`);
	}
}

/** The key file of a rotation that has not finished, if any. */
export function nextSecretKeyFile(dataDir: string): string {
	return path.join(dataDir, 'secret.key.next');
}

function loadNextSecretKey(dataDir: string): Buffer | undefined {
	const file = nextSecretKeyFile(dataDir);
	if (!fs.existsSync(file)) return undefined;
	const stored = fs.readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-f]{64}$/.test(stored)) throw new ConfigError(`The key file ${file} is damaged: run \`npm run cli -- rotate-secret-key\` again.`);
	return Buffer.from(stored, 'hex');
}

function ensureWritableDir(dir: string): void {
	try {
		fs.mkdirSync(dir, { recursive: true });
		fs.accessSync(dir, fs.constants.W_OK);
	} catch {
		throw new ConfigError(`DATA_DIR "${dir}" is not a folder this process can write to: create it or choose another folder.`);
	}
}

/** Reads and checks the configuration. Throws a ConfigError with one sentence saying what to fix. */
export function loadConfig(env: Env = process.env): Config {
	const port = integer(env, 'PORT', 3000, 1, 65535);
	const host = env.HOST || 'localhost';
	const origin = parseOrigin(env.ORIGIN || `http://${host}:${port}`);
	const dataDir = path.resolve(env.DATA_DIR || 'data');
	ensureWritableDir(dataDir);

	const databaseUrl = env.DATABASE_URL?.trim();
	const database: Config['database'] = databaseUrl
		? { kind: 'postgres', url: parseDatabaseUrl(databaseUrl) }
		: { kind: 'sqlite', file: path.join(dataDir, 'pestwijzer.db') };

	const smtpUrl = env.SMTP_URL?.trim() || undefined;
	if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
		throw new ConfigError('SMTP_URL must look like smtp://user:password@mail.example.nl:587 or smtps://…; leave it empty to keep mail in the outbox.');
	}
	const mailFrom = env.MAIL_FROM?.trim() || 'Pestwijzer <noreply@pestwijzer.localhost>';
	if (!/<[^<>@\s]+@[^<>@\s]+>$|^[^<>@\s]+@[^<>@\s]+$/.test(mailFrom)) {
		throw new ConfigError(`MAIL_FROM must be an e-mail address, like "Pestwijzer <noreply@pestwijzer.nl>"; it is "${mailFrom}".`);
	}

	const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
	if (!LOG_LEVELS.includes(logLevel)) {
		throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; it is "${env.LOG_LEVEL}".`);
	}

	return {
		port,
		host,
		origin,
		secure: origin.startsWith('https:'),
		dataDir,
		database,
		smtpUrl,
		mailFrom,
		secretKey: loadSecretKey(env, dataDir),
		nextSecretKey: loadNextSecretKey(dataDir),
		erasureJournal: path.resolve(env.ERASURE_JOURNAL || path.join(dataDir, 'erasure-journal.jsonl')),
		logLevel,
		session: {
			idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 60, 5, 24 * 60),
			absoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30)
		},
		passwordHash: {
			memoryKiB: integer(env, 'PASSWORD_HASH_MEMORY_KIB', 19456, 19456, 1048576),
			iterations: integer(env, 'PASSWORD_HASH_ITERATIONS', 2, 2, 20)
		},
		// An hour is often enough for reminders due "today"; tests with several servers run it every second.
		housekeepingIntervalSeconds: integer(env, 'HOUSEKEEPING_INTERVAL_SECONDS', 60 * 60, 1, 24 * 60 * 60)
	};
}

let current: Config | undefined;

/** The configuration of this process, read once. */
export function config(): Config {
	current ??= loadConfig();
	return current;
}

/** For tests: use this configuration instead of the environment. */
export function setConfigForTests(value: Config | undefined): void {
	current = value;
}
