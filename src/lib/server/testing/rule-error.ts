import { expect } from 'vitest';
import { RuleError } from '../errors';

/** Runs the call and returns the RuleError's message key, or fails the test. */
export async function ruleKey(call: Promise<unknown>): Promise<string> {
	const error = await call.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(RuleError);
	return (error as RuleError).messageKey;
}
