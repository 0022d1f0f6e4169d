/**
 * Onboarding by invitation: a platform admin invites the first school admin of a school (or a board's account),
 * a school admin invites staff with a role. The link in the mail is the only proof; it works once, for
 * INVITATION_DAYS days, and only for the invited address. Staff then set up a second factor before they see
 * anything (hooks.server.ts). Every step is in the audit log.
 */
import type { Db } from '../db/connect';
import type { Invitation, User } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { NotFoundError, RateLimitedError, RuleError } from '../errors';
import { config } from '../config';
import { recordAudit } from '../audit/audit.service';
import { createVerifiedUser, normaliseEmail } from '../auth/account.service';
import { countAttempt, limitKey, peekLimit, type Limit } from '../auth/rate-limit';
import { addMinutes, hashToken, newId, nowIso, randomToken } from '../auth/tokens';
import { findUserByEmail, insertRole } from '../auth/user.repository';
import { sendMail } from '../mail/mailer';
import { guardianInvitationMail, invitationMail } from '../mail/templates';
import { requireSchool } from './school-access';
import { requireChild } from '../dossier/dossier-access';
import { childNameForInvitation } from '../dossier/child.service';
import { SCHOOL_ROLES, type Role, type SchoolRole } from '../../auth/roles';
import type { Locale } from '../../i18n/locale';
import { paths } from '../../paths';

export const INVITATION_DAYS = 7;
/** Invitations one account may send per day: enough for a whole team, too few to spam with. */
const INVITE_LIMIT: Limit = { max: 100, windowSeconds: 24 * 60 * 60 };

export interface InvitationInput {
	email: string;
	displayName: string;
	locale: Locale;
}

async function countInvite(db: Db, actor: Actor): Promise<void> {
	const key = limitKey('invite', actor.userId);
	const state = await peekLimit(db, key, INVITE_LIMIT);
	if (!state.allowed) throw new RateLimitedError(state.retryAfterSeconds);
	await countAttempt(db, key, INVITE_LIMIT);
}

type Place = { schoolId?: string; boardId?: string; childId?: string };

async function hasRoleAt(db: Db, email: string, role: Role, place: Place): Promise<boolean> {
	if (place.childId) {
		const guardian = await db
			.selectFrom('child_guardian')
			.innerJoin('app_user', 'app_user.id', 'child_guardian.user_id')
			.select('child_guardian.user_id')
			.where('app_user.email', '=', email)
			.where('child_guardian.child_id', '=', place.childId)
			.executeTakeFirst();
		return guardian !== undefined;
	}
	let query = db
		.selectFrom('role_assignment')
		.innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
		.select('role_assignment.id')
		.where('app_user.email', '=', email)
		.where('role_assignment.role', '=', role);
	query = place.schoolId ? query.where('role_assignment.school_id', '=', place.schoolId) : query.where('role_assignment.board_id', '=', place.boardId ?? '');
	return (await query.executeTakeFirst()) !== undefined;
}

async function createInvitation(
	db: Db,
	actor: Actor,
	input: InvitationInput,
	role: Role,
	place: Place & { placeName: string }
): Promise<void> {
	const email = normaliseEmail(input.email);
	if (await hasRoleAt(db, email, role, place)) throw new RuleError('email', place.childId ? 'invite_error_already_guardian' : 'invite_error_already_member');
	await countInvite(db, actor);
	const now = new Date();
	// A new invitation for the same person and role replaces the older one, so only one link works.
	let open = db.updateTable('invitation').set({ revoked_at: nowIso(now) }).where('email', '=', email).where('role', '=', role);
	open = place.childId ? open.where('child_id', '=', place.childId) : place.schoolId ? open.where('school_id', '=', place.schoolId) : open.where('board_id', '=', place.boardId ?? '');
	await open.where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();

	const token = randomToken();
	const invitation: Invitation = {
		id: newId(),
		token_hash: hashToken(token),
		email,
		display_name: input.displayName,
		role,
		school_id: place.schoolId ?? null,
		board_id: place.boardId ?? null,
		child_id: place.childId ?? null,
		invited_by_user_id: actor.userId,
		locale: input.locale,
		created_at: nowIso(now),
		expires_at: nowIso(addMinutes(now, INVITATION_DAYS * 24 * 60)),
		accepted_at: null,
		accepted_user_id: null,
		revoked_at: null
	};
	await db.insertInto('invitation').values(invitation).execute();
	await recordAudit(db, {
		actorUserId: actor.userId,
		action: 'invitation.create',
		subjectType: place.childId ? 'child' : place.schoolId ? 'school' : 'board',
		subjectId: (place.childId ?? place.schoolId ?? place.boardId) as string,
		detail: { invitation: invitation.id, role }
	});
	const link = `${config().origin}${paths.invitation(token)}`;
	const mail = place.childId
		? // The child's name stays out of the mail (it passes other servers); the invitation page shows it.
			guardianInvitationMail(email, input.locale, { name: input.displayName, link, inviter: actor.displayName, days: INVITATION_DAYS })
		: invitationMail(email, input.locale, { name: input.displayName, link, role, place: place.placeName, inviter: actor.displayName, days: INVITATION_DAYS });
	await sendMail(db, { smtpUrl: config().smtpUrl, from: config().mailFrom }, mail);
}

