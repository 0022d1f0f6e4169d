/**
 * One place where uploaded files live (DESIGN.md: files): on disk under DATA_DIR/files, encrypted at rest with
 * AES-256-GCM under a key derived from the secret key. Keys are server-made ids, never names from the client.
 * File format: "PWF1" | 12-byte IV | 16-byte tag | ciphertext.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';

const MAGIC = Buffer.from('PWF1');
const KEY_PATTERN = /^[0-9a-f-]{36}$/;

function fileKey(secretKey: Buffer): Buffer {
	// A key of its own for files, so the TOTP secrets' key is never used for bulk data.
	return Buffer.from(crypto.hkdfSync('sha256', secretKey, Buffer.alloc(0), 'pestwijzer files v1', 32));
}

function fileDir(): string {
	return path.join(config().dataDir, 'files');
}

function filePath(key: string): string {
	if (!KEY_PATTERN.test(key)) throw new Error('Invalid file key');
	return path.join(fileDir(), key.slice(0, 2), key);
}

export function encryptFile(bytes: Uint8Array, secretKey: Buffer): Buffer {
	const iv = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', fileKey(secretKey), iv);
	const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
	return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), data]);
}

export function decryptFile(sealed: Buffer, secretKey: Buffer): Buffer {
	if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error('Unknown file format');
	const iv = sealed.subarray(4, 16);
	const tag = sealed.subarray(16, 32);
	const decipher = crypto.createDecipheriv('aes-256-gcm', fileKey(secretKey), iv);
	decipher.setAuthTag(tag);
	return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]);
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

/**
 * Stores the bytes under the key; writes to a temporary name first so a crash never leaves half a file.
 * The file and its directory are fsynced before this returns, because the database row that points to the file is
 * committed with synchronous=FULL right after (decision 0013): after a power loss the row must not outlive the file.
 */
export async function putFile(key: string, bytes: Uint8Array): Promise<void> {
	const target = filePath(key);
	const dir = path.dirname(target);
	const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 });
	const temporary = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
	const handle = await fs.open(temporary, 'wx', 0o600);
	try {
		await handle.writeFile(encryptFile(bytes, config().secretKey));
		await handle.sync();
	} finally {
		await handle.close();
	}
	await fs.rename(temporary, target);
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

export async function getFile(key: string): Promise<Buffer | undefined> {
	try {
		return decryptFile(await fs.readFile(filePath(key)), config().secretKey);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

export async function deleteFile(key: string): Promise<void> {
	await fs.rm(filePath(key), { force: true });
}
