/** The demo accounts made by `cli demo` (see global-setup.ts). */
import fs from 'node:fs';
import { DEMO_LOGINS_FILE } from './environment';

export interface DemoLogin {
	role: string;
	email: string;
	password: string;
}

/** `cli demo` prints one line per account: role, e-mail address, password. */
export function parseDemoOutput(output: string): DemoLogin[] {
	const logins: DemoLogin[] = [];
	for (const line of output.split('\n')) {
		const match = /^(\S+)\s+(\S+@\S+)\s+(\S+)\s*$/.exec(line.trim());
		if (match?.[1] && match[2] && match[3]) logins.push({ role: match[1], email: match[2], password: match[3] });
	}
	return logins;
}

export function demoLogin(role: string): DemoLogin {
	const logins = JSON.parse(fs.readFileSync(DEMO_LOGINS_FILE, 'utf8')) as DemoLogin[];
	const login = logins.find((l) => l.role === role);
	if (!login) throw new Error(`No demo account with role ${role} in ${DEMO_LOGINS_FILE}.`);
	return login;
}