/**
 * A school admin invites staff with one of the school roles. A platform admin may invite school admins only: the
 * first one of a school, or a new one when the school lost its admins; after that the school admins invite each other.
 */
export async function inviteToSchool(db: Db, actor: Actor | undefined, code: string, input: InvitationInput & { role: SchoolRole }): Promise<void> {
	const school = await requireSchool(db, actor, code, input.role === 'school_admin' ? ['school_admin', 'platform_admin'] : ['school_admin']);
	requireRole(actor, ['school_admin', 'platform_admin']);
	if (!SCHOOL_ROLES.includes(input.role)) throw new RuleError('role', 'invite_error_role');
	await createInvitation(db, actor, input, input.role, { schoolId: school.id, placeName: school.name });
}

/** A platform admin invites the account of a board (bevoegd gezag), which then sees all the board's schools. */
export async function inviteToBoard(db: Db, actor: Actor | undefined, boardId: string, input: InvitationInput): Promise<void> {
	requireRole(actor, ['platform_admin']);
	const board = await db.selectFrom('board').select(['id', 'name']).where('id', '=', boardId).executeTakeFirst();
	if (!board) throw new NotFoundError();
	await createInvitation(db, actor, input, 'board_analyst', { boardId: board.id, placeName: board.name });
}

export interface InvitationSummary {
	id: string;
	email: string;
	displayName: string;
	role: string;
	createdAt: string;
	expiresAt: string;
	expired: boolean;
}

function summarise(row: Invitation, now: string): InvitationSummary {
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		expired: row.expires_at <= now
	};
}

/** Invitations not yet accepted or withdrawn, newest first; expired ones stay visible so they can be sent again. */
export async function listSchoolInvitations(db: Db, actor: Actor | undefined, code: string): Promise<InvitationSummary[]> {
	const school = await requireSchool(db, actor, code, ['school_admin', 'platform_admin']);
	const rows = await db
		.selectFrom('invitation')
		.selectAll()
		.where('school_id', '=', school.id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.orderBy('created_at', 'desc')
		.execute();
	const now = nowIso();
	return rows.map((row) => summarise(row, now));
}

export async function listBoardInvitations(db: Db, actor: Actor | undefined, boardId: string): Promise<InvitationSummary[]> {
	requireRole(actor, ['platform_admin']);
	const rows = await db
		.selectFrom('invitation')
		.selectAll()
		.where('board_id', '=', boardId)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.orderBy('created_at', 'desc')
		.execute();
	const now = nowIso();
	return rows.map((row) => summarise(row, now));
}

/** Withdraws an open invitation of this school; the link stops working at once. */
export async function revokeSchoolInvitation(db: Db, actor: Actor | undefined, code: string, invitationId: string): Promise<void> {
	const school = await requireSchool(db, actor, code, ['school_admin', 'platform_admin']);
	const result = await db
		.updateTable('invitation')
		.set({ revoked_at: nowIso() })
		.where('id', '=', invitationId)
		.where('school_id', '=', school.id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'invitation.revoke', subjectType: 'school', subjectId: school.id, detail: { invitation: invitationId } });
}

// Accepting

export type InvitationState = 'open' | 'expired' | 'used' | 'unknown';

export interface InvitationView {
	state: InvitationState;
	email: string;
	displayName: string;
	role: string;
	placeName: string;
	/** Set for an invitation to share a child's dossier. */
	childId: string | null;
	expiresAt: string;
	/** An account with the invited address exists: the invitee logs in instead of making one. */
	accountExists: boolean;
}

async function findByToken(db: Db, token: string): Promise<Invitation | undefined> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
	return db.selectFrom('invitation').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

function stateOf(row: Invitation | undefined, now: string): InvitationState {
	if (!row || row.revoked_at) return 'unknown';
	if (row.accepted_at) return 'used';
	return row.expires_at <= now ? 'expired' : 'open';
}

