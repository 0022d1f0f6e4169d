/**
 * One signed-in account per role, made directly in the app's database, with a session cookie each.
 * Staff accounts get a second factor (as if set up), so the walk tests roles, not the TOTP set-up.
 */
import { newCaseRow } from '../../../src/lib/server/testing/case-rows';
import { config as currentConfig, loadConfig, setConfigForTests } from '../../../src/lib/server/config';
import { openDatabase, type Db } from '../../../src/lib/server/db/connect';
import { createVerifiedUser } from '../../../src/lib/server/auth/account.service';
import { createSession } from '../../../src/lib/server/auth/session.service';
import { insertRole, updateUser } from '../../../src/lib/server/auth/user.repository';
import { newId, nowIso } from '../../../src/lib/server/auth/tokens';
import { ROLES, requiresSecondFactor, type Role } from '../../../src/lib/auth/roles';
import { putFile } from '../../../src/lib/server/files/file-store';
import { minimalPdf } from '../../../src/lib/server/testing/sample-files';
import crypto from 'node:crypto';
import path from 'node:path';
import { insertChild, insertSealed, incidentRow } from '../../../src/lib/server/testing/dossier-rows';
import { appendCaseEvent } from '../../../src/lib/server/cases/case-events';
import { todayInNetherlands } from '../../../src/lib/i18n/locale';
import { dossierScope, ensureDataKey, loadDataKey, schoolScope } from '../../../src/lib/server/crypto/data-key.service';
import sharp from 'sharp';

/**
 * The parent persona's dossier: one child with one incident and one evidence file (a PDF), at fixed ids so the
 * route walk (routes.ts EXAMPLE_PARAMS) reaches the dossier pages themselves. Every other persona gets 404 or 403.
 */
export const SEEDED_DOSSIER = {
	child: '5eed0000-0000-4000-8000-00000000c001',
	incident: '5eed0000-0000-4000-8000-00000000e001',
	attachment: '5eed0000-0000-4000-8000-00000000a001',
	contact: '5eed0000-0000-4000-8000-00000000d001',
	agreement: '5eed0000-0000-4000-8000-00000000f001'
} as const;

/**
 * A case of the seeded school, opened today (so no step-up) and handled by the aanspreekpunt, mentor,
 * vertrouwenspersoon and zorgcoordinator personas: the route walk reaches the case page for every handler role and the
 * coordinator, while the school admin, the board analyst and the parent get the service's 404 (need to know).
 */
export const SEEDED_CASE = { id: '5eed0000-0000-4000-8000-0000000ca5e1' } as const;

/**
 * A report to the seeded school with one photo, at fixed ids, so the route walk reaches the staff report pages;
 * only the school's aanspreekpunt and coordinator get 200 there, every other role 404.
 */
export const SEEDED_REPORT = {
	report: '5eed0000-0000-4000-8000-0000000b0001',
	photo: '5eed0000-0000-4000-8000-0000000b00f1'
} as const;

export interface Persona {
	role: Role;
	userId: string;
	cookie: string;
}

export interface Seed {
	db: Db;
	schoolId: string;
	otherSchoolId: string;
	boardId: string;
	personas: Record<Role, Persona>;
	/** A staff account that has not set up its second factor yet. */
	staffWithoutSecondFactor: Persona;
	close(): Promise<void>;
}

export async function seedPersonas(dataDir: string): Promise<Seed> {
	const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	setConfigForTests(config);
	const handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'pestwijzer.db') });
	const db = handle.db;
	const now = nowIso();
	const boardId = newId();
	await db.insertInto('board').values({ id: boardId, code: 'B-1', name: 'Stichting Test', created_at: now }).execute();
	const schoolId = newId();
	const otherSchoolId = newId();
	await db
		.insertInto('school')
		.values([
			{ id: schoolId, vestigingscode: '98ZZ00', instellingscode: '98ZZ', name: 'Testschool A', place: 'Utrecht', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now },
			{ id: otherSchoolId, vestigingscode: '97ZZ00', instellingscode: '97ZZ', name: 'Testschool B', place: 'Zwolle', postcode: null, sector: 'vo', board_id: null, created_at: now, updated_at: now }
		])
		.execute();

	async function persona(role: Role, withSecondFactor: boolean): Promise<Persona> {
		const user = await createVerifiedUser(db, { email: `${role}-${newId()}@example.nl`, password: 'paarse olifant danst', displayName: role, locale: 'nl' });
		const scope = role === 'board_analyst' ? { board_id: boardId, school_id: null } : role === 'parent' || role === 'platform_admin' ? { school_id: null, board_id: null } : { school_id: schoolId, board_id: null };
		await insertRole(db, { id: newId(), user_id: user.id, role, created_at: now, ...scope });
		if (withSecondFactor) await updateUser(db, user.id, { totp_enabled_at: now });
		const { token } = await createSession(db, user.id, { pendingSecondFactor: false, policy: config.session });
		return { role, userId: user.id, cookie: `pw_session=${token}` };
	}

	const personas = {} as Record<Role, Persona>;
	for (const role of ROLES) personas[role] = await persona(role, requiresSecondFactor(role));
	const staffWithoutSecondFactor = await persona('mentor', false);
	await seedDossier(db, personas.parent.userId);
	await seedCase(db, schoolId, personas);
	await seedReport(db, schoolId, personas.parent.userId);
	return { db, schoolId, otherSchoolId, boardId, personas, staffWithoutSecondFactor, close: () => handle.close() };
}

