/**
 * Password hashing with argon2id, a memory-hard KDF (OWASP: at least 19 MiB, 2 passes).
 * The parameters travel inside the PHC string, so raising them later needs no migration.
 */
import { hash, verify } from '@node-rs/argon2';

export interface HashCost {
	memoryKiB: number;
	iterations: number;
}

// 2 = Argon2id in @node-rs/argon2's Algorithm enum (a const enum, which isolated modules cannot import).
const ARGON2ID = 2;

export function hashPassword(password: string, cost: HashCost): Promise<string> {
	return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryKiB, timeCost: cost.iterations, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same time as a real check, for e-mail addresses that have no account,
 * so the answer time does not tell whether an account exists (SECURITY.md).
 */
export async function verifyAgainstDummy(password: string, cost: HashCost): Promise<false> {
	dummy ??= hashPassword('not a real password, only for timing', cost);
	await verifyPassword(await dummy, password);
	return false;
}
