/**
 * The second factor again before a closed or old case opens (issue 11, item 8; decision 0021).
 *
 * The session row says only whether the second factor is still owed at log-in; its created_at is no proof of a
 * recent second factor, because changing the password or accepting an invitation also makes a fresh session. So a
 * confirmed step-up is recorded on its own (case_step_up, per session) and holds STEP_UP_VALID_MINUTES.
 */
import type { Db } from '../db/connect';
import type { CaseRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import { nowIso } from '../auth/tokens';
import { createSession, deleteSession } from '../auth/session.service';
import { verifySecondFactor } from '../auth/two-factor.service';
import { recordAudit } from '../audit/audit.service';
import { inTransaction } from '../db/connect';
import { UnauthenticatedError } from '../errors';
import { STEP_UP_VALID_MINUTES, stepUpReason, type StepUpReason } from '../../cases/case-step-up';
import { todayInNetherlands } from '../../i18n/locale';

/** What a route needs: whether to ask, and why (for the page's sentence). */
export type StepUpNeed = { required: false } | { required: true; reason: StepUpReason; validMinutes: number };

export async function stepUpNeed(db: Db, row: Pick<CaseRow, 'state' | 'opened_on'>, sessionId: string, now = new Date()): Promise<StepUpNeed> {
	const reason = stepUpReason({ state: row.state, openedOn: row.opened_on }, todayInNetherlands(now));
	if (!reason) return { required: false };
	const since = nowIso(new Date(now.getTime() - STEP_UP_VALID_MINUTES * 60_000));
	const recent = await db.selectFrom('case_step_up').select('verified_at').where('session_id', '=', sessionId).where('verified_at', '>', since).executeTakeFirst();
	return recent ? { required: false } : { required: true, reason, validMinutes: STEP_UP_VALID_MINUTES };
}

/**
 * Checks the second factor (TOTP or recovery code) and, when right, ends the session and starts a new one that is
 * stepped up (SECURITY.md: a new token at every step-up). The route sets the new token's cookie and goes back to the
 * case. A wrong code changes nothing but the count of failures, which verifySecondFactor limits as at log-in.
 */
export async function confirmStepUp(db: Db, actor: Actor | undefined, sessionId: string, code: string, now = new Date()): Promise<{ ok: true; token: string } | { ok: false }> {
	if (!actor) throw new UnauthenticatedError();
	if (!(await verifySecondFactor(db, actor.userId, code, now))) return { ok: false };
	return inTransaction(db, async (trx) => {
		await deleteSession(trx, sessionId);
		const { token, session } = await createSession(trx, actor.userId, { pendingSecondFactor: false, policy: config().session, now });
		await trx.insertInto('case_step_up').values({ session_id: session.id, verified_at: nowIso(now) }).execute();
		await recordAudit(trx, { actorUserId: actor.userId, action: 'auth.step_up', subjectType: 'user', subjectId: actor.userId, detail: {} });
		return { ok: true as const, token };
	});
}
