import { describe, expect, it } from 'vitest';
import { paths, safeReturnPath } from './paths';

describe('safeReturnPath', () => {
	it.each(['/account', '/school?x=1', '/'])('keeps same-site path %s', (p) => expect(safeReturnPath(p)).toBe(p));
	it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined, '/a\nb'])(
		'refuses %s',
		(p) => expect(safeReturnPath(p)).toBe(paths.home)
	);
});
