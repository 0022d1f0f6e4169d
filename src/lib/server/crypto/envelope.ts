/**
 * Encryption at rest by envelope (DESIGN.md; decision 0015): every free text and file of a dossier is sealed under a
 * data key of its own, and that data key is stored wrapped by the secret key. Rotating the secret key re-wraps the
 * data keys and touches no data; destroying a data key makes everything sealed under it unreadable, in the database,
 * its WAL, a dump, a backup and a file left on disk alike.
 *
 * All three layers are AES-256-GCM with a fresh 96-bit IV. The scope (for example "dossier:<child id>") is bound in
 * as additional data, so a wrapped key or a sealed text copied into another dossier's row does not open there.
 *
 *   wrapped data key  k1.<secret key id>.<base64url iv | tag | key>
 *   sealed text       pw1.<base64url iv | tag | ciphertext>
 *   sealed file       "PWF2" | iv | tag | ciphertext   (additional data: scope and file key)
 */
import crypto from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const TEXT_PREFIX = 'pw1.';
const WRAP_PREFIX = 'k1.';
export const SEALED_FILE_MAGIC = Buffer.from('PWF2');

export class KeyMismatchError extends Error {
	override name = 'KeyMismatchError';
}

function derive(secretKey: Buffer, info: string): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', secretKey, Buffer.alloc(0), info, KEY_BYTES));
}

// Deriving is cheap but runs on every request that opens a dossier; the secret key changes only by rotation.
let cached: { secret: Buffer; wrapKey: Buffer; id: string } | undefined;

function wrapping(secretKey: Buffer): { wrapKey: Buffer; id: string } {
	if (!cached || !cached.secret.equals(secretKey)) {
		cached = {
			secret: Buffer.from(secretKey),
			wrapKey: derive(secretKey, 'pestwijzer data keys v1'),
			// A short public name for the secret key, so a data key wrapped by another one is recognised as such
			// instead of failing as if it were damaged.
			id: derive(secretKey, 'pestwijzer secret key id v1').subarray(0, 6).toString('hex')
		};
	}
	return cached;
}

/** The public name of a secret key, stored beside every data key it wraps. */
export function secretKeyId(secretKey: Buffer): string {
	return wrapping(secretKey).id;
}

function encrypt(key: Buffer, plaintext: Uint8Array, aad: string): Buffer {
	const iv = crypto.randomBytes(IV_BYTES);
	const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(aad, 'utf8'));
	const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), data]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
	if (sealed.byteLength < IV_BYTES + TAG_BYTES) throw new Error('Sealed data is too short');
	const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
	decipher.setAAD(Buffer.from(aad, 'utf8'));
	decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
	return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export function newDataKeyBytes(): Buffer {
	return crypto.randomBytes(KEY_BYTES);
}

export function wrapDataKey(dataKey: Buffer, secretKey: Buffer, scope: string): string {
	const { wrapKey, id } = wrapping(secretKey);
	return `${WRAP_PREFIX}${id}.${encrypt(wrapKey, dataKey, scope).toString('base64url')}`;
}

export function unwrapDataKey(wrapped: string, secretKey: Buffer, scope: string): Buffer {
	const [version, id, body] = wrapped.split('.');
	if (`${version}.` !== WRAP_PREFIX || !id || !body) throw new Error('Unknown wrapped key format');
	const own = wrapping(secretKey);
	if (id !== own.id) throw new KeyMismatchError(`This data key was wrapped by secret key ${id}, not by the configured key ${own.id}.`);
	const key = decrypt(own.wrapKey, Buffer.from(body, 'base64url'), scope);
	if (key.byteLength !== KEY_BYTES) throw new Error('A data key has the wrong length');
	return key;
}

/** What a service holds while it works on one dossier (or, later, one school): seals and opens under its data key. */
export interface DataKey {
	readonly scope: string;
	seal(text: string): string;
	open(sealed: string): string;
	sealOrNull(text: string | null): string | null;
	openOrNull(sealed: string | null): string | null;
	sealFile(bytes: Uint8Array, fileKey: string): Buffer;
	openFile(sealed: Buffer, fileKey: string): Buffer;
	/**
	 * A keyed hash (HMAC-SHA256, hex) under a key derived from this data key: equal inputs give equal values within
	 * the scope only, and nobody without the key can test a guess against it. Destroying the key ends that too.
	 */
	mac(input: Uint8Array | string): string;
}

export function isSealedText(value: string): boolean {
	return value.startsWith(TEXT_PREFIX);
}

export function dataKey(key: Buffer, scope: string): DataKey {
	let macKey: Buffer | undefined;
	const seal = (text: string) => TEXT_PREFIX + encrypt(key, Buffer.from(text, 'utf8'), scope).toString('base64url');
	const open = (sealed: string) => {
		if (!isSealedText(sealed)) throw new Error('This text is not sealed');
		return decrypt(key, Buffer.from(sealed.slice(TEXT_PREFIX.length), 'base64url'), scope).toString('utf8');
	};
	return {
		scope,
		seal,
		open,
		sealOrNull: (text) => (text === null ? null : seal(text)),
		openOrNull: (sealed) => (sealed === null ? null : open(sealed)),
		sealFile: (bytes, fileKey) => Buffer.concat([SEALED_FILE_MAGIC, encrypt(key, bytes, `${scope}/${fileKey}`)]),
		openFile: (sealed, fileKey) => {
			if (!sealed.subarray(0, 4).equals(SEALED_FILE_MAGIC)) throw new Error('Unknown file format');
			return decrypt(key, sealed.subarray(4), `${scope}/${fileKey}`);
		},
		mac: (input) => {
			macKey ??= derive(key, `pestwijzer mac v1 ${scope}`);
			return crypto.createHmac('sha256', macKey).update(input).digest('hex');
		}
	};
}
