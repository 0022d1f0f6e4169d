import { describe, expect, it } from 'vitest';
import { isEnglishSchoolsPath, paths, safeReturnPath, schoolsAlternates } from './paths';

describe('safeReturnPath', () => {
	it.each(['/account', '/school?x=1', '/'])('keeps same-site path %s', (p) => expect(safeReturnPath(p)).toBe(p));
	it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined, '/a\nb'])(
		'refuses %s',
		(p) => expect(safeReturnPath(p)).toBe(paths.home)
	);
});

describe('schoolsAlternates', () => {
	it.each([
		['/scholen', { nl: '/scholen', en: '/schools' }],
		['/scholen?q=Zwolle', { nl: '/scholen?q=Zwolle', en: '/schools?q=Zwolle' }],
		['/schools/12ZC00', { nl: '/scholen/12ZC00', en: '/schools/12ZC00' }]
	])('pairs %s with its other language', (path, expected) => expect(schoolsAlternates(path)).toEqual(expected));
	it.each(['/', '/gids', '/scholenlijst', '/schoolsx', '/beheer/scholen', '/school'])('leaves %s alone', (path) => expect(schoolsAlternates(path)).toBeUndefined());
	it('knows the English school paths', () => {
		expect(isEnglishSchoolsPath(paths.schoolsEn)).toBe(true);
		expect(isEnglishSchoolsPath(paths.schoolPageEn('12ZC00'))).toBe(true);
		expect(isEnglishSchoolsPath(paths.schools)).toBe(false);
		expect(isEnglishSchoolsPath('/schoolsx')).toBe(false);
	});
});
