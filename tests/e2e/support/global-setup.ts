/**
 * Loads the demo board, school and one account per role into the test database (the server is already
 * running on it: SQLite in WAL mode allows a second writer process), and keeps the printed log-ins.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { DATA_DIR, DEMO_LOGINS_FILE, ROOT } from './environment';
import { parseDemoOutput } from './demo-accounts';

export default function globalSetup(): void {
	const output = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR, DATABASE_URL: '', LOG_LEVEL: 'warn' },
		encoding: 'utf8'
	});
	const logins = parseDemoOutput(output);
	if (logins.length === 0) throw new Error(`cli demo printed no log-ins:\n${output}`);
	fs.writeFileSync(DEMO_LOGINS_FILE, JSON.stringify(logins, null, '\t'));
}
