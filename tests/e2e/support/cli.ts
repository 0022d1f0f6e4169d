/** The command line, as an operator would use it against the test server's database. */
import { execFileSync } from 'node:child_process';
import { DATA_DIR, ROOT } from './environment';

/** A platform admin of the calling test's own, made with `cli create-admin`; returns the one-time password. */
export function createPlatformAdmin(email: string): string {
	const output = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'create-admin', '--email', email], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR, DATABASE_URL: '', LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	const password = /One-time password: (\S+)/.exec(output)?.[1];
	if (!password) throw new Error(`create-admin printed no password:\n${output}`);
	return password;
}

export interface Staff {
	role: string;
	email: string;
	password: string;
	/** The TOTP secret, for an Authenticator. */
	secret: string;
	displayName: string;
}

/** Staff accounts of the calling test's own at a school, with two-step log-in set up (support/make-staff.ts). */
export function createStaff(schoolCode: string, people: { role: string; email: string }[]): Staff[] {
	const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/support/make-staff.ts', schoolCode, ...people.map((p) => `${p.role}:${p.email}`)], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR, DATABASE_URL: '', LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	return JSON.parse(output) as Staff[];
}
