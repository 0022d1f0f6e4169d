/**
 * Notifications on SQLite and PostgreSQL: a mail says that something is new and links to it, nothing more; an
 * account may choose a daily digest; what an anonymous pupil caused never goes out at once; a day's digest goes out
 * once, from 07:00 Dutch time, even when several app servers run housekeeping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findRecipientsWithRoleAt, findUserById, insertRole } from '../auth/user.repository';
import { getNotificationMode, notify, notifyAccounts, sendDailyDigests, setNotificationMode } from './notification.service';

describe.each(testDatabaseKinds())('notifications on %s', (kind) => {
	let t: TestDatabase;
	let anna: Actor;
	let bram: Actor;
	const school = newId();

	const mails = (to: string) => t.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('created_at').execute();

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('school').values({ id: school, vestigingscode: '51AA00', instellingscode: '51AA', name: 'De Wilg', place: 'Ede', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		const account = async (email: string, role: 'aanspreekpunt' | 'coordinator' | 'mentor') => {
			const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: email.split('@')[0]!, locale: 'nl' });
			await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: school, board_id: null, created_at: now });
			return loadActor(t.db, (await findUserById(t.db, user.id))!);
		};
		anna = await account('anna@wilg.nl', 'aanspreekpunt');
		bram = await account('bram@wilg.nl', 'coordinator');
		await account('mentor@wilg.nl', 'mentor');
	});
	afterAll(async () => t?.dispose());
	beforeEach(async () => {
		await t.db.deleteFrom('mail_outbox').execute();
		await t.db.deleteFrom('notification_pending').execute();
		await t.db.deleteFrom('notification_digest').execute();
		await t.db.deleteFrom('notification_setting').execute();
	});

	it('finds the recipients by role at the school', async () => {
		const found = await findRecipientsWithRoleAt(t.db, school, ['aanspreekpunt', 'coordinator']);
		expect(found.map((r) => r.email).sort()).toEqual(['anna@wilg.nl', 'bram@wilg.nl']);
	});

	it('mails at once by default: what kind of thing and a link, no content', async () => {
		await notifyAccounts(t.db, [anna.userId], { kind: 'report_reply', link: '/dossier/x/meldingen/y' });
		const [mail] = await mails('anna@wilg.nl');
		expect(mail!.subject).toBe('Er is iets nieuw in Pestwijzer');
		expect(mail!.text_body).toContain('een antwoord van de school');
		expect(mail!.text_body).toContain(`${t.config.origin}/dossier/x/meldingen/y`);
		expect(await t.db.selectFrom('notification_pending').select('id').execute()).toEqual([]);
	});

	it('never mails at once what an anonymous pupil caused, and keeps the day, not the time', async () => {
		const recipients = await findRecipientsWithRoleAt(t.db, school, ['aanspreekpunt', 'coordinator']);
		await notify(t.db, recipients, { kind: 'report_new', link: '/school/51AA00/meldingen', digestOnly: true }, new Date('2026-03-10T10:32:15Z'));
		expect(await mails('anna@wilg.nl')).toEqual([]);
		const pending = await t.db.selectFrom('notification_pending').selectAll().orderBy('user_id').execute();
		expect(pending).toHaveLength(2);
		expect(Object.keys(pending[0]!).sort()).toEqual(['happened_on', 'id', 'kind', 'link', 'user_id']);
		expect(pending[0]!.happened_on).toBe('2026-03-10');
	});

	it('keeps everything for the digest of someone who chose once a day', async () => {
		await setNotificationMode(t.db, bram, 'daily');
		expect(await getNotificationMode(t.db, bram)).toBe('daily');
		expect(await getNotificationMode(t.db, anna)).toBe('instant');
		await notifyAccounts(t.db, [bram.userId], { kind: 'case_assigned', link: '/school/51AA00/zaken/1' });
		expect(await mails('bram@wilg.nl')).toEqual([]);
		await expect(getNotificationMode(t.db, undefined)).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it('sends one digest a day from 07:00 Dutch time, once, with counts and links', async () => {
		const recipients = await findRecipientsWithRoleAt(t.db, school, ['aanspreekpunt']);
		for (let i = 0; i < 3; i++) await notify(t.db, recipients, { kind: 'report_new', link: '/school/51AA00/meldingen', digestOnly: true });
		await notify(t.db, recipients, { kind: 'report_message', link: '/school/51AA00/meldingen/abc', digestOnly: true });
		// 05:30 in Amsterdam (winter): too early.
		expect(await sendDailyDigests(t.db, new Date('2026-03-11T04:30:00Z'))).toBe(0);
		// 07:10 in Amsterdam, on two app servers at once.
		const at = new Date('2026-03-11T06:10:00Z');
		const sent = await Promise.all([sendDailyDigests(t.db, at), sendDailyDigests(t.db, at)]);
		expect(sent[0]! + sent[1]!).toBe(1);
		const [mail, ...more] = await mails('anna@wilg.nl');
		expect(more).toEqual([]);
		expect(mail!.subject).toBe('Nieuw in Pestwijzer');
		expect(mail!.text_body).toContain(`- een nieuwe melding (3×): ${t.config.origin}/school/51AA00/meldingen`);
		expect(mail!.text_body).toContain('- een nieuw bericht bij een melding (1×)');
		expect(await t.db.selectFrom('notification_pending').select('id').execute()).toEqual([]);
		// Later the same day: nothing more, even with something new waiting (that goes tomorrow).
		await notify(t.db, recipients, { kind: 'report_new', link: '/school/51AA00/meldingen', digestOnly: true });
		expect(await sendDailyDigests(t.db, new Date('2026-03-11T15:00:00Z'))).toBe(0);
		expect(await sendDailyDigests(t.db, new Date('2026-03-12T06:10:00Z'))).toBe(1);
	});
});