/** What the invitation page shows. A withdrawn invitation looks like an unknown one: the link simply does not work. */
export async function describeInvitation(db: Db, token: string): Promise<InvitationView | undefined> {
	const row = await findByToken(db, token);
	const state = stateOf(row, nowIso());
	if (!row || state === 'unknown') return undefined;
	const place = row.child_id
		? { name: await childNameForInvitation(db, row.child_id) }
		: row.school_id
			? await db.selectFrom('school').select('name').where('id', '=', row.school_id).executeTakeFirst()
			: await db.selectFrom('board').select('name').where('id', '=', row.board_id ?? '').executeTakeFirst();
	return {
		state,
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		placeName: place?.name ?? '',
		childId: row.child_id,
		expiresAt: row.expires_at,
		accountExists: (await findUserByEmail(db, row.email)) !== undefined
	};
}

/** Marks the invitation used (exactly once, also when two requests race) and gives the role. */
async function grant(db: Db, row: Invitation, userId: string): Promise<void> {
	const now = nowIso();
	const result = await db
		.updateTable('invitation')
		.set({ accepted_at: now, accepted_user_id: userId })
		.where('id', '=', row.id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', now)
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new RuleError('form', 'invite_error_not_open');
	if (row.child_id) {
		await grantGuardian(db, row, userId, now);
		return;
	}
	const roles = await db
		.selectFrom('role_assignment')
		.select('id')
		.where('user_id', '=', userId)
		.where('role', '=', row.role)
		.where((eb) => (row.school_id ? eb('school_id', '=', row.school_id) : eb('board_id', '=', row.board_id ?? '')))
		.execute();
	if (roles.length === 0) {
		await insertRole(db, { id: newId(), user_id: userId, role: row.role as Role, school_id: row.school_id, board_id: row.board_id, created_at: now });
	}
	await recordAudit(db, {
		actorUserId: userId,
		action: 'invitation.accept',
		subjectType: row.school_id ? 'school' : 'board',
		subjectId: (row.school_id ?? row.board_id) as string,
		detail: { invitation: row.id, role: row.role }
	});
}

/** A second parent or guardian joins a child's dossier (and becomes a parent account if it was not one). */
async function grantGuardian(db: Db, row: Invitation, userId: string, now: string): Promise<void> {
	const childId = row.child_id as string;
	const already = await db.selectFrom('child_guardian').select('user_id').where('child_id', '=', childId).where('user_id', '=', userId).executeTakeFirst();
	if (!already) await db.insertInto('child_guardian').values({ child_id: childId, user_id: userId, created_at: now }).execute();
	const parentRole = await db.selectFrom('role_assignment').select('id').where('user_id', '=', userId).where('role', '=', 'parent').executeTakeFirst();
	if (!parentRole) await insertRole(db, { id: newId(), user_id: userId, role: 'parent', school_id: null, board_id: null, created_at: now });
	await recordAudit(db, { actorUserId: userId, action: 'invitation.accept', subjectType: 'child', subjectId: childId, detail: { invitation: row.id, role: 'guardian' } });
}

/** A parent invites a second parent or guardian to share the dossier of a child: both then see and edit it. */
export async function inviteGuardian(db: Db, actor: Actor | undefined, childId: string, input: InvitationInput): Promise<void> {
	const child = await requireChild(db, actor, childId);
	await createInvitation(db, actor!, input, 'parent', { childId: child.id, placeName: child.name });
}

/** Open invitations to share this child's dossier. */
export async function listGuardianInvitations(db: Db, actor: Actor | undefined, childId: string): Promise<InvitationSummary[]> {
	const child = await requireChild(db, actor, childId);
	const rows = await db.selectFrom('invitation').selectAll().where('child_id', '=', child.id).where('accepted_at', 'is', null).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
	const now = nowIso();
	return rows.map((row) => summarise(row, now));
}

async function requireOpen(db: Db, token: string): Promise<Invitation> {
	const row = await findByToken(db, token);
	if (stateOf(row, nowIso()) !== 'open') throw new RuleError('form', 'invite_error_not_open');
	return row as Invitation;
}

/** The invitee has no account yet: make one with the invited address (proven by the link) and give the role. */
export async function acceptWithNewAccount(db: Db, token: string, input: { displayName: string; password: string; locale: Locale }): Promise<User> {
	const row = await requireOpen(db, token);
	if (await findUserByEmail(db, row.email)) throw new RuleError('form', 'invite_error_log_in_first');
	const user = await createVerifiedUser(db, { email: row.email, displayName: input.displayName, password: input.password, locale: input.locale });
	await grant(db, row, user.id);
	return user;
}

/** The invitee is signed in: only the account with the invited address may take the role. */
export async function acceptAsActor(db: Db, actor: Actor | undefined, token: string): Promise<void> {
	if (!actor) throw new RuleError('form', 'invite_error_log_in_first');
	const row = await requireOpen(db, token);
	if (normaliseEmail(actor.email) !== row.email) throw new RuleError('form', 'invite_error_other_account');
	await grant(db, row, actor.userId);
}

// The team

export interface TeamMember {
	userId: string;
	name: string;
	email: string;
	roles: SchoolRole[];
	secondFactor: boolean;
}

/** The accounts with a role at this school. Also used to choose a person for the profile. */
export async function listTeam(db: Db, actor: Actor | undefined, code: string): Promise<TeamMember[]> {
	const school = await requireSchool(db, actor, code, ['school_admin', 'platform_admin']);
	return teamOf(db, school.id);
}

export async function teamOf(db: Db, schoolId: string): Promise<TeamMember[]> {
	const rows = await db
		.selectFrom('role_assignment')
		.innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
		.select(['app_user.id as userId', 'app_user.display_name as name', 'app_user.email', 'app_user.totp_enabled_at', 'role_assignment.role'])
		.where('role_assignment.school_id', '=', schoolId)
		.orderBy('app_user.display_name')
		.execute();
	const members = new Map<string, TeamMember>();
	for (const row of rows) {
		const member = members.get(row.userId) ?? { userId: row.userId, name: row.name, email: row.email, roles: [], secondFactor: row.totp_enabled_at !== null };
		member.roles.push(row.role as SchoolRole);
		members.set(row.userId, member);
	}
	return [...members.values()].map((m) => ({ ...m, roles: SCHOOL_ROLES.filter((r) => m.roles.includes(r)) }));
}

/** Takes one role at this school from an account. A school always keeps at least one school admin. */
export async function removeTeamRole(db: Db, actor: Actor | undefined, code: string, userId: string, role: string): Promise<void> {
	const school = await requireSchool(db, actor, code, ['school_admin', 'platform_admin']);
	const assignment = await db
		.selectFrom('role_assignment')
		.select('id')
		.where('school_id', '=', school.id)
		.where('user_id', '=', userId)
		.where('role', '=', role)
		.executeTakeFirst();
	if (!assignment) throw new NotFoundError();
	if (role === 'school_admin') {
		const admins = await db.selectFrom('role_assignment').select('id').where('school_id', '=', school.id).where('role', '=', 'school_admin').execute();
		if (admins.length <= 1) throw new RuleError('form', 'team_error_last_admin');
	}
	await db.deleteFrom('role_assignment').where('id', '=', assignment.id).execute();
	// Someone who left the team is no longer shown to parents as this school's contact: the entry is unlinked and
	// taken off the public page (the admin sees it as "not public" and the dashboard shows the gap).
	const stillMember = await db.selectFrom('role_assignment').select('id').where('school_id', '=', school.id).where('user_id', '=', userId).executeTakeFirst();
	if (!stillMember) await db.updateTable('school_contact').set({ user_id: null, public: 0 }).where('school_id', '=', school.id).where('user_id', '=', userId).execute();
	await recordAudit(db, { actorUserId: actor!.userId, action: 'team.remove_role', subjectType: 'school', subjectId: school.id, detail: { user: userId, role } });
}

export interface OnboardingOverview {
	school: { name: string; place: string; vestigingscode: string };
	board: { id: string; name: string; members: { name: string; email: string }[]; invitations: InvitationSummary[] } | undefined;
	team: TeamMember[];
	invitations: InvitationSummary[];
}

/** The platform admin's view of one school: who works there, who is invited, and the board's account. */
export async function getOnboardingOverview(db: Db, actor: Actor | undefined, code: string): Promise<OnboardingOverview> {
	const school = await requireSchool(db, actor, code, ['platform_admin']);
	const [team, invitations] = await Promise.all([teamOf(db, school.id), listSchoolInvitations(db, actor, code)]);
	let board: OnboardingOverview['board'];
	if (school.board_id) {
		const row = await db.selectFrom('board').select(['id', 'name']).where('id', '=', school.board_id).executeTakeFirst();
		if (row) {
			const members = await db
				.selectFrom('role_assignment')
				.innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
				.select(['app_user.display_name as name', 'app_user.email'])
				.where('role_assignment.board_id', '=', row.id)
				.where('role_assignment.role', '=', 'board_analyst')
				.orderBy('app_user.display_name')
				.execute();
			board = { ...row, members, invitations: await listBoardInvitations(db, actor, row.id) };
		}
	}
	return { school: { name: school.name, place: school.place, vestigingscode: school.vestigingscode }, board, team, invitations };
}
