/**
 * Rotating the secret key (decision 0015): every data key is re-wrapped and every TOTP secret re-sealed under a new
 * secret key in one transaction; the dossiers' text and files are not touched. With the key in DATA_DIR/secret.key
 * the new key is first written to secret.key.next and only moved over secret.key after the commit, so a crash at any
 * point leaves a state that the same command finishes (the app refuses to start meanwhile, see hooks.server.ts).
 * With SECRET_KEY set in the environment the command cannot change that setting: it prints the new key before the
 * commit, for the operator to put on every app server.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connect';
import { nextSecretKeyFile } from '../config';
import { resealTotpSecrets } from '../auth/two-factor.service';
import { secretKeyId, unwrapDataKey, wrapDataKey } from './envelope';

export interface RotationResult {
	newKeyId: string;
	dataKeys: number;
	totpSecrets: number;
}

function writeDurably(file: string, content: string, flag: 'wx' | 'w'): void {
	const fd = fs.openSync(file, flag, 0o600);
	try {
		fs.writeSync(fd, content);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

function syncDir(dir: string): void {
	const fd = fs.openSync(dir, 'r');
	try {
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
}

/** Re-wraps every data key that the new key does not wrap yet; the rows a finished earlier run did are skipped. */
async function rewrapAll(db: Db, oldKey: Buffer, newKey: Buffer): Promise<number> {
	const newId = secretKeyId(newKey);
	const rows = await db.selectFrom('data_key').select(['scope', 'wrapped']).execute();
	let count = 0;
	for (const row of rows) {
		if (row.wrapped.split('.')[1] === newId) continue;
		const key = unwrapDataKey(row.wrapped, oldKey, row.scope);
		await db.updateTable('data_key').set({ wrapped: wrapDataKey(key, newKey, row.scope) }).where('scope', '=', row.scope).execute();
		count++;
	}
	return count;
}

/**
 * Rotates from the current key to a new one. `keyFile` is DATA_DIR/secret.key when the key lives there, undefined when
 * it comes from SECRET_KEY; `announce` is called with the new key (hex) before the commit when there is no key file.
 */
export async function rotateSecretKey(
	db: Db,
	options: { currentKey: Buffer; dataDir: string; keyFile: string | undefined; pendingKey: Buffer | undefined; announce: (newKeyHex: string) => void }
): Promise<RotationResult> {
	const { currentKey, dataDir, keyFile } = options;
	const nextFile = nextSecretKeyFile(dataDir);
	const newKey = options.pendingKey ?? crypto.randomBytes(32);
	if (keyFile && !options.pendingKey) writeDurably(nextFile, newKey.toString('hex'), 'wx');
	if (!keyFile) options.announce(newKey.toString('hex'));
	const result = await db.transaction().execute(async (trx) => ({
		dataKeys: await rewrapAll(trx, currentKey, newKey),
		totpSecrets: await resealTotpSecrets(trx, currentKey, newKey)
	}));
	if (keyFile) {
		// Committed: the new key becomes the key, in one atomic step.
		fs.renameSync(nextFile, keyFile);
		syncDir(path.dirname(keyFile));
	}
	return { newKeyId: secretKeyId(newKey), ...result };
}
