/**
 * One place where uploaded files live (DESIGN.md: files): on disk under DATA_DIR/files, each sealed with AES-256-GCM
 * under the data key of the dossier or school it belongs to (crypto/envelope.ts, decision 0015). Destroying that data
 * key makes the file unreadable even where a copy of it survives (a backup, a disk block). Keys are server-made ids,
 * never names from the client.
 *
 * Formats: "PWF2" | IV | tag | ciphertext under the data key (every file written now); "PWF1" | IV | tag | ciphertext
 * under a key derived from the secret key (files written before decision 0015: read for the upgrade at start-up only).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';
import { SEALED_FILE_MAGIC, type DataKey } from '../crypto/envelope';

const LEGACY_MAGIC = Buffer.from('PWF1');
const KEY_PATTERN = /^[0-9a-f-]{36}$/;

function legacyFileKey(secretKey: Buffer): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', secretKey, Buffer.alloc(0), 'pestwijzer files v1', 32));
}

function fileDir(): string {
	return path.join(config().dataDir, 'files');
}

function filePath(key: string): string {
	if (!KEY_PATTERN.test(key)) throw new Error('Invalid file key');
	return path.join(fileDir(), key.slice(0, 2), key);
}

/** Reads a file of the format before decision 0015. */
export function decryptLegacyFile(sealed: Buffer, secretKey: Buffer): Buffer {
	if (!sealed.subarray(0, 4).equals(LEGACY_MAGIC)) throw new Error('Unknown file format');
	const decipher = crypto.createDecipheriv('aes-256-gcm', legacyFileKey(secretKey), sealed.subarray(4, 16));
	decipher.setAuthTag(sealed.subarray(16, 32));
	return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
}

/** Writes a file in the format before decision 0015; only the upgrade's tests need it. */
export function encryptLegacyFile(bytes: Uint8Array, secretKey: Buffer): Buffer {
	const iv = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', legacyFileKey(secretKey), iv);
	const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
	return Buffer.concat([LEGACY_MAGIC, iv, cipher.getAuthTag(), data]);
}

/** Makes a directory's entries (a new name, a rename) survive a power loss, as fsync does for a file's bytes. */
async function syncDirectory(dir: string): Promise<void> {
	const handle = await fs.open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function writeAtomically(key: string, sealed: Buffer): Promise<void> {
	const target = filePath(key);
	const dir = path.dirname(target);
	const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
	// A temporary name first, so a crash never leaves half a file; fsync before the rename, so the name never points
	// at bytes that did not reach the disk.
	const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
	const handle = await fs.open(temporary, 'wx', 0o600);
	try {
		await handle.writeFile(sealed);
		await handle.sync();
	} finally {
		await handle.close();
	}
	await fs.rename(temporary, target);
	// The rename is only durable once its directory is synced: the row that points to this file is committed with
	// synchronous=FULL right after (decision 0013), and after a power loss it must not outlive the file's name.
	await syncDirectory(dir);
	// A folder made just now is itself a new entry in its parent (files/, and DATA_DIR for the very first file).
	if (created) {
		const top = path.dirname(created);
		for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
			await syncDirectory(parent);
			if (parent === top) break;
		}
	}
}

/** Stores the bytes under the file key, sealed under the data key of their dossier or school. */
export async function putFile(key: string, bytes: Uint8Array, dataKey: DataKey): Promise<void> {
	await writeAtomically(key, dataKey.sealFile(bytes, key));
}

/** The stored bytes, opened; undefined when there is no such file. */
export async function getFile(key: string, dataKey: DataKey): Promise<Buffer | undefined> {
	let sealed: Buffer;
	try {
		sealed = await fs.readFile(filePath(key));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	if (sealed.subarray(0, 4).equals(SEALED_FILE_MAGIC)) return dataKey.openFile(sealed, key);
	// Not yet upgraded (a crash during the upgrade at start-up; the next start finishes it).
	return decryptLegacyFile(sealed, config().secretKey);
}

/** Re-seals a file of the old format under its data key; false when it was already sealed so (or is missing). */
export async function upgradeLegacyFile(key: string, dataKey: DataKey): Promise<boolean> {
	let sealed: Buffer;
	try {
		sealed = await fs.readFile(filePath(key));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
		throw error;
	}
	if (!sealed.subarray(0, 4).equals(LEGACY_MAGIC)) return false;
	await writeAtomically(key, dataKey.sealFile(decryptLegacyFile(sealed, config().secretKey), key));
	return true;
}

export async function deleteFile(key: string): Promise<void> {
	await fs.rm(filePath(key), { force: true });
}
