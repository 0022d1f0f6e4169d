import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pw-config-'));

describe('configuration', () => {
	it('has working defaults: SQLite in DATA_DIR, localhost:3000, mail in the outbox', () => {
		const dir = dataDir();
		const config = loadConfig({ DATA_DIR: dir });
		expect(config.port).toBe(3000);
		expect(config.host).toBe('localhost');
		expect(config.origin).toBe('http://localhost:3000');
		expect(config.secure).toBe(false);
		expect(config.database).toEqual({ kind: 'sqlite', file: path.join(dir, 'pestwijzer.db') });
		expect(config.smtpUrl).toBeUndefined();
		expect(config.secretKey).toHaveLength(32);
		expect(config.housekeepingIntervalSeconds).toBe(3600);
		// The generated key is kept, so a restart can still read what it sealed.
		expect(loadConfig({ DATA_DIR: dir }).secretKey.equals(config.secretKey)).toBe(true);
		expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
	});

	it('uses PostgreSQL when DATABASE_URL is set, and https settings behind an https ORIGIN', () => {
		const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:p@db.example:5432/pw', ORIGIN: 'https://pestwijzer.nl' });
		expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db.example:5432/pw' });
		expect(config.secure).toBe(true);
	});

	it.each([
		[{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid address/],
		[{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL must start with postgres:\/\//],
		[{ DATABASE_URL: 'postgres://localhost' }, /must name a host and a database/],
		[{ PORT: 'eighty' }, /PORT must be a whole number/],
		[{ PORT: '70000' }, /PORT must be a whole number from 1 to 65535/],
		[{ ORIGIN: 'localhost:3000' }, /ORIGIN must be the bare public address/],
		[{ ORIGIN: 'https://pestwijzer.nl/app' }, /ORIGIN must be the bare public address/],
		[{ SMTP_URL: 'mail.example.nl' }, /SMTP_URL must look like/],
		[{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
		[{ SECRET_KEY: 'abc' }, /SECRET_KEY must be 64 hexadecimal characters/],
		[{ PASSWORD_HASH_MEMORY_KIB: '1024' }, /PASSWORD_HASH_MEMORY_KIB must be a whole number from 19456/],
		[{ HOUSEKEEPING_INTERVAL_SECONDS: '0' }, /HOUSEKEEPING_INTERVAL_SECONDS must be a whole number from 1 to 86400/]
	])('stops with one clear sentence for %o', (env, message) => {
		expect(() => loadConfig({ DATA_DIR: dataDir(), ...env })).toThrow(message);
		try {
			loadConfig({ DATA_DIR: dataDir(), ...env });
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			expect((error as Error).message.split(/(?<=[.;:])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
		}
	});

	it('refuses a DATA_DIR it cannot write', () => {
		const file = path.join(dataDir(), 'a-file');
		fs.writeFileSync(file, 'x');
		expect(() => loadConfig({ DATA_DIR: path.join(file, 'sub') })).toThrow(/DATA_DIR ".*" is not a folder this process can write to/);
	});
});
