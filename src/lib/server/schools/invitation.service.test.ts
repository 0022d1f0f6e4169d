import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { hashToken, newId, nowIso } from '../auth/tokens';
import { createVerifiedUser, logInWithPassword } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findRoles, findUserByEmail, findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import {
	acceptAsActor,
	acceptWithNewAccount,
	describeInvitation,
	getOnboardingOverview,
	INVITATION_DAYS,
	inviteToBoard,
	inviteToSchool,
	listBoardInvitations,
	listSchoolInvitations,
	listTeam,
	removeTeamRole,
	revokeSchoolInvitation
} from './invitation.service';
import type { Role, SchoolRole } from '../../auth/roles';
import { ruleKey } from '../testing/rule-error';

const PASSWORD = 'paarse olifant danst';
const CODE_A = '11AA00';
const CODE_B = '22BB00';

function linkToken(text: string): string {
	const match = /\/uitnodiging\?token=([A-Za-z0-9_%-]+)/.exec(text);
	if (!match?.[1]) throw new Error(`No invitation link in mail:\n${text}`);
	return decodeURIComponent(match[1]);
}


describe.each(testDatabaseKinds())('invitations on %s', (kind) => {
	let t: TestDatabase;
	const boardId = newId();
	const schoolA = newId();
	const schoolB = newId();
	let platformAdmin: Actor;
	let adminA: Actor;
	let adminB: Actor;

	/** A verified account with roles; staff get a second factor unless told otherwise. */
	async function account(email: string, name: string, roles: { role: Role; school?: string; board?: string }[], secondFactor = true): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: PASSWORD, displayName: name, locale: 'nl' });
		if (secondFactor) await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) {
			await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: r.board ?? null, created_at: nowIso() });
		}
		return actorOf(user.id);
	}

	async function actorOf(userId: string): Promise<Actor> {
		return loadActor(t.db, (await findUserById(t.db, userId))!);
	}

	async function mailsTo(email: string) {
		return t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('created_at').execute();
	}

	/** Invites and returns the token from the mail that was sent. */
	async function invite(actor: Actor, code: string, email: string, role: SchoolRole, displayName = 'Nieuwe collega'): Promise<string> {
		await inviteToSchool(t.db, actor, code, { email, displayName, locale: 'nl', role });
		return linkToken((await mailsTo(email.trim().toLowerCase())).at(-1)!.text_body);
	}

	async function auditActions(subjectId: string) {
		return t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', subjectId).orderBy('seq').execute();
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardId, code: '41234', name: 'Stichting Samen Leren', created_at: now }).execute();
		await t.db
			.insertInto('school')
			.values([
				{ id: schoolA, vestigingscode: CODE_A, instellingscode: '11AA', name: 'OBS De Regenboog', place: 'Delft', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now },
				{ id: schoolB, vestigingscode: CODE_B, instellingscode: '22BB', name: 'Het Baken', place: 'Gouda', postcode: null, sector: 'vo', board_id: null, created_at: now, updated_at: now }
			])
			.execute();
		platformAdmin = await account('beheer@pestwijzer.nl', 'Pim Platform', [{ role: 'platform_admin' }]);
		adminA = await account('anne@regenboog.nl', 'Anne Admin', [{ role: 'school_admin', school: schoolA }]);
		adminB = await account('bob@baken.nl', 'Bob Beheer', [{ role: 'school_admin', school: schoolB }]);
	});
	afterAll(async () => t.dispose());

	it('lets a platform admin invite the first school admin: a mail with a link, the token stored only as a hash', async () => {
		await inviteToSchool(t.db, platformAdmin, '11aa00', { email: ' Nina@Regenboog.NL ', displayName: 'Nina Nieuw', locale: 'nl', role: 'school_admin' });
		const [mail, ...more] = await mailsTo('nina@regenboog.nl');
		expect(more).toEqual([]);
		expect(mail!.subject).toBe('Uitnodiging voor Pestwijzer: OBS De Regenboog');
		expect(mail!.text_body).toContain('Pim Platform nodigt u uit');
		expect(mail!.text_body).toContain('http://localhost:3000/uitnodiging?token=');
		const token = linkToken(mail!.text_body);

		const row = await t.db.selectFrom('invitation').selectAll().where('email', '=', 'nina@regenboog.nl').executeTakeFirstOrThrow();
		expect(row).toMatchObject({ role: 'school_admin', school_id: schoolA, board_id: null, invited_by_user_id: platformAdmin.userId, display_name: 'Nina Nieuw', accepted_at: null, revoked_at: null });
		expect(row.token_hash).toBe(hashToken(token));
		expect(JSON.stringify(row)).not.toContain(token);
		expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(INVITATION_DAYS * 24 * 60 * 60 * 1000);

		expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'open', email: 'nina@regenboog.nl', role: 'school_admin', placeName: 'OBS De Regenboog', accountExists: false });
		const listed = await listSchoolInvitations(t.db, platformAdmin, CODE_A);
		expect(listed.find((i) => i.id === row.id)).toMatchObject({ email: 'nina@regenboog.nl', expired: false });

		const created = (await auditActions(schoolA)).filter((e) => e.action === 'invitation.create').at(-1)!;
		expect(created).toMatchObject({ actor_user_id: platformAdmin.userId, subject_type: 'school' });
		expect(JSON.parse(created.detail)).toEqual({ invitation: row.id, role: 'school_admin' });
		expect(created.detail).not.toContain('nina');
	});

	it('lets a school admin invite staff of their own school', async () => {
		const token = await invite(adminA, CODE_A, 'mark@regenboog.nl', 'mentor', 'Mark Mentor');
		expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'open', role: 'mentor', placeName: 'OBS De Regenboog' });
		const row = await t.db.selectFrom('invitation').selectAll().where('email', '=', 'mark@regenboog.nl').executeTakeFirstOrThrow();
		expect(row.invited_by_user_id).toBe(adminA.userId);
		expect((await listSchoolInvitations(t.db, adminA, CODE_A)).map((i) => i.email)).toContain('mark@regenboog.nl');
	});

	it("answers NotFound when a school admin reaches for another school, exactly like a school that does not exist", async () => {
		const token = await invite(adminA, CODE_A, 'sara@regenboog.nl', 'aanspreekpunt');
		const invitation = await t.db.selectFrom('invitation').select('id').where('email', '=', 'sara@regenboog.nl').executeTakeFirstOrThrow();
		for (const code of [CODE_A, '99ZZ99', 'geen-code']) {
			await expect(inviteToSchool(t.db, adminB, code, { email: 'x@example.nl', displayName: 'X', locale: 'nl', role: 'mentor' })).rejects.toBeInstanceOf(NotFoundError);
			await expect(listSchoolInvitations(t.db, adminB, code)).rejects.toBeInstanceOf(NotFoundError);
			await expect(revokeSchoolInvitation(t.db, adminB, code, invitation.id)).rejects.toBeInstanceOf(NotFoundError);
			await expect(listTeam(t.db, adminB, code)).rejects.toBeInstanceOf(NotFoundError);
			await expect(removeTeamRole(t.db, adminB, code, adminA.userId, 'school_admin')).rejects.toBeInstanceOf(NotFoundError);
		}
		// Through their own school they cannot touch the other school's invitation either.
		await expect(revokeSchoolInvitation(t.db, adminB, CODE_B, invitation.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await describeInvitation(t.db, token))?.state).toBe('open');
		expect(await mailsTo('x@example.nl')).toEqual([]);
	});

	it('refuses roles that may not invite, staff without a second factor and anonymous callers', async () => {
		const mentor = await account('mila@regenboog.nl', 'Mila Mentor', [{ role: 'mentor', school: schoolA }]);
		const noSecondFactor = await account('nick@regenboog.nl', 'Nick Zonder', [{ role: 'school_admin', school: schoolA }], false);
		const analyst = await account('bea@samenleren.nl', 'Bea Bestuur', [{ role: 'board_analyst', board: boardId }]);
		const input = (role: SchoolRole) => ({ email: 'y@example.nl', displayName: 'Y', locale: 'nl' as const, role });
		for (const actor of [mentor, noSecondFactor, analyst]) {
			await expect(inviteToSchool(t.db, actor, CODE_A, input('mentor'))).rejects.toBeInstanceOf(ForbiddenError);
			await expect(inviteToSchool(t.db, actor, CODE_A, input('school_admin'))).rejects.toBeInstanceOf(ForbiddenError);
			await expect(listTeam(t.db, actor, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(listSchoolInvitations(t.db, actor, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
		}
		await expect(inviteToSchool(t.db, undefined, CODE_A, input('mentor'))).rejects.toBeInstanceOf(UnauthenticatedError);
		// A platform admin invites only the school admin; the school's own admins invite the rest of the team.
		await expect(inviteToSchool(t.db, platformAdmin, CODE_A, input('mentor'))).rejects.toBeInstanceOf(ForbiddenError);
		expect(await mailsTo('y@example.nl')).toEqual([]);
	});

	it('refuses a role that is not a school role, so no one can be invited as platform admin or parent', async () => {
		for (const role of ['platform_admin', 'board_analyst', 'parent']) {
			expect(await ruleKey(inviteToSchool(t.db, adminA, CODE_A, { email: 'z@example.nl', displayName: 'Z', locale: 'nl', role: role as SchoolRole }))).toBe('invite_error_role');
		}
		expect(await t.db.selectFrom('invitation').select('id').where('email', '=', 'z@example.nl').execute()).toEqual([]);
	});

	it('replaces the older link when someone is invited again', async () => {
		const first = await invite(adminA, CODE_A, 'evi@regenboog.nl', 'coordinator');
		const second = await invite(adminA, CODE_A, 'evi@regenboog.nl', 'coordinator');
		expect(second).not.toBe(first);
		expect(await describeInvitation(t.db, first)).toBeUndefined();
		expect((await describeInvitation(t.db, second))?.state).toBe('open');
		expect(await ruleKey(acceptWithNewAccount(t.db, first, { displayName: 'Evi', password: PASSWORD, locale: 'nl' }))).toBe('invite_error_not_open');
		expect((await listSchoolInvitations(t.db, adminA, CODE_A)).filter((i) => i.email === 'evi@regenboog.nl')).toHaveLength(1);
		// Another role for the same person is a separate invitation.
		const other = await invite(adminA, CODE_A, 'evi@regenboog.nl', 'zorgcoordinator');
		expect((await describeInvitation(t.db, second))?.state).toBe('open');
		expect((await describeInvitation(t.db, other))?.state).toBe('open');
	});

	it('cannot accept an expired invitation, which stays listed as expired', async () => {
		const token = await invite(adminA, CODE_A, 'oud@regenboog.nl', 'mentor');
		await t.db.updateTable('invitation').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('token_hash', '=', hashToken(token)).execute();
		expect((await describeInvitation(t.db, token))?.state).toBe('expired');
		expect(await ruleKey(acceptWithNewAccount(t.db, token, { displayName: 'Oud', password: PASSWORD, locale: 'nl' }))).toBe('invite_error_not_open');
		expect(await findUserByEmail(t.db, 'oud@regenboog.nl')).toBeUndefined();
		expect((await listSchoolInvitations(t.db, adminA, CODE_A)).find((i) => i.email === 'oud@regenboog.nl')?.expired).toBe(true);
	});

	it('makes a verified account with the invited address and the role; the link works once', async () => {
		const token = await invite(adminA, CODE_A, 'Tim@Regenboog.nl', 'vertrouwenspersoon', 'Tim');
		const user = await acceptWithNewAccount(t.db, token, { displayName: 'Tim Vertrouwen', password: PASSWORD, locale: 'en' });
		const stored = (await findUserById(t.db, user.id))!;
		expect(stored).toMatchObject({ email: 'tim@regenboog.nl', display_name: 'Tim Vertrouwen', locale: 'en', totp_enabled_at: null });
		expect(stored.email_verified_at).not.toBeNull();
		expect(await findRoles(t.db, user.id)).toEqual([{ role: 'vertrouwenspersoon', school_id: schoolA, board_id: null }]);
		// The address is proven by the link: the new account logs in at once, and sets up its second factor next.
		expect(await logInWithPassword(t.db, { email: 'tim@regenboog.nl', password: PASSWORD, ip: '192.0.2.10' })).toMatchObject({ kind: 'ok', needsSecondFactor: false });

		expect((await describeInvitation(t.db, token))?.state).toBe('used');
		expect(await ruleKey(acceptWithNewAccount(t.db, token, { displayName: 'Nog eens', password: PASSWORD, locale: 'nl' }))).toBe('invite_error_not_open');
		expect(await ruleKey(acceptAsActor(t.db, await actorOf(user.id), token))).toBe('invite_error_not_open');
		expect((await listSchoolInvitations(t.db, adminA, CODE_A)).map((i) => i.email)).not.toContain('tim@regenboog.nl');

		const row = await t.db.selectFrom('invitation').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
		expect(row.accepted_user_id).toBe(user.id);
		const accepted = (await auditActions(schoolA)).filter((e) => e.action === 'invitation.accept').at(-1)!;
		expect(accepted.actor_user_id).toBe(user.id);
		expect(JSON.parse(accepted.detail)).toEqual({ invitation: row.id, role: 'vertrouwenspersoon' });
	});

	it('asks an invitee with an account to log in first, then gives the role to that account', async () => {
		const existing = await account('lot@regenboog.nl', 'Lot Bestaand', [{ role: 'parent' }], false);
		const token = await invite(adminA, CODE_A, 'lot@regenboog.nl', 'mentor');
		expect((await describeInvitation(t.db, token))?.accountExists).toBe(true);
		expect(await ruleKey(acceptWithNewAccount(t.db, token, { displayName: 'Lot', password: 'een ander wachtwoord', locale: 'nl' }))).toBe('invite_error_log_in_first');
		expect(await ruleKey(acceptAsActor(t.db, undefined, token))).toBe('invite_error_log_in_first');
		expect((await describeInvitation(t.db, token))?.state).toBe('open');

		await acceptAsActor(t.db, existing, token);
		expect((await findRoles(t.db, existing.userId)).map((r) => [r.role, r.school_id])).toEqual([
			['parent', null],
			['mentor', schoolA]
		]);
		expect((await describeInvitation(t.db, token))?.state).toBe('used');
	});

	it('refuses an invitation taken up by an account with another address', async () => {
		const token = await invite(adminA, CODE_A, 'joost@regenboog.nl', 'mentor');
		expect(await ruleKey(acceptAsActor(t.db, adminB, token))).toBe('invite_error_other_account');
		expect((await findRoles(t.db, adminB.userId)).map((r) => r.role)).toEqual(['school_admin']);
		expect((await describeInvitation(t.db, token))?.state).toBe('open');
	});

	it('refuses to invite someone who already has the role at this school, but not at another school', async () => {
		expect(await ruleKey(inviteToSchool(t.db, adminA, CODE_A, { email: 'ANNE@regenboog.nl', displayName: 'Anne', locale: 'nl', role: 'school_admin' }))).toBe(
			'invite_error_already_member'
		);
		expect(await mailsTo('anne@regenboog.nl')).toEqual([]);
		await inviteToSchool(t.db, adminA, CODE_A, { email: 'anne@regenboog.nl', displayName: 'Anne', locale: 'nl', role: 'mentor' });
		await inviteToSchool(t.db, adminB, CODE_B, { email: 'anne@regenboog.nl', displayName: 'Anne', locale: 'nl', role: 'school_admin' });
		expect(await mailsTo('anne@regenboog.nl')).toHaveLength(2);
	});

	it('withdraws an invitation: the link stops working, and it cannot be withdrawn twice', async () => {
		const token = await invite(adminA, CODE_A, 'weg@regenboog.nl', 'mentor');
		const { id } = await t.db.selectFrom('invitation').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
		await revokeSchoolInvitation(t.db, adminA, CODE_A, id);
		expect(await describeInvitation(t.db, token)).toBeUndefined();
		expect(await ruleKey(acceptWithNewAccount(t.db, token, { displayName: 'Weg', password: PASSWORD, locale: 'nl' }))).toBe('invite_error_not_open');
		await expect(revokeSchoolInvitation(t.db, adminA, CODE_A, id)).rejects.toBeInstanceOf(NotFoundError);
		const revoked = (await auditActions(schoolA)).filter((e) => e.action === 'invitation.revoke').at(-1)!;
		expect(revoked.actor_user_id).toBe(adminA.userId);
		expect(JSON.parse(revoked.detail)).toEqual({ invitation: id });
	});

	it('keeps the last school admin, and unlinks the profile contact of someone who leaves the team', async () => {
		const schoolC = newId();
		await t.db
			.insertInto('school')
			.values({ id: schoolC, vestigingscode: '33CC00', instellingscode: '33CC', name: 'De Klimop', place: 'Leiden', postcode: null, sector: 'po', board_id: null, created_at: nowIso(), updated_at: nowIso() })
			.execute();
		const adminC = await account('carla@klimop.nl', 'Carla Admin', [{ role: 'school_admin', school: schoolC }]);
		const member = await account('ruud@klimop.nl', 'Ruud Twee Rollen', [
			{ role: 'mentor', school: schoolC },
			{ role: 'aanspreekpunt', school: schoolC }
		]);
		await t.db
			.insertInto('school_contact')
			.values({ id: newId(), school_id: schoolC, kind: 'aanspreekpunt', user_id: member.userId, name: 'Ruud Twee Rollen', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: nowIso() })
			.execute();
		const contact = () => t.db.selectFrom('school_contact').select(['user_id', 'name']).where('school_id', '=', schoolC).executeTakeFirstOrThrow();

		expect(await ruleKey(removeTeamRole(t.db, adminC, '33CC00', adminC.userId, 'school_admin'))).toBe('team_error_last_admin');
		expect(await ruleKey(removeTeamRole(t.db, platformAdmin, '33CC00', adminC.userId, 'school_admin'))).toBe('team_error_last_admin');
		await expect(removeTeamRole(t.db, adminC, '33CC00', member.userId, 'coordinator')).rejects.toBeInstanceOf(NotFoundError);

		await removeTeamRole(t.db, adminC, '33CC00', member.userId, 'mentor');
		expect(await contact()).toEqual({ user_id: member.userId, name: 'Ruud Twee Rollen' });
		await removeTeamRole(t.db, adminC, '33CC00', member.userId, 'aanspreekpunt');
		expect(await contact()).toEqual({ user_id: null, name: 'Ruud Twee Rollen' });
		expect((await listTeam(t.db, adminC, '33CC00')).map((m) => m.name)).toEqual(['Carla Admin']);
		expect(await findRoles(t.db, member.userId)).toEqual([]);

		// With a second admin, one of them can go.
		const second = await account('cor@klimop.nl', 'Cor Admin', [{ role: 'school_admin', school: schoolC }]);
		await removeTeamRole(t.db, second, '33CC00', adminC.userId, 'school_admin');
		expect((await listTeam(t.db, second, '33CC00')).map((m) => [m.name, m.roles])).toEqual([['Cor Admin', ['school_admin']]]);

		const removals = (await auditActions(schoolC)).filter((e) => e.action === 'team.remove_role').map((e) => [e.actor_user_id, JSON.parse(e.detail)]);
		expect(removals).toEqual([
			[adminC.userId, { user: member.userId, role: 'mentor' }],
			[adminC.userId, { user: member.userId, role: 'aanspreekpunt' }],
			[second.userId, { user: adminC.userId, role: 'school_admin' }]
		]);
	});

	it('shows the team with each member’s roles at this school only, and whether they set up a second factor', async () => {
		const both = await account('dubbel@example.nl', 'Dirk Dubbel', [
			{ role: 'coordinator', school: schoolA },
			{ role: 'mentor', school: schoolA },
			{ role: 'mentor', school: schoolB }
		]);
		const team = await listTeam(t.db, adminA, CODE_A);
		expect(team.find((m) => m.userId === both.userId)).toEqual({ userId: both.userId, name: 'Dirk Dubbel', email: 'dubbel@example.nl', roles: ['coordinator', 'mentor'], secondFactor: true });
		expect(team.find((m) => m.email === 'nick@regenboog.nl')?.secondFactor).toBe(false);
		expect(team.map((m) => m.email)).not.toContain('bob@baken.nl');
		expect((await listTeam(t.db, adminB, CODE_B)).find((m) => m.userId === both.userId)?.roles).toEqual(['mentor']);
	});

	it('lets only a platform admin invite the account of a board', async () => {
		const input = { email: 'Bestuur@SamenLeren.nl', displayName: 'Berend Bestuur', locale: 'nl' as const };
		await expect(inviteToBoard(t.db, adminA, boardId, input)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listBoardInvitations(t.db, adminA, boardId)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(inviteToBoard(t.db, platformAdmin, newId(), input)).rejects.toBeInstanceOf(NotFoundError);
		expect(await mailsTo('bestuur@samenleren.nl')).toEqual([]);

		await inviteToBoard(t.db, platformAdmin, boardId, input);
		const [mail] = await mailsTo('bestuur@samenleren.nl');
		expect(mail!.subject).toBe('Uitnodiging voor Pestwijzer: Stichting Samen Leren');
		const token = linkToken(mail!.text_body);
		expect(await describeInvitation(t.db, token)).toMatchObject({ state: 'open', role: 'board_analyst', placeName: 'Stichting Samen Leren' });
		expect((await listBoardInvitations(t.db, platformAdmin, boardId)).map((i) => i.email)).toEqual(['bestuur@samenleren.nl']);

		const user = await acceptWithNewAccount(t.db, token, { displayName: 'Berend Bestuur', password: PASSWORD, locale: 'nl' });
		expect(await findRoles(t.db, user.id)).toEqual([{ role: 'board_analyst', school_id: null, board_id: boardId }]);
		expect(await listBoardInvitations(t.db, platformAdmin, boardId)).toEqual([]);
		expect(await ruleKey(inviteToBoard(t.db, platformAdmin, boardId, input))).toBe('invite_error_already_member');

		const events = (await auditActions(boardId)).map((e) => [e.action, e.subject_type, e.actor_user_id]);
		expect(events).toEqual([
			['invitation.create', 'board', platformAdmin.userId],
			['invitation.accept', 'board', user.id]
		]);
	});

	it('gives the platform admin an overview of a school, its board and open invitations', async () => {
		await expect(getOnboardingOverview(t.db, adminA, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
		const overview = await getOnboardingOverview(t.db, platformAdmin, CODE_A);
		expect(overview.school).toEqual({ name: 'OBS De Regenboog', place: 'Delft', vestigingscode: CODE_A });
		expect(overview.board?.members).toEqual([
			{ name: 'Bea Bestuur', email: 'bea@samenleren.nl' },
			{ name: 'Berend Bestuur', email: 'bestuur@samenleren.nl' }
		]);
		expect(overview.team.map((m) => m.email)).toContain('anne@regenboog.nl');
		expect(overview.invitations.map((i) => i.email)).toContain('nina@regenboog.nl');
		expect(overview.invitations.map((i) => i.email)).not.toContain('tim@regenboog.nl');
		expect((await getOnboardingOverview(t.db, platformAdmin, CODE_B)).board).toBeUndefined();
	});

	it('recorded every step in an unbroken audit chain', async () => {
		const actions = new Set((await t.db.selectFrom('audit_event').select('action').execute()).map((e) => e.action));
		expect([...actions].sort()).toEqual(['invitation.accept', 'invitation.create', 'invitation.revoke', 'team.remove_role']);
		const creates = await t.db.selectFrom('audit_event').select('id').where('action', '=', 'invitation.create').execute();
		const invitations = await t.db.selectFrom('invitation').select('id').execute();
		expect(creates).toHaveLength(invitations.length);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});
