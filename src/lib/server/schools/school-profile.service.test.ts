import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, RuleError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { getFile } from '../files/file-store';
import { loadDataKey, schoolScope } from '../crypto/data-key.service';
import { readStoredFile } from '../testing/stored-file';
import { PROGRAMMES } from '../reference-data/reference-data';
import {
	clearContact,
	findPublicDocument,
	findPublicProfile,
	getProfileForEdit,
	getSchoolDuties,
	listBoardDuties,
	saveContact,
	saveDocument,
	saveSection,
	toPublicProfile,
	type DocumentInput
} from './school-profile.service';
import { contactSchema, MAX_DOCUMENT_BYTES, type ContactInput } from '../../schools/school-profile';
import { DUTIES, type Duty, type DutyStatus } from '../../schools/legal-duties';
import type { Role } from '../../auth/roles';
import { ruleKey } from '../testing/rule-error';
import { minimalPdf, tinyPng } from '../testing/sample-files';

const CODE_A = '11AA00';
const CODE_B = '22BB00';
const CODE_C = '33CC00';
const PROGRAMME_NAMES = PROGRAMMES.map((p) => p.name);
const today = () => new Date().toISOString().slice(0, 10);


const PNG = tinyPng();

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const contact = (fields: Record<string, string>): ContactInput => v.parse(contactSchema, fields);
const fileDoc = (bytes: Uint8Array | undefined): DocumentInput => ({ status: 'file', url: null, file: bytes });


