import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

describe('password policy', () => {
	it.each(['paarse olifant danst', 'Kx8#mQ2!vL', 'een zin van vier woorden', 'Zoë fietst naar school'])('accepts %s', (p) => {
		expect(passwordProblem(p)).toBeUndefined();
	});

	it.each([
		['kort', 'too_short'],
		['1234567', 'too_short'],
		['x'.repeat(257), 'too_long'],
		['wachtwoord', 'common'],
		['Welkom123', 'common'],
		['password1!', 'common'],
		['12345678', 'common'],
		['aaaaaaaa', 'common'],
		['abababab', 'common'],
		['qwertyuiop', 'common'],
		['87654321', 'common'],
		['Feyenoord2024', 'common']
	] as const)('refuses %s as %s', (p, problem) => {
		expect(passwordProblem(p)).toBe(problem);
	});

	it('counts characters, not UTF-16 units (emoji passwords are fine when long enough)', () => {
		expect(passwordProblem('🐘🐘🐘🐘')).toBe('too_short');
		expect(passwordProblem('🐘🦒🦓🐊🐢🦜🐙🦋')).toBeUndefined();
	});

	it('refuses a password made of the e-mail address', () => {
		expect(passwordProblem('annadevries', ['annadevries@example.nl', 'annadevries'])).toBe('common');
		expect(passwordProblem('annadevries2025', ['annadevries@example.nl', 'annadevries'])).toBe('common');
	});
});
