import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box';

describe('secret box', () => {
	const key = crypto.randomBytes(32);
	it('round-trips and uses a fresh nonce each time', () => {
		const a = seal('JBSWY3DPEHPK3PXP', key);
		const b = seal('JBSWY3DPEHPK3PXP', key);
		expect(a).not.toBe(b);
		expect(open(a, key)).toBe('JBSWY3DPEHPK3PXP');
	});
	it('refuses a changed ciphertext or another key', () => {
		const sealed = seal('secret', key);
		const parts = sealed.split('.');
		parts[3] = Buffer.from('tampered').toString('base64url');
		expect(() => open(parts.join('.'), key)).toThrow();
		expect(() => open(sealed, crypto.randomBytes(32))).toThrow();
	});
});