describe.each(testDatabaseKinds())('school profile on %s', (kind) => {
	let t: TestDatabase;
	const boardX = newId();
	const boardY = newId();
	const schoolA = newId();
	const schoolB = newId();
	const schoolC = newId();
	let adminA: Actor;
	let secondAdminA: Actor;
	let mentorA: Actor;
	let adminB: Actor;
	let analystX: Actor;
	let analystY: Actor;
	let platformAdmin: Actor;

	/** A verified account with roles; staff get a second factor unless told otherwise. */
	async function account(email: string, name: string, roles: { role: Role; school?: string; board?: string }[], secondFactor = true): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email, password: 'paarse olifant danst', displayName: name, locale: 'nl' });
		if (secondFactor) await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		for (const r of roles) {
			await insertRole(t.db, { id: newId(), user_id: user.id, role: r.role, school_id: r.school ?? null, board_id: r.board ?? null, created_at: nowIso() });
		}
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	async function profileEvents(schoolId: string) {
		return t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', schoolId).where('action', '=', 'school_profile.update').orderBy('seq').execute();
	}

	async function duties(actor: Actor, code: string): Promise<Record<Duty, DutyStatus>> {
		const { duties: list } = await getSchoolDuties(t.db, actor, code);
		return Object.fromEntries(list.map((d) => [d.duty, d.status])) as Record<Duty, DutyStatus>;
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db
			.insertInto('board')
			.values([
				{ id: boardX, code: '41234', name: 'Stichting Samen Leren', created_at: now },
				{ id: boardY, code: '45678', name: 'Openbaar Onderwijs Gouda', created_at: now }
			])
			.execute();
		const school = (id: string, code: string, name: string, board: string) => ({
			id,
			vestigingscode: code,
			instellingscode: code.slice(0, 4),
			name,
			place: 'Delft',
			postcode: null,
			sector: 'po',
			board_id: board,
			created_at: now,
			updated_at: now
		});
		await t.db
			.insertInto('school')
			.values([school(schoolA, CODE_A, 'OBS De Regenboog', boardX), school(schoolB, CODE_B, 'Het Baken', boardX), school(schoolC, CODE_C, 'De Klimop', boardY)])
			.execute();
		adminA = await account('anne@regenboog.nl', 'Anne Admin', [{ role: 'school_admin', school: schoolA }]);
		secondAdminA = await account('arie@regenboog.nl', 'Arie Admin', [{ role: 'school_admin', school: schoolA }]);
		mentorA = await account('mila@regenboog.nl', 'Mila Mentor', [{ role: 'mentor', school: schoolA }]);
		adminB = await account('bob@baken.nl', 'Bob Beheer', [{ role: 'school_admin', school: schoolB }]);
		analystX = await account('bea@samenleren.nl', 'Bea Bestuur', [{ role: 'board_analyst', board: boardX }]);
		analystY = await account('gijs@oog.nl', 'Gijs Gouda', [{ role: 'board_analyst', board: boardY }]);
		platformAdmin = await account('beheer@pestwijzer.nl', 'Pim Platform', [{ role: 'platform_admin' }]);
	});
	afterAll(async () => t.dispose());

	describe('people', () => {
		it('takes the name of a chosen team member from their account, and audits who changed which fields', async () => {
			await saveContact(
				t.db,
				adminA,
				CODE_A,
				'aanspreekpunt',
				contact({ member: mentorA.userId, name: 'Getypte naam', jobTitle: 'Intern begeleider', email: 'Mila@Regenboog.nl', phone: '015-123 45 67', public: 'on', alsoCoordinator: 'yes' })
			);
			const edit = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(edit.contacts.aanspreekpunt).toEqual({
				kind: 'aanspreekpunt',
				userId: mentorA.userId,
				name: 'Mila Mentor',
				jobTitle: 'Intern begeleider',
				email: 'mila@regenboog.nl',
				phone: '015-123 45 67',
				hours: null,
				public: true
			});
			expect(edit.profile?.coordinator_is_aanspreekpunt).toBe('yes');
			expect(edit.team.map((m) => m.name)).toEqual(['Anne Admin', 'Arie Admin', 'Mila Mentor']);
			expect(edit.history[0]).toMatchObject({ by: 'Anne Admin', part: 'aanspreekpunt' });
			expect([...edit.history[0]!.fields].sort()).toEqual(['coordinator_is_aanspreekpunt', 'email', 'job_title', 'name', 'phone', 'public', 'user_id']);
		});

		it("stores someone from outside the team by the typed name, and records no fields when nothing changed", async () => {
			const input = contact({ member: 'other', name: 'Bureau Veilig Samen', email: 'info@veiligsamen.nl', public: '' });
			await saveContact(t.db, secondAdminA, CODE_A, 'coordinator', input);
			let edit = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(edit.contacts.coordinator).toMatchObject({ userId: null, name: 'Bureau Veilig Samen', email: 'info@veiligsamen.nl', public: false });
			expect(edit.history[0]).toMatchObject({ by: 'Arie Admin', part: 'coordinator', fields: ['name', 'email', 'public'] });

			await saveContact(t.db, adminA, CODE_A, 'coordinator', input);
			edit = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(edit.history[0]).toMatchObject({ by: 'Anne Admin', part: 'coordinator', fields: [] });
			expect(edit.history[1]).toMatchObject({ by: 'Arie Admin', part: 'coordinator' });
		});

		it('refuses a person who is not in this school’s team, without changing anything', async () => {
			const before = await getProfileForEdit(t.db, adminA, CODE_A);
			const eventsBefore = (await profileEvents(schoolA)).length;
			for (const member of [adminB.userId, platformAdmin.userId, newId(), 'niet-een-id']) {
				const error = await saveContact(t.db, adminA, CODE_A, 'aanspreekpunt', contact({ member, public: 'on' })).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(RuleError);
				expect(error).toMatchObject({ field: 'member', messageKey: 'profile_error_member' });
			}
			const after = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(after.contacts).toEqual(before.contacts);
			expect(await profileEvents(schoolA)).toHaveLength(eventsBefore);
		});

		it('removes a person, audited as removed', async () => {
			await saveContact(t.db, adminA, CODE_A, 'mr', contact({ member: 'other', name: 'MR De Regenboog', email: 'mr@regenboog.nl' }));
			await clearContact(t.db, adminA, CODE_A, 'mr');
			const edit = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(edit.contacts.mr).toBeUndefined();
			expect(edit.history[0]).toMatchObject({ by: 'Anne Admin', part: 'mr', fields: ['removed'] });
		});
	});

	describe('sections', () => {
		const profile = async () => (await getProfileForEdit(t.db, adminA, CODE_A)).profile!;

		it('saves the mentors text', async () => {
			await saveSection(t.db, adminA, CODE_A, { section: 'mentors', mentorText: 'Elke klas heeft een mentor.\nBel of mail gerust.' }, PROGRAMME_NAMES);
			expect((await profile()).mentor_text).toBe('Elke klas heeft een mentor.\nBel of mail gerust.');
		});

		it('saves the complaints route; the LKC keeps no typed name or address', async () => {
			await saveSection(
				t.db,
				adminA,
				CODE_A,
				{ section: 'complaints', commission: 'lkc', commissionName: 'Iets anders', commissionUrl: 'https://elders.nl', complaintsText: 'Eerst de mentor.' },
				PROGRAMME_NAMES
			);
			expect(await profile()).toMatchObject({ complaints_commission: 'lkc', complaints_commission_name: null, complaints_commission_url: null, complaints_text: 'Eerst de mentor.' });
			await saveSection(
				t.db,
				adminA,
				CODE_A,
				{ section: 'complaints', commission: 'other', commissionName: 'GCBO', commissionUrl: 'https://gcbo.nl', complaintsText: null },
				PROGRAMME_NAMES
			);
			expect(await profile()).toMatchObject({ complaints_commission: 'other', complaints_commission_name: 'GCBO', complaints_commission_url: 'https://gcbo.nl', complaints_text: null });
			const [last] = (await getProfileForEdit(t.db, adminA, CODE_A)).history;
			expect(last).toMatchObject({ part: 'complaints' });
			expect([...last!.fields].sort()).toEqual(['complaints_commission', 'complaints_commission_name', 'complaints_commission_url', 'complaints_text']);
		});

		it('saves the MR consent with its date, and drops the date when there was no consent', async () => {
			await saveSection(t.db, adminA, CODE_A, { section: 'mr_consent', consent: 'yes', consentOn: '2025-09-15' }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ mr_consent_safety_policy: 'yes', mr_consent_on: '2025-09-15' });
			await saveSection(t.db, adminA, CODE_A, { section: 'mr_consent', consent: 'no', consentOn: '2025-09-15' }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ mr_consent_safety_policy: 'no', mr_consent_on: null });
		});

		it('saves a programme only from the catalogue, another by name, or none', async () => {
			const name = PROGRAMME_NAMES[0]!;
			await saveSection(t.db, adminA, CODE_A, { section: 'programme', choice: `catalogue:${name}`, otherName: null, sinceYear: 2019 }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ programme_choice: 'catalogue', programme_name: name, programme_since_year: 2019 });

			const eventsBefore = (await profileEvents(schoolA)).length;
			const error = await saveSection(t.db, adminA, CODE_A, { section: 'programme', choice: 'catalogue:Zelfbedacht', otherName: null, sinceYear: null }, PROGRAMME_NAMES).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(RuleError);
			expect(error).toMatchObject({ field: 'choice', messageKey: 'profile_error_choose' });
			expect(await profileEvents(schoolA)).toHaveLength(eventsBefore);
			expect((await profile()).programme_name).toBe(name);

			await saveSection(t.db, adminA, CODE_A, { section: 'programme', choice: 'other', otherName: 'Eigen aanpak', sinceYear: 2021 }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ programme_choice: 'other', programme_name: 'Eigen aanpak', programme_since_year: 2021 });
			await saveSection(t.db, adminA, CODE_A, { section: 'programme', choice: 'none', otherName: 'genegeerd', sinceYear: 2021 }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ programme_choice: 'none', programme_name: null, programme_since_year: null });
			await saveSection(t.db, adminA, CODE_A, { section: 'programme', choice: '', otherName: null, sinceYear: null }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ programme_choice: null, programme_name: null, programme_since_year: null });
		});

		it('saves the monitor', async () => {
			await saveSection(t.db, secondAdminA, CODE_A, { section: 'monitor', monitorOn: '2025-11-03', instrument: 'Vragenlijst sociale veiligheid' }, PROGRAMME_NAMES);
			expect(await profile()).toMatchObject({ monitor_on: '2025-11-03', monitor_instrument: 'Vragenlijst sociale veiligheid' });
			expect((await getProfileForEdit(t.db, adminA, CODE_A)).history[0]).toMatchObject({ by: 'Arie Admin', part: 'monitor', fields: ['monitor_on', 'monitor_instrument'] });
		});
	});

	describe('documents', () => {
		const row = (kind: string) => t.db.selectFrom('school_document').selectAll().where('school_id', '=', schoolA).where('kind', '=', kind).executeTakeFirst();

		it('stores an uploaded PDF encrypted, with its size and SHA-256; a new upload gives back the old file to delete', async () => {
			const first = minimalPdf('eerste');
			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', fileDoc(first))).toBeUndefined();
			const stored = (await row('safety_policy'))!;
			expect(stored).toMatchObject({ status: 'file', url: null, file_sha256: sha256(first) });
			expect(Number(stored.file_size)).toBe(first.byteLength);
			expect(Buffer.from(first).equals((await getFile(stored.file_key!, await loadDataKey(t.db, schoolScope(schoolA))))!)).toBe(true);
			// Sealed under the school's data key: the file on disk does not contain the PDF.
			expect((await readStoredFile(stored.file_key!)).includes(Buffer.from('eerste'))).toBe(false);

			const second = minimalPdf('tweede versie');
			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', fileDoc(second))).toBe(stored.file_key);
			const replaced = (await row('safety_policy'))!;
			expect(replaced.id).toBe(stored.id);
			expect(replaced.file_key).not.toBe(stored.file_key);
			expect(replaced.file_sha256).toBe(sha256(second));
			expect((await getProfileForEdit(t.db, adminA, CODE_A)).history[0]).toMatchObject({ part: 'safety_policy', fields: ['file_sha256'] });
		});

		it('keeps the stored file when saved as "file" without a new upload', async () => {
			const before = (await row('safety_policy'))!;
			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', fileDoc(undefined))).toBeUndefined();
			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', fileDoc(new Uint8Array(0)))).toBeUndefined();
			expect(await row('safety_policy')).toMatchObject({ status: 'file', file_key: before.file_key, file_sha256: before.file_sha256 });
		});

		it('requires a file when there is none yet, and refuses what is not a PDF or too large', async () => {
			const eventsBefore = (await profileEvents(schoolA)).length;
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', fileDoc(undefined)))).toBe('profile_error_file_required');
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', fileDoc(new Uint8Array(0))))).toBe('profile_error_file_required');
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', fileDoc(PNG)))).toBe('profile_error_pdf_not_pdf');
			const truncated = minimalPdf().subarray(0, 60);
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', fileDoc(truncated)))).toBe('profile_error_pdf_not_pdf');
			const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
			huge.set(minimalPdf());
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', fileDoc(huge)))).toBe('profile_error_pdf_too_large');
			expect(await row('anti_bullying_protocol')).toBeUndefined();
			// A bad upload over an existing file leaves the file alone.
			const before = (await row('safety_policy'))!;
			expect(await ruleKey(saveDocument(t.db, adminA, CODE_A, 'safety_policy', fileDoc(PNG)))).toBe('profile_error_pdf_not_pdf');
			expect((await row('safety_policy'))!.file_key).toBe(before.file_key);
			expect(await profileEvents(schoolA)).toHaveLength(eventsBefore);
		});

		it('switches to a link (giving back the old file), to "we do not have this", and to unknown', async () => {
			const fileKey = (await row('safety_policy'))!.file_key;
			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', { status: 'link', url: 'https://regenboog.nl/veiligheidsplan.pdf', file: undefined })).toBe(fileKey);
			expect(await row('safety_policy')).toMatchObject({ status: 'link', url: 'https://regenboog.nl/veiligheidsplan.pdf', file_key: null, file_size: null, file_sha256: null });

			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', { status: 'absent', url: 'https://genegeerd.nl', file: undefined })).toBeUndefined();
			expect(await row('safety_policy')).toMatchObject({ status: 'absent', url: null });

			expect(await saveDocument(t.db, adminA, CODE_A, 'safety_policy', { status: 'unknown', url: null, file: undefined })).toBeUndefined();
			expect(await row('safety_policy')).toBeUndefined();
			expect((await getProfileForEdit(t.db, adminA, CODE_A)).history[0]).toMatchObject({ part: 'safety_policy', fields: ['removed'] });

			await saveDocument(t.db, adminA, CODE_A, 'school_guide', fileDoc(minimalPdf('gids')));
			const guideKey = (await row('school_guide'))!.file_key;
			expect(await saveDocument(t.db, adminA, CODE_A, 'school_guide', { status: 'unknown', url: null, file: undefined })).toBe(guideKey);
		});
	});

	describe('public page', () => {
		it('shows only people marked public and documents that are there, without account ids', async () => {
			await saveContact(t.db, adminA, CODE_A, 'aanspreekpunt', contact({ member: mentorA.userId, email: 'mila@regenboog.nl', hours: 'ma-do', public: 'on', alsoCoordinator: 'yes' }));
			await saveContact(t.db, adminA, CODE_A, 'coordinator', contact({ member: 'other', name: 'Bureau Veilig Samen', public: '' }));
			const pdf = minimalPdf('klachten');
			await saveDocument(t.db, adminA, CODE_A, 'complaints_procedure', fileDoc(pdf));
			await saveDocument(t.db, adminA, CODE_A, 'anti_bullying_protocol', { status: 'link', url: 'https://regenboog.nl/pestprotocol', file: undefined });
			await saveDocument(t.db, adminA, CODE_A, 'online_bullying_protocol', { status: 'absent', url: null, file: undefined });

			const shown = (await findPublicProfile(t.db, '11aa00'))!;
			expect(shown.contacts).toEqual([{ kind: 'aanspreekpunt', name: 'Mila Mentor', jobTitle: null, email: 'mila@regenboog.nl', phone: null, hours: 'ma-do' }]);
			expect(shown.documents.map((d) => [d.kind, d.source, d.url])).toEqual([
				['anti_bullying_protocol', 'link', 'https://regenboog.nl/pestprotocol'],
				['complaints_procedure', 'file', null]
			]);
			expect(shown.documents[1]!.size).toBe(pdf.byteLength);
			expect(shown).toMatchObject({
				coordinatorIsAanspreekpunt: true,
				mentorText: 'Elke klas heeft een mentor.\nBel of mail gerust.',
				complaints: { commission: 'other', name: 'GCBO', url: 'https://gcbo.nl' },
				programme: null,
				monitor: { on: '2025-11-03', instrument: 'Vragenlijst sociale veiligheid' },
				published: true
			});
			expect(JSON.stringify(shown)).not.toContain(mentorA.userId);
			expect(JSON.stringify(shown)).not.toContain('Bureau Veilig Samen');
		});

		it('finds a published document: the stored file or the school’s link, nothing else', async () => {
			const stored = await findPublicDocument(t.db, CODE_A, 'complaints_procedure');
			expect(Buffer.from(minimalPdf('klachten')).equals((stored as { bytes: Buffer }).bytes)).toBe(true);
			expect(await findPublicDocument(t.db, CODE_A, 'anti_bullying_protocol')).toEqual({ url: 'https://regenboog.nl/pestprotocol' });
			expect(await findPublicDocument(t.db, CODE_A, 'online_bullying_protocol')).toBeUndefined();
			expect(await findPublicDocument(t.db, CODE_B, 'complaints_procedure')).toBeUndefined();
			expect(await findPublicDocument(t.db, '../x', 'complaints_procedure')).toBeUndefined();
		});

		it('shows an empty, unpublished profile for a school that filled in nothing, and nothing for unknown codes', async () => {
			expect(await findPublicProfile(t.db, CODE_C)).toEqual({
				contacts: [],
				coordinatorIsAanspreekpunt: false,
				mentorText: null,
				complaints: null,
				complaintsText: null,
				documents: [],
				programme: null,
				monitor: null,
				published: false
			});
			expect(await findPublicProfile(t.db, '99ZZ99')).toBeUndefined();
			expect(await findPublicProfile(t.db, 'geen code')).toBeUndefined();
		});

		it('publishes a catalogue programme with its year', () => {
			const profile = toPublicProfile({
				profile: {
					school_id: schoolA,
					coordinator_is_aanspreekpunt: 'no',
					mentor_text: null,
					complaints_commission: 'lkc',
					complaints_commission_name: null,
					complaints_commission_url: null,
					complaints_text: null,
					mr_consent_safety_policy: 'yes',
					mr_consent_on: '2025-09-15',
					programme_choice: 'catalogue',
					programme_name: 'KiVa',
					programme_since_year: 2019,
					monitor_on: null,
					monitor_instrument: null,
					updated_at: nowIso()
				},
				contacts: {},
				documents: {}
			});
			expect(profile).toMatchObject({ coordinatorIsAanspreekpunt: false, complaints: { commission: 'lkc', name: null, url: null }, programme: { name: 'KiVa', fromCatalogue: true, sinceYear: 2019 }, published: true });
			expect(JSON.stringify(profile)).not.toContain('2025-09-15');
		});
	});

	describe('legal duties', () => {
		it('moves from unknown to met as the school fills in its profile', async () => {
			expect(Object.values(await duties(adminB, CODE_B))).toEqual(DUTIES.map(() => 'unknown'));
			expect((await getSchoolDuties(t.db, adminB, CODE_B)).mayEdit).toBe(true);

			await saveDocument(t.db, adminB, CODE_B, 'safety_policy', { status: 'absent', url: null, file: undefined });
			expect((await duties(adminB, CODE_B)).safety_policy).toBe('missing');
			await saveDocument(t.db, adminB, CODE_B, 'safety_policy', { status: 'link', url: 'https://baken.nl/veiligheid', file: undefined });
			expect((await duties(adminB, CODE_B)).safety_policy).toBe('met');

			await saveDocument(t.db, adminB, CODE_B, 'complaints_procedure', fileDoc(minimalPdf()));
			expect((await duties(adminB, CODE_B)).complaints_procedure).toBe('met');

			await saveSection(t.db, adminB, CODE_B, { section: 'monitor', monitorOn: '2019-10-01', instrument: null }, PROGRAMME_NAMES);
			expect((await duties(adminB, CODE_B)).monitor).toBe('missing');
			await saveSection(t.db, adminB, CODE_B, { section: 'monitor', monitorOn: today(), instrument: null }, PROGRAMME_NAMES);
			expect((await duties(adminB, CODE_B)).monitor).toBe('met');

			await saveContact(t.db, adminB, CODE_B, 'aanspreekpunt', contact({ member: 'other', name: 'Karin de Vries', email: 'k.devries@baken.nl', public: '', alsoCoordinator: 'no' }));
			expect(await duties(adminB, CODE_B)).toMatchObject({ coordination_and_aanspreekpunt: 'missing', aanspreekpunt_public: 'missing' });
			await saveContact(t.db, adminB, CODE_B, 'aanspreekpunt', contact({ member: 'other', name: 'Karin de Vries', email: 'k.devries@baken.nl', public: 'on', alsoCoordinator: 'yes' }));
			expect(await duties(adminB, CODE_B)).toMatchObject({ coordination_and_aanspreekpunt: 'met', aanspreekpunt_public: 'met' });

			await saveSection(t.db, adminB, CODE_B, { section: 'mr_consent', consent: 'yes', consentOn: today() }, PROGRAMME_NAMES);
			expect(Object.values(await duties(adminB, CODE_B))).toEqual(DUTIES.map(() => 'met'));
		});

		it('shows a school’s duties to its board, read-only, and to no other board or role', async () => {
			const seen = await getSchoolDuties(t.db, analystX, CODE_B);
			expect(seen.mayEdit).toBe(false);
			expect(seen.school.name).toBe('Het Baken');
			expect(seen.duties.every((d) => d.status === 'met')).toBe(true);
			await expect(getSchoolDuties(t.db, analystY, CODE_B)).rejects.toBeInstanceOf(NotFoundError);
			await expect(getSchoolDuties(t.db, adminA, CODE_B)).rejects.toBeInstanceOf(NotFoundError);
			await expect(getSchoolDuties(t.db, mentorA, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(getSchoolDuties(t.db, platformAdmin, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
		});

		it("lists the duties of the analyst's own board's schools only", async () => {
			const tables = await listBoardDuties(t.db, analystX);
			expect(tables.map((b) => [b.id, b.name])).toEqual([[boardX, 'Stichting Samen Leren']]);
			expect(tables[0]!.schools.map((s) => s.vestigingscode)).toEqual([CODE_B, CODE_A]);
			expect(tables[0]!.schools[0]!.duties.every((d) => d.status === 'met')).toBe(true);

			const other = await listBoardDuties(t.db, analystY);
			expect(other.map((b) => b.name)).toEqual(['Openbaar Onderwijs Gouda']);
			expect(other[0]!.schools.map((s) => s.name)).toEqual(['De Klimop']);
			expect(other[0]!.schools[0]!.duties.every((d) => d.status === 'unknown')).toBe(true);

			const both = await account('beide@besturen.nl', 'Beide', [
				{ role: 'board_analyst', board: boardX },
				{ role: 'board_analyst', board: boardY }
			]);
			expect((await listBoardDuties(t.db, both)).map((b) => b.name)).toEqual(['Openbaar Onderwijs Gouda', 'Stichting Samen Leren']);
			const noSecondFactor = await account('zonder@samenleren.nl', 'Zonder', [{ role: 'board_analyst', board: boardX }], false);
			await expect(listBoardDuties(t.db, noSecondFactor)).rejects.toBeInstanceOf(ForbiddenError);
			await expect(listBoardDuties(t.db, adminA)).rejects.toBeInstanceOf(ForbiddenError);
		});
	});

	describe('access', () => {
		it("answers NotFound to another school's admin, and changes nothing", async () => {
			const before = await getProfileForEdit(t.db, adminA, CODE_A);
			const eventsBefore = (await profileEvents(schoolA)).length;
			const person = contact({ member: 'other', name: 'Indringer', public: 'on' });
			await expect(getProfileForEdit(t.db, adminB, CODE_A)).rejects.toBeInstanceOf(NotFoundError);
			await expect(saveContact(t.db, adminB, CODE_A, 'aanspreekpunt', person)).rejects.toBeInstanceOf(NotFoundError);
			await expect(clearContact(t.db, adminB, CODE_A, 'aanspreekpunt')).rejects.toBeInstanceOf(NotFoundError);
			await expect(saveSection(t.db, adminB, CODE_A, { section: 'mentors', mentorText: 'x' }, PROGRAMME_NAMES)).rejects.toBeInstanceOf(NotFoundError);
			await expect(saveDocument(t.db, adminB, CODE_A, 'complaints_procedure', { status: 'unknown', url: null, file: undefined })).rejects.toBeInstanceOf(NotFoundError);
			await expect(getProfileForEdit(t.db, adminB, '99ZZ99')).rejects.toBeInstanceOf(NotFoundError);
			const after = await getProfileForEdit(t.db, adminA, CODE_A);
			expect(after.contacts).toEqual(before.contacts);
			expect(after.documents).toEqual(before.documents);
			expect(after.profile).toEqual(before.profile);
			expect(await profileEvents(schoolA)).toHaveLength(eventsBefore);
		});

		it('lets only school admins edit: not mentors, boards, platform admins or admins without a second factor', async () => {
			const noSecondFactor = await account('nick@regenboog.nl', 'Nick Zonder', [{ role: 'school_admin', school: schoolA }], false);
			for (const actor of [mentorA, analystX, platformAdmin, noSecondFactor]) {
				await expect(getProfileForEdit(t.db, actor, CODE_A)).rejects.toBeInstanceOf(ForbiddenError);
				await expect(saveSection(t.db, actor, CODE_A, { section: 'mentors', mentorText: 'x' }, PROGRAMME_NAMES)).rejects.toBeInstanceOf(ForbiddenError);
			}
		});
	});

	it('audited every change with the actor and the part, in an unbroken chain', async () => {
		const events = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'school_profile.update').execute();
		const editors = new Set([adminA.userId, secondAdminA.userId, adminB.userId]);
		expect(events.length).toBeGreaterThan(20);
		for (const event of events) {
			expect(editors.has(event.actor_user_id!)).toBe(true);
			expect(event.subject_type).toBe('school');
			const detail = JSON.parse(event.detail) as { part: string; fields: string[] };
			expect(detail.part).toMatch(/^[a-z_]+$/);
			expect(Array.isArray(detail.fields)).toBe(true);
		}
		// The detail names fields, never the values typed in.
		expect(events.map((e) => e.detail).join()).not.toMatch(/Karin|baken\.nl|Mila Mentor/);
		const parts = new Set(events.filter((e) => e.subject_id === schoolA).map((e) => (JSON.parse(e.detail) as { part: string }).part));
		for (const part of ['aanspreekpunt', 'coordinator', 'mr', 'mentors', 'complaints', 'mr_consent', 'programme', 'monitor', 'safety_policy', 'complaints_procedure']) {
			expect(parts).toContain(part);
		}
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});
