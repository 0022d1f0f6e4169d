/**
 * Password rules (SECURITY.md, NIST SP 800-63B): at least 8 characters (15 advised), long passphrases allowed,
 * no composition rules, and refuse passwords that attackers try first.
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

const common = new Set(COMMON_PASSWORDS);

function isOneRepeatedChunk(p: string): boolean {
	for (let size = 1; size <= 4; size++) {
		const chunk = p.slice(0, size);
		if (p.length > size && chunk.repeat(Math.ceil(p.length / size)).slice(0, p.length) === p) return true;
	}
	return false;
}

function isRun(p: string, alphabet: string): boolean {
	return p.length >= 4 && (alphabet.includes(p) || [...alphabet].reverse().join('').includes(p));
}

const RUNS = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzabcdefghij', 'qwertyuiopasdfghjklzxcvbnm', 'azertyuiopqsdfghjklmwxcvbn'];

/** Returns what is wrong with a password, or undefined when it may be used. `context` holds words it must not be built from. */
export function passwordProblem(password: string, context: readonly string[] = []): PasswordProblem | undefined {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	const p = password.toLowerCase();
	// Common passwords with a year or digits glued on are still guessed first.
	const stem = p.replace(/[\d!?.@#$%_-]+$/, '').replace(/^[\d!?.@#$%_-]+/, '');
	if (common.has(p) || (stem.length >= 4 && common.has(stem))) return 'common';
	if (isOneRepeatedChunk(p) || RUNS.some((run) => isRun(p, run))) return 'common';
	for (const word of context) {
		const w = word.toLowerCase().trim();
		if (w.length >= 4 && (p === w || stem === w)) return 'common';
	}
	return undefined;
}
