/**
 * The backup archive (decision 0014): one file, encrypted and authenticated as a whole.
 *
 *   "PWB1" | secret key id (12 ASCII hex characters) | IV (12 bytes) | AES-256-GCM ciphertext | tag (16 bytes)
 *
 * The plaintext is gzip over a sequence of entries: name length (uint32 BE) | name (UTF-8) | size (uint64 BE) | bytes.
 * The first entry is manifest.json. The key is derived from the secret key, which is never in the archive: a backup
 * without the secret key of its time opens nothing (and the data keys inside it are wrapped by that key as well).
 * Written and read as streams, so a database of gigabytes needs no memory of that size.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';
import { secretKeyId } from '../crypto/envelope';

const MAGIC = Buffer.from('PWB1');
const KEY_ID_BYTES = 12;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + KEY_ID_BYTES + IV_BYTES;

export class ArchiveError extends Error {
	override name = 'ArchiveError';
}

function archiveKey(secretKey: Buffer): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', secretKey, Buffer.alloc(0), 'pestwijzer backup v1', 32));
}

export interface ArchiveEntry {
	name: string;
	/** A file on disk to stream, or bytes in memory. */
	source: { file: string } | { bytes: Buffer };
}

async function* entryStream(entries: Iterable<ArchiveEntry>): AsyncGenerator<Buffer> {
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const size = 'file' in entry.source ? fs.statSync(entry.source.file).size : entry.source.bytes.byteLength;
		const head = Buffer.alloc(4 + name.byteLength + 8);
		head.writeUInt32BE(name.byteLength, 0);
		name.copy(head, 4);
		head.writeBigUInt64BE(BigInt(size), 4 + name.byteLength);
		yield head;
		if ('bytes' in entry.source) {
			yield entry.source.bytes;
			continue;
		}
		let written = 0;
		for await (const chunk of fs.createReadStream(entry.source.file)) {
			written += (chunk as Buffer).byteLength;
			yield chunk as Buffer;
		}
		// A file that changed size while it was read would make the archive unreadable from here on.
		if (written !== size) throw new ArchiveError(`${entry.name} changed while it was being backed up; run the backup again.`);
	}
}

/** Writes the archive to `target` (through a temporary name, so a failed backup leaves no half file). */
export async function writeArchive(target: string, secretKey: Buffer, entries: Iterable<ArchiveEntry>): Promise<void> {
	const temporary = `${target}.${crypto.randomBytes(4).toString('hex')}.tmp`;
	const iv = crypto.randomBytes(IV_BYTES);
	const cipher = crypto.createCipheriv('aes-256-gcm', archiveKey(secretKey), iv);
	const out = fs.createWriteStream(temporary, { mode: 0o600 });
	try {
		out.write(Buffer.concat([MAGIC, Buffer.from(secretKeyId(secretKey), 'ascii'), iv]));
		await pipeline(Readable.from(entryStream(entries)), zlib.createGzip({ level: 6 }), cipher, out, { end: false });
		await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
		const fd = fs.openSync(temporary, 'r');
		fs.fsyncSync(fd);
		fs.closeSync(fd);
		fs.renameSync(temporary, target);
	} catch (error) {
		out.destroy();
		fs.rmSync(temporary, { force: true });
		throw error;
	}
}

