import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataKey, isSealedText, KeyMismatchError, newDataKeyBytes, secretKeyId, unwrapDataKey, wrapDataKey } from './envelope';

const secret = crypto.randomBytes(32);

describe('wrapping data keys', () => {
	it('wraps and unwraps a data key under the secret key, bound to its scope', () => {
		const key = newDataKeyBytes();
		const wrapped = wrapDataKey(key, secret, 'dossier:a');
		expect(wrapped.startsWith(`k1.${secretKeyId(secret)}.`)).toBe(true);
		expect(wrapped).not.toContain(key.toString('base64url'));
		expect(unwrapDataKey(wrapped, secret, 'dossier:a').equals(key)).toBe(true);
		// Copied into another dossier's row, the wrapped key does not open.
		expect(() => unwrapDataKey(wrapped, secret, 'dossier:b')).toThrow();
	});

	it('says which secret key is missing rather than failing as damaged', () => {
		const wrapped = wrapDataKey(newDataKeyBytes(), secret, 'dossier:a');
		expect(() => unwrapDataKey(wrapped, crypto.randomBytes(32), 'dossier:a')).toThrow(KeyMismatchError);
		const tampered = wrapped.slice(0, -4) + (wrapped.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		expect(() => unwrapDataKey(tampered, secret, 'dossier:a')).toThrow();
		expect(() => unwrapDataKey('nonsense', secret, 'dossier:a')).toThrow('Unknown wrapped key format');
	});

	it('gives each secret key its own stable id', () => {
		expect(secretKeyId(secret)).toBe(secretKeyId(Buffer.from(secret)));
		expect(secretKeyId(crypto.randomBytes(32))).not.toBe(secretKeyId(secret));
	});
});

describe('sealing text', () => {
	const box = dataKey(newDataKeyBytes(), 'dossier:a');

	it('round-trips text of every script, with a fresh IV each time', () => {
		for (const text of ['', 'Sem', 'Hij zei: "kom niet naar mijn feest" 🙁', 'أحمد Ahmed 12', 'Мирослава']) {
			const sealed = box.seal(text);
			expect(isSealedText(sealed)).toBe(true);
			if (text) expect(sealed).not.toContain(text);
			expect(box.open(sealed)).toBe(text);
		}
		expect(box.seal('Sem')).not.toBe(box.seal('Sem'));
		expect(box.sealOrNull(null)).toBeNull();
		expect(box.openOrNull(null)).toBeNull();
	});

	it('does not open under another data key or scope, nor when changed, nor plain text', () => {
		const sealed = box.seal('geheim');
		expect(() => dataKey(newDataKeyBytes(), 'dossier:a').open(sealed)).toThrow();
		const sameKeyOtherScope = dataKey(Buffer.alloc(32, 1), 'dossier:b');
		expect(() => sameKeyOtherScope.open(dataKey(Buffer.alloc(32, 1), 'dossier:a').seal('geheim'))).toThrow();
		const bytes = Buffer.from(sealed.slice(4), 'base64url');
		bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
		expect(() => box.open(`pw1.${bytes.toString('base64url')}`)).toThrow();
		expect(() => box.open('geheim')).toThrow('not sealed');
	});

	it('seals files bound to their file key', () => {
		const file = Buffer.from('%PDF-1.4 bewijs');
		const sealed = box.sealFile(file, 'k1');
		expect(sealed.subarray(0, 4).toString('latin1')).toBe('PWF2');
		expect(box.openFile(sealed, 'k1').equals(file)).toBe(true);
		expect(() => box.openFile(sealed, 'k2')).toThrow();
	});
});

describe('keyed hash of a data key', () => {
	it('is stable per key and scope, and differs across keys and scopes', () => {
		const [make, bytes] = [dataKey, newDataKeyBytes];
		const raw = bytes();
		const a = make(raw, 'school:a');
		expect(a.mac('ABC')).toBe(make(raw, 'school:a').mac('ABC'));
		expect(a.mac('ABC')).toMatch(/^[0-9a-f]{64}$/);
		expect(a.mac('ABC')).not.toBe(a.mac('ABD'));
		expect(a.mac('ABC')).not.toBe(make(raw, 'school:b').mac('ABC'));
		expect(a.mac('ABC')).not.toBe(make(bytes(), 'school:a').mac('ABC'));
		expect(a.mac(new Uint8Array([65, 66, 67]))).toBe(a.mac('ABC'));
	});
});
