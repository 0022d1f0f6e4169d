import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './connect';

function withCode(message: string, code: string) {
	return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
	it.each([
		withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
		withCode('terminating connection due to administrator command', '57P01'),
		withCode('connection failure', '08006'),
		new Error('Connection terminated unexpectedly'),
		new Error('timeout exceeded when trying to connect'),
		withCode('database is locked', 'SQLITE_BUSY')
	])('sees an outage in %s', (error) => expect(isDatabaseUnavailable(error)).toBe(true));

	it.each([withCode('duplicate key value', '23505'), withCode('syntax error', '42601'), new Error('boom'), 'text'])(
		'sees a real error in %s',
		(error) => expect(isDatabaseUnavailable(error)).toBe(false)
	);
});