/** The rows of SEEDED_CASE, straight in the database (no audit events), as openCase and assignHandler write them. */
async function seedCase(db: Db, schoolId: string, personas: Record<Role, Persona>): Promise<void> {
	const now = new Date();
	const today = todayInNetherlands(now);
	const id = SEEDED_CASE.id;
	await db
		.insertInto('case')
		.values(newCaseRow(id, schoolId, today))
		.execute();
	const opener = personas.aanspreekpunt.userId;
	await appendCaseEvent(db, id, { kind: 'opened', actorUserId: opener, toState: 'new' }, now);
	for (const role of ['aanspreekpunt', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator'] as const) {
		await db.insertInto('case_handler').values({ case_id: id, user_id: personas[role].userId, role, assigned_on: today }).execute();
		await appendCaseEvent(db, id, { kind: 'handler_assigned', actorUserId: opener, subjectUserId: personas[role].userId, role }, now);
	}
}

/** The rows and the stored file of SEEDED_DOSSIER, straight in the database (no audit events). */
async function seedDossier(db: Db, parentId: string): Promise<void> {
	const now = nowIso();
	const { child, incident, attachment, contact, agreement } = SEEDED_DOSSIER;
	await insertChild(db, { id: child, name: 'Noor', birth_year: 2016, year_group: 'groep-5', school_id: null, school_name: null, created_at: now, updated_at: now });
	await db.insertInto('child_guardian').values({ child_id: child, user_id: parentId, created_at: now }).execute();
	await insertSealed(db, 'incident', 
			incidentRow(incident, child, {
				occurred_on: '2025-03-02',
				occurred_time: '12:30',
				place: 'playground',
				forms: JSON.stringify(['verbal', 'exclusion']),
				what_happened: 'Ze mocht niet meedoen.'
			})
		);
	await insertSealed(db, 'dossier_contact', { id: contact, child_id: child, contacted_on: '2025-03-03', person_name: 'Juf Anja', rung: 'leerkracht', channel: 'talk', summary: 'Gesprek na school.', created_at: now, updated_at: now });
	await insertSealed(db, 'agreement', { id: agreement, contact_id: contact, child_id: child, position: 1, description: 'De juf let op in de pauze.', follow_up_on: '2025-03-17', status: 'open', reminded_at: now, created_at: now, updated_at: now });
	const bytes = minimalPdf('seeded evidence');
	const fileKey = newId();
	await putFile(fileKey, bytes, await loadDataKey(db, dossierScope(child)));
	await insertSealed(db, 'attachment', {
			id: attachment,
			incident_id: incident,
			child_id: child,
			content_type: 'application/pdf',
			display_name: 'brief-van-school.pdf',
			size: bytes.byteLength,
			sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
			width: null,
			height: null,
			file_key: fileKey,
			received_at: now
		});
}

/**
 * SEEDED_REPORT, straight in the database, sealed under the school's data key like a real one: the parent persona's
 * named report from the seeded dossier, with one photo, so the staff's report pages and the dossier's both reach it.
 */
async function seedReport(db: Db, schoolId: string, parentId: string): Promise<void> {
	const key = await ensureDataKey(db, schoolScope(schoolId));
	await db
		.insertInto('report')
		.values({
			id: SEEDED_REPORT.report,
			school_id: schoolId,
			channel: 'online',
			reporter_kind: 'parent',
			anonymous: 0,
			received_on: '2026-11-30',
			what_happened: key.seal('Ze lachen Noor uit bij de gym.'),
			place: key.seal('Gymzaal'),
			people_involved: key.seal('Sem de Vries'),
			reporter_name: key.seal('Ouder van Noor'),
			contact: null,
			occurred_on: null,
			occurred_around: 'this_week',
			forms: JSON.stringify(['verbal']),
			motives: JSON.stringify([]),
			ongoing: 'yes',
			status: 'new',
			receipt_lookup: null,
			passphrase_hash: null,
			child_id: SEEDED_DOSSIER.child,
			reporter_user_id: parentId
		})
		.execute();
	const bytes = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#36c' } }).png().toBuffer();
	const fileKey = newId();
	await putFile(fileKey, bytes, key);
	await db.insertInto('report_attachment').values({ id: SEEDED_REPORT.photo, report_id: SEEDED_REPORT.report, file_key: fileKey, content_type: 'image/png', size: bytes.byteLength, content_mac: key.mac(bytes) }).execute();
}

/**
 * One more signed-in account with one role at a place of choice (issue 4 tests: another school's admin,
 * another board's analyst, an admin who has not set up a second factor yet). Uses the configuration seedPersonas set.
 */
export async function addPersona(
	db: Db,
	role: Role,
	place: { schoolId?: string | null; boardId?: string | null },
	options: { secondFactor?: boolean; email?: string; displayName?: string } = {}
): Promise<Persona & { email: string }> {
	const now = nowIso();
	const email = options.email ?? `${role}-${newId()}@example.nl`;
	const user = await createVerifiedUser(db, { email, password: 'paarse olifant danst', displayName: options.displayName ?? role, locale: 'nl' });
	await insertRole(db, { id: newId(), user_id: user.id, role, created_at: now, school_id: place.schoolId ?? null, board_id: place.boardId ?? null });
	if (options.secondFactor ?? requiresSecondFactor(role)) await updateUser(db, user.id, { totp_enabled_at: now });
	const { token } = await createSession(db, user.id, { pendingSecondFactor: false, policy: currentConfig().session });
	return { role, userId: user.id, cookie: `pw_session=${token}`, email };
}
