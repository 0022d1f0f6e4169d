import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError } from '../errors';
import { newId } from '../auth/tokens';
import { seedHelpDirectory } from './help-directory.seed';
import { createHelp, findPublicHelp, getHelpForEdit, listPublicHelp, setHelpRetired, updateHelp } from './help-directory.service';
import { helpFormValues } from './help-form';
import { listAuditEventsFor, verifyAuditChain } from '../audit/audit.service';
import { helpResourceSchema, phoneParts } from '../../help/help-directory';

const admin: Actor = { userId: newId(), email: 'a@example.nl', displayName: 'A', locale: 'nl', secondFactorEnabled: true, roles: [{ role: 'platform_admin', school_id: null, board_id: null }] };
const mentor: Actor = { ...admin, userId: newId(), roles: [{ role: 'mentor', school_id: null, board_id: null }] };

describe.each(testDatabaseKinds())('help directory on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
		expect(await seedHelpDirectory(t.db)).toBe(14);
		expect(await seedHelpDirectory(t.db)).toBe(0);
	});
	afterAll(async () => t.dispose());

	it('shows only verified values: no conflicting phone numbers, no unverified hours', async () => {
		const all = await listPublicHelp(t.db, 'nl');
		const byId = Object.fromEntries(all.map((r) => [r.id, r]));
		expect(byId.kindertelefoon!.phone).toBe('0800-0432');
		expect(byId.kindertelefoon!.hours).toBeUndefined();
		expect(byId['ouders-en-onderwijs']!.phone).toBeUndefined();
		expect(byId['onderwijsgeschillen-lkc']!.phone).toBeUndefined();
		expect(byId.kinderombudsman!.hours).toBeUndefined();
		expect(byId['veilig-thuis']!.website).toBeUndefined();
		expect(byId['113-zelfmoordpreventie']!.openNow).toBe(true);
		expect(byId.kindertelefoon!.openNow).toBe(false);
		// Pestweb is not shown as active help, and the parents' panel is not a helpline.
		expect(byId.pestweb).toBeUndefined();
		expect(byId['landelijk-ouderpanel']).toBeUndefined();
	});

	it('filters by audience and topic; 113 is there for suicidal thoughts', async () => {
		const suicidal = await listPublicHelp(t.db, 'nl', { topic: 'suicidal_thoughts' });
		expect(suicidal.map((r) => r.id)).toEqual(['113-zelfmoordpreventie']);
		const schools = await listPublicHelp(t.db, 'nl', { audience: 'school', topic: 'complaint_school' });
		expect(schools.every((r) => r.audiences.includes('school') && r.topics.includes('complaint_school'))).toBe(true);
		expect(schools.length).toBeGreaterThan(0);
	});

	it('shows the Dutch text on English pages until an English text is entered, and says so', async () => {
		const english = await findPublicHelp(t.db, 'meldknop', 'en');
		expect(english!.descriptionInDutch).toBe(true);
	});

	it('lets only platform admins edit, and audits every change with the fields that changed', async () => {
		await expect(getHelpForEdit(t.db, mentor, 'kindertelefoon')).rejects.toBeInstanceOf(ForbiddenError);
		const row = await getHelpForEdit(t.db, admin, 'kindertelefoon');
		const values: Record<string, string> = { ...helpFormValues(row), hours: 'elke dag 14:00-20:00', hoursVerified: 'on', descriptionEn: 'A national helpline for children.' };
		const input = v.parse(helpResourceSchema, { ...values, audiences: values.audiences!.split(','), topics: values.topics!.split(',') });
		await expect(updateHelp(t.db, mentor, 'kindertelefoon', input)).rejects.toBeInstanceOf(ForbiddenError);
		await t.db.transaction().execute((trx) => updateHelp(trx, admin, 'kindertelefoon', input));
		const shown = await findPublicHelp(t.db, 'kindertelefoon', 'en');
		expect(shown!.hours).toBe('elke dag 14:00-20:00');
		expect(shown!.description).toBe('A national helpline for children.');
		const events = await listAuditEventsFor(t.db, 'help_resource', 'kindertelefoon');
		expect(events[0]!.action).toBe('help.update');
		expect(events[0]!.actor_user_id).toBe(admin.userId);
		expect(Object.keys(JSON.parse(events[0]!.detail).changes).sort()).toEqual(['description_en', 'hours', 'hours_verified']);
	});

	it('creates, retires and restores, all audited, and the chain stays whole', async () => {
		const input = v.parse(helpResourceSchema, {
			name: 'Test hulp',
			descriptionNl: 'Een test.',
			whenToUseNl: 'Bij een test.',
			phone: '0800-1234567',
			phoneVerified: 'on',
			audiences: ['parent'],
			topics: 'bullying',
			sourceUrl: 'https://voorbeeld.nl/bron',
			lastChecked: '2026-11-01'
		});
		const id = await t.db.transaction().execute((trx) => createHelp(trx, admin, input));
		expect((await findPublicHelp(t.db, id, 'nl'))!.phone).toBe('0800-1234567');
		await setHelpRetired(t.db, admin, id, true);
		expect(await findPublicHelp(t.db, id, 'nl')).toBeUndefined();
		await setHelpRetired(t.db, admin, id, false);
		expect((await listAuditEventsFor(t.db, 'help_resource', id)).map((e) => e.action)).toEqual(['help.restore', 'help.retire', 'help.create']);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});

	it('notices a changed audit event', async () => {
		const [event] = await listAuditEventsFor(t.db, 'help_resource', 'kindertelefoon');
		await t.db.updateTable('audit_event').set({ detail: '{}' }).where('id', '=', event!.id).execute();
		const result = await verifyAuditChain(t.db);
		expect(result.ok).toBe(false);
	});
});

describe('help form', () => {
	it('refuses bad input with message keys', () => {
		const result = v.safeParse(helpResourceSchema, { name: '', descriptionNl: '', whenToUseNl: 'x', phone: '<script>', website: 'http://onveilig.nl', audiences: ['aliens'], topics: [], sourceUrl: '', lastChecked: '2999-01-01' });
		expect(result.success).toBe(false);
		const messages = result.issues!.map((i) => i.message);
		for (const key of ['help_error_name_required', 'help_error_description_required', 'help_error_phone', 'help_error_url', 'help_error_audiences', 'help_error_source_required', 'help_error_date_future']) {
			expect(messages).toContain(key);
		}
	});

	it('splits phone text into numbers to call', () => {
		expect(phoneParts('112 (spoed) / 0900-8844 (geen spoed)')).toEqual([
			{ text: '112', dial: '112' },
			{ text: ' (spoed) / ' },
			{ text: '0900-8844', dial: '09008844' },
			{ text: ' (geen spoed)' }
		]);
		expect(phoneParts('020-261 52 75')).toEqual([{ text: '020-261 52 75', dial: '0202615275' }]);
		expect(phoneParts('113 of 0800-0113').filter((p) => p.dial).map((p) => p.dial)).toEqual(['113', '08000113']);
	});
});
