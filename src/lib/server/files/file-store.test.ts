import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, setConfigForTests } from '../config';
import { makeTempDir } from '../testing/test-database';
import { newId } from '../auth/tokens';
import { decryptFile, deleteFile, encryptFile, getFile, putFile } from './file-store';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const plaintext = text('%PDF-1.4\nPestprotocol van De Regenboog: vertrouwelijk concept\n%%EOF\n');
const key = crypto.randomBytes(32);

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
	return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

describe('encryptFile and decryptFile', () => {
	it('round-trips, in the PWF1 format with a fresh IV each time', () => {
		const sealed = encryptFile(plaintext, key);
		expect(sealed.subarray(0, 4).toString('latin1')).toBe('PWF1');
		expect(sealed.byteLength).toBe(4 + 12 + 16 + plaintext.byteLength);
		expect(contains(sealed, plaintext.subarray(9, 40))).toBe(false);
		expect(decryptFile(sealed, key).equals(Buffer.from(plaintext))).toBe(true);
		const again = encryptFile(plaintext, key);
		expect(again.subarray(4, 16).equals(sealed.subarray(4, 16))).toBe(false);
		expect(again.subarray(32).equals(sealed.subarray(32))).toBe(false);
	});

	it('round-trips an empty file', () => {
		expect(decryptFile(encryptFile(new Uint8Array(0), key), key).byteLength).toBe(0);
	});

	it('throws on a changed ciphertext, tag or IV, and with another key', () => {
		const sealed = encryptFile(plaintext, key);
		for (const position of [4, 20, 40, sealed.byteLength - 1]) {
			const tampered = Buffer.from(sealed);
			tampered[position] = tampered[position]! ^ 0x01;
			expect(() => decryptFile(tampered, key)).toThrow();
		}
		expect(() => decryptFile(sealed.subarray(0, sealed.byteLength - 1), key)).toThrow();
		expect(() => decryptFile(sealed, crypto.randomBytes(32))).toThrow();
	});

	it('refuses data that is not in its format', () => {
		expect(() => decryptFile(Buffer.from(plaintext), key)).toThrow('Unknown file format');
		expect(() => decryptFile(Buffer.alloc(0), key)).toThrow('Unknown file format');
	});
});

describe('putFile, getFile and deleteFile', () => {
	const dataDir = makeTempDir();
	const secretKey = crypto.randomBytes(32).toString('hex');

	beforeAll(() => {
		setConfigForTests(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: secretKey, LOG_LEVEL: 'silent' }));
	});
	afterAll(() => {
		setConfigForTests(undefined);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('stores encrypted bytes under DATA_DIR/files and gives the plaintext back', async () => {
		const id = newId();
		await putFile(id, plaintext);
		const onDisk = path.join(dataDir, 'files', id.slice(0, 2), id);
		const raw = fs.readFileSync(onDisk);
		expect(raw.subarray(0, 4).toString('latin1')).toBe('PWF1');
		expect(contains(raw, text('Pestprotocol'))).toBe(false);
		expect(contains(raw, text('%PDF'))).toBe(false);
		expect(fs.statSync(onDisk).mode & 0o777).toBe(0o600);
		expect(fs.readdirSync(path.dirname(onDisk))).toEqual([id]);
		const back = await getFile(id);
		expect(back && Buffer.from(plaintext).equals(back)).toBe(true);
	});

	it('replaces a file under the same key', async () => {
		const id = newId();
		await putFile(id, text('eerste'));
		await putFile(id, text('tweede'));
		expect((await getFile(id))?.toString('utf8')).toBe('tweede');
	});

	it('answers undefined for a missing file, also after deleting, and deleting twice is fine', async () => {
		const id = newId();
		expect(await getFile(id)).toBeUndefined();
		await putFile(id, plaintext);
		await deleteFile(id);
		expect(await getFile(id)).toBeUndefined();
		await expect(deleteFile(id)).resolves.toBeUndefined();
	});

	it('cannot read a file with another secret key', async () => {
		const id = newId();
		await putFile(id, plaintext);
		setConfigForTests(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: crypto.randomBytes(32).toString('hex'), LOG_LEVEL: 'silent' }));
		try {
			await expect(getFile(id)).rejects.toThrow();
		} finally {
			setConfigForTests(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: secretKey, LOG_LEVEL: 'silent' }));
		}
		expect((await getFile(id))?.byteLength).toBe(plaintext.byteLength);
	});

	it('refuses keys that are not server-made ids, so no path can leave the folder', async () => {
		for (const bad of ['../../etc/passwd', '..', 'rapport.pdf', '', 'ABCDEF00-0000-4000-8000-000000000000', `${newId()}/x`, `${newId()}0`]) {
			await expect(putFile(bad, plaintext)).rejects.toThrow('Invalid file key');
			await expect(getFile(bad)).rejects.toThrow('Invalid file key');
			await expect(deleteFile(bad)).rejects.toThrow('Invalid file key');
		}
		expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
	});
});
