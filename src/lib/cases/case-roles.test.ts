import { describe, expect, it } from 'vitest';
import { SCHOOL_ROLES } from '../auth/roles';
import { HANDLER_ROLES, isHandlerRole, isPupilRole, isReferralKind, mayRead, mayReadCase, mayWrite, WRITING_KINDS, type Reader, type Writing } from './case-roles';

const staff = (userId: string, roles: string[], isCaseHandler: boolean): Reader => ({ kind: 'staff', userId, roles, isCaseHandler });

const vertrouwenspersoon = staff('vp-1', ['vertrouwenspersoon'], true);
const otherVertrouwenspersoon = staff('vp-2', ['vertrouwenspersoon'], true);
const coordinator = staff('co-1', ['coordinator'], false);
const mentorHandler = staff('me-1', ['mentor'], true);
const mentorElsewhere = staff('me-2', ['mentor'], false);
const schoolAdmin = staff('sa-1', ['school_admin'], false);
const boardAnalyst = staff('ba-1', ['board_analyst'], false);
const adminAndAanspreekpunt = staff('sa-2', ['school_admin', 'aanspreekpunt'], true);
const reporter: Reader = { kind: 'reporter' };

const message: Writing = { kind: 'message', authorId: 'me-1' };
const internal: Writing = { kind: 'internal_note', authorId: 'me-1' };
const confidential: Writing = { kind: 'confidential_note', authorId: 'vp-1' };

describe('the lists', () => {
	it('handler roles are the school roles without the school admin', () => {
		expect([...HANDLER_ROLES].sort()).toEqual(SCHOOL_ROLES.filter((r) => r !== 'school_admin').sort());
		expect(isHandlerRole('school_admin')).toBe(false);
		expect(isHandlerRole('zorgcoordinator')).toBe(true);
	});

	it('knows pupil roles and referral kinds', () => {
		expect(isPupilRole('pupil_who_bullies')).toBe(true);
		expect(isPupilRole('bully')).toBe(false);
		expect(isReferralKind('youthDoctor')).toBe(true);
		expect(isReferralKind('veiligThuis')).toBe(true);
		expect(isReferralKind('gp')).toBe(false);
	});
});

describe('mayRead', () => {
	// The matrix of issue 11, written out by hand: reader → [message, internal_note, confidential_note of vp-1].
	const matrix: [string, Reader, [boolean, boolean, boolean]][] = [
		['the vertrouwenspersoon who wrote it', vertrouwenspersoon, [true, true, true]],
		['another vertrouwenspersoon handling the case', otherVertrouwenspersoon, [true, true, false]],
		['the coordinator', coordinator, [true, true, false]],
		['a mentor handling the case', mentorHandler, [true, true, false]],
		['a mentor not handling the case', mentorElsewhere, [false, false, false]],
		['the school admin', schoolAdmin, [false, false, false]],
		['the board analyst', boardAnalyst, [false, false, false]],
		['a school admin who is also a handler', adminAndAanspreekpunt, [true, true, false]],
		['the reporter', reporter, [true, false, false]]
	];
	for (const [who, reader, [m, i, c]] of matrix)
		it(`${who}: message ${m}, internal note ${i}, confidential note ${c}`, () => {
			expect(mayRead(message, reader)).toBe(m);
			expect(mayRead(internal, reader)).toBe(i);
			expect(mayRead(confidential, reader)).toBe(c);
		});

	it('a confidential note without a known author is read by nobody', () => {
		expect(mayRead({ kind: 'confidential_note', authorId: undefined }, vertrouwenspersoon)).toBe(false);
	});

	it('the author who is no longer in the case no longer reads the note', () => {
		expect(mayRead(confidential, staff('vp-1', ['vertrouwenspersoon'], false))).toBe(false);
	});

	it('a reporter’s anonymous message is read by the handlers', () => {
		expect(mayRead({ kind: 'message', authorId: undefined }, mentorHandler)).toBe(true);
		expect(mayReadCase(reporter)).toBe(false);
	});
});

describe('mayWrite', () => {
	it('the reporter writes messages only', () => {
		expect(WRITING_KINDS.filter((k) => mayWrite(k, reporter))).toEqual(['message']);
	});

	it('only a vertrouwenspersoon handling the case writes confidential notes', () => {
		expect(mayWrite('confidential_note', vertrouwenspersoon)).toBe(true);
		expect(mayWrite('confidential_note', coordinator)).toBe(false);
		expect(mayWrite('confidential_note', mentorHandler)).toBe(false);
		expect(mayWrite('confidential_note', staff('vp-3', ['vertrouwenspersoon', 'coordinator'], false))).toBe(false);
	});

	it('handlers and the coordinator write messages and internal notes; the admin and the board nothing', () => {
		for (const reader of [mentorHandler, coordinator]) expect(WRITING_KINDS.filter((k) => mayWrite(k, reader))).toEqual(['message', 'internal_note']);
		for (const reader of [schoolAdmin, boardAnalyst, mentorElsewhere]) expect(WRITING_KINDS.filter((k) => mayWrite(k, reader))).toEqual([]);
	});
});