/** The secret key id an archive was made under, read from its header. */
export function archiveKeyId(file: string): string {
	const fd = fs.openSync(file, 'r');
	try {
		const head = Buffer.alloc(HEADER_BYTES);
		if (fs.readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !head.subarray(0, 4).equals(MAGIC)) {
			throw new ArchiveError(`${file} is not a Pestwijzer backup.`);
		}
		return head.subarray(4, 4 + KEY_ID_BYTES).toString('ascii');
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * Unpacks every entry under `targetDir` (names are checked: nothing can land outside it) and returns the manifest.
 * The tag is checked at the end; if it fails, everything written is removed again and nothing is trusted.
 */
export async function readArchive(file: string, secretKey: Buffer, targetDir: string): Promise<{ manifest: unknown; written: string[] }> {
	const keyId = archiveKeyId(file);
	if (keyId !== secretKeyId(secretKey)) {
		throw new ArchiveError(`This backup was made under secret key ${keyId}, and the configured key is ${secretKeyId(secretKey)}: put the secret key of that time in place (DATA_DIR/secret.key or SECRET_KEY).`);
	}
	const size = fs.statSync(file).size;
	if (size < HEADER_BYTES + TAG_BYTES) throw new ArchiveError(`${file} is cut short.`);
	const fd = fs.openSync(file, 'r');
	const iv = Buffer.alloc(IV_BYTES);
	const tag = Buffer.alloc(TAG_BYTES);
	fs.readSync(fd, iv, 0, IV_BYTES, HEADER_BYTES - IV_BYTES);
	fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
	fs.closeSync(fd);
	const decipher = crypto.createDecipheriv('aes-256-gcm', archiveKey(secretKey), iv);
	decipher.setAuthTag(tag);

	const root = path.resolve(targetDir);
	const written: string[] = [];
	let manifest: unknown;
	let buffer: Buffer = Buffer.alloc(0);
	let current: { name: string; remaining: bigint; fd?: number; chunks?: Buffer[] } | undefined;
	const startEntry = (name: string, remaining: bigint) => {
		if (name === 'manifest.json') return { name, remaining, chunks: [] as Buffer[] };
		const target = path.resolve(root, name);
		if (!target.startsWith(root + path.sep) || name.includes('\0')) throw new ArchiveError(`The backup holds a file name that is not allowed: ${name}`);
		fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
		written.push(target);
		return { name, remaining, fd: fs.openSync(target, 'wx', 0o600) };
	};
	const finishEntry = () => {
		if (!current) return;
		if (current.fd !== undefined) {
			fs.fsyncSync(current.fd);
			fs.closeSync(current.fd);
		} else manifest = JSON.parse(Buffer.concat(current.chunks!).toString('utf8'));
		current = undefined;
	};
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			try {
				buffer = buffer.byteLength ? Buffer.concat([buffer, chunk]) : chunk;
				for (;;) {
					if (!current) {
						if (buffer.byteLength < 4) break;
						const nameLength = buffer.readUInt32BE(0);
						if (buffer.byteLength < 4 + nameLength + 8) break;
						current = startEntry(buffer.subarray(4, 4 + nameLength).toString('utf8'), buffer.readBigUInt64BE(4 + nameLength));
						buffer = buffer.subarray(4 + nameLength + 8);
					}
					const take = Number(current.remaining < BigInt(buffer.byteLength) ? current.remaining : BigInt(buffer.byteLength));
					if (take > 0) {
						const part = buffer.subarray(0, take);
						if (current.fd !== undefined) fs.writeSync(current.fd, part);
						else current.chunks!.push(Buffer.from(part));
						current.remaining -= BigInt(take);
						buffer = buffer.subarray(take);
					}
					if (current.remaining === 0n) finishEntry();
					else break;
				}
				done();
			} catch (error) {
				done(error as Error);
			}
		},
		final(done) {
			done(current || buffer.byteLength ? new ArchiveError('The backup ends in the middle of an entry.') : null);
		}
	});
	try {
		await pipeline(fs.createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }), decipher, zlib.createGunzip(), sink);
	} catch (error) {
		if (current?.fd !== undefined) fs.closeSync(current.fd);
		for (const target of written) fs.rmSync(target, { force: true });
		if (error instanceof ArchiveError) throw error;
		throw new ArchiveError(`The backup cannot be read: it is damaged or was changed (${error instanceof Error ? error.message : String(error)}).`);
	}
	if (manifest === undefined) throw new ArchiveError('The backup has no manifest.');
	return { manifest, written };
}
