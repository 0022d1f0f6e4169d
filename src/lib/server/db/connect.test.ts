import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, openDatabase } from './connect';

function withCode(message: string, code: string) {
	return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
	it.each([
		withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
		withCode('terminating connection due to administrator command', '57P01'),
		withCode('connection failure', '08006'),
		new Error('Connection terminated unexpectedly'),
		new Error('timeout exceeded when trying to connect'),
		withCode('database is locked', 'SQLITE_BUSY')
	])('sees an outage in %s', (error) => expect(isDatabaseUnavailable(error)).toBe(true));

	it.each([withCode('duplicate key value', '23505'), withCode('syntax error', '42601'), new Error('boom'), 'text'])(
		'sees a real error in %s',
		(error) => expect(isDatabaseUnavailable(error)).toBe(false)
	);
});

describe('SQLite durability settings (decision 0013)', () => {
	it('opens in WAL mode with synchronous=FULL: every commit is fsynced before it is answered', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-connect-'));
		const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'pestwijzer.db') });
		try {
			expect(handle.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
			// 2 is FULL; NORMAL (1) may lose the last commits on a power loss.
			expect(handle.sqlite!.pragma('synchronous', { simple: true })).toBe(2);
		} finally {
			await handle.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
