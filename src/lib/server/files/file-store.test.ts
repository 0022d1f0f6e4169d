import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, setConfigForTests } from '../config';
import { makeTempDir } from '../testing/test-database';
import { newId } from '../auth/tokens';
import { dataKey, newDataKeyBytes } from '../crypto/envelope';
import { decryptLegacyFile, deleteFile, encryptLegacyFile, getFile, putFile, upgradeLegacyFile } from './file-store';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const plaintext = text('%PDF-1.4\nPestprotocol van De Regenboog: vertrouwelijk concept\n%%EOF\n');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
	return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

describe('the file format before the envelope (PWF1)', () => {
	const key = crypto.randomBytes(32);

	it('round-trips, and throws on changed bytes or another key', () => {
		const sealed = encryptLegacyFile(plaintext, key);
		expect(sealed.subarray(0, 4).toString('latin1')).toBe('PWF1');
		expect(decryptLegacyFile(sealed, key).equals(Buffer.from(plaintext))).toBe(true);
		const tampered = Buffer.from(sealed);
		tampered[40] = tampered[40]! ^ 0x01;
		expect(() => decryptLegacyFile(tampered, key)).toThrow();
		expect(() => decryptLegacyFile(sealed, crypto.randomBytes(32))).toThrow();
		expect(() => decryptLegacyFile(Buffer.from(plaintext), key)).toThrow('Unknown file format');
	});
});

describe('putFile, getFile and deleteFile', () => {
	const dataDir = makeTempDir();
	const secretKey = crypto.randomBytes(32).toString('hex');
	const dossier = dataKey(newDataKeyBytes(), 'dossier:test');
	const onDisk = (id: string) => path.join(dataDir, 'files', id.slice(0, 2), id);

	beforeAll(() => {
		setConfigForTests(loadConfig({ DATA_DIR: dataDir, SECRET_KEY: secretKey, LOG_LEVEL: 'silent' }));
	});
	afterAll(() => {
		setConfigForTests(undefined);
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('stores bytes sealed under the data key (PWF2) under DATA_DIR/files and gives the plaintext back', async () => {
		const id = newId();
		await putFile(id, plaintext, dossier);
		const raw = fs.readFileSync(onDisk(id));
		expect(raw.subarray(0, 4).toString('latin1')).toBe('PWF2');
		expect(raw.byteLength).toBe(4 + 12 + 16 + plaintext.byteLength);
		expect(contains(raw, text('Pestprotocol'))).toBe(false);
		expect(contains(raw, text('%PDF'))).toBe(false);
		expect(fs.statSync(onDisk(id)).mode & 0o777).toBe(0o600);
		expect(fs.readdirSync(path.dirname(onDisk(id)))).toEqual([id]);
		const back = await getFile(id, dossier);
		expect(back && Buffer.from(plaintext).equals(back)).toBe(true);
	});

	it('does not open under another data key, nor when the file is moved to another file key', async () => {
		const id = newId();
		await putFile(id, plaintext, dossier);
		await expect(getFile(id, dataKey(newDataKeyBytes(), 'dossier:test'))).rejects.toThrow();
		// The file key is bound in: a sealed file copied under another row's key does not open.
		const other = newId();
		fs.mkdirSync(path.dirname(onDisk(other)), { recursive: true });
		fs.copyFileSync(onDisk(id), onDisk(other));
		await expect(getFile(other, dossier)).rejects.toThrow();
	});

	it('replaces a file under the same key', async () => {
		const id = newId();
		await putFile(id, text('eerste'), dossier);
		await putFile(id, text('tweede'), dossier);
		expect((await getFile(id, dossier))?.toString('utf8')).toBe('tweede');
	});

	it('answers undefined for a missing file, also after deleting, and deleting twice is fine', async () => {
		const id = newId();
		expect(await getFile(id, dossier)).toBeUndefined();
		await putFile(id, plaintext, dossier);
		await deleteFile(id);
		expect(await getFile(id, dossier)).toBeUndefined();
		await expect(deleteFile(id)).resolves.toBeUndefined();
	});

	it('reads a file of the old format, and upgrades it to the data key once', async () => {
		const id = newId();
		fs.mkdirSync(path.dirname(onDisk(id)), { recursive: true });
		fs.writeFileSync(onDisk(id), encryptLegacyFile(plaintext, Buffer.from(secretKey, 'hex')));
		expect((await getFile(id, dossier))?.equals(Buffer.from(plaintext))).toBe(true);
		expect(await upgradeLegacyFile(id, dossier)).toBe(true);
		expect(fs.readFileSync(onDisk(id)).subarray(0, 4).toString('latin1')).toBe('PWF2');
		expect(await upgradeLegacyFile(id, dossier)).toBe(false);
		expect((await getFile(id, dossier))?.equals(Buffer.from(plaintext))).toBe(true);
		expect(await upgradeLegacyFile(newId(), dossier)).toBe(false);
	});

	it('refuses keys that are not server-made ids, so no path can leave the folder', async () => {
		for (const bad of ['../../etc/passwd', '..', 'rapport.pdf', '', 'ABCDEF00-0000-4000-8000-000000000000', `${newId()}/x`, `${newId()}0`]) {
			await expect(putFile(bad, plaintext, dossier)).rejects.toThrow('Invalid file key');
			await expect(getFile(bad, dossier)).rejects.toThrow('Invalid file key');
			await expect(deleteFile(bad)).rejects.toThrow('Invalid file key');
		}
		expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
	});
});
