/** For tests: the bytes of a stored file as they lie on disk, sealed. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';

export async function readStoredFile(key: string): Promise<Buffer> {
	return fs.readFile(path.join(config().dataDir, 'files', key.slice(0, 2), key));
}
