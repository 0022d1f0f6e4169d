/**
 * Seals small secrets (TOTP secrets) with AES-256-GCM under the configured secret key.
 * Format: v1.<iv>.<tag>.<ciphertext>, each base64url.
 */
import crypto from 'node:crypto';

export function seal(plaintext: string, key: Buffer): string {
	const iv = crypto.randomBytes(12);
	const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
	const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return ['v1', iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function open(sealed: string, key: Buffer): string {
	const [version, iv, tag, data] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown sealed format');
	const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
