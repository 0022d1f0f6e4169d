/**
 * The school profile: edited by the school's admins (every change in the audit log with who and when), read by
 * everyone on the public school page (only what the school chose to publish), and judged against the legal duties.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/connect';
import type { School, SchoolContactRow, SchoolDocumentRow, SchoolProfileRow } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole, boardIdsFor } from '../auth/actor';
import { RuleError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { pdfProblem } from '../files/pdf-check';
import { getFile, putFile } from '../files/file-store';
import { ensureDataKey, schoolScope } from '../crypto/data-key.service';
import { requireSchool } from './school-access';
import { teamOf, type TeamMember } from './invitation.service';
import { normaliseSchoolCode } from './school-registry.service';
import {
	CONTACT_KINDS,
	DOCUMENT_KINDS,
	MAX_DOCUMENT_BYTES,
	type ContactInput,
	type ContactKind,
	type DocumentKind,
	type DocumentStatus,
	type ProfileSection
} from '../../schools/school-profile';
import { todayInNetherlands } from '../../i18n/locale';
import { assessDuties, type DutyAssessment, type DutyFacts, type PersonFacts } from '../../schools/legal-duties';

const EDITORS = ['school_admin'] as const;

export interface ContactView {
	kind: ContactKind;
	userId: string | null;
	name: string;
	jobTitle: string | null;
	email: string | null;
	phone: string | null;
	hours: string | null;
	public: boolean;
}

export interface DocumentView {
	kind: DocumentKind;
	status: DocumentStatus;
	url: string | null;
	size: number | null;
	updatedAt: string;
}

export interface ProfileData {
	profile: SchoolProfileRow | undefined;
	contacts: Partial<Record<ContactKind, ContactView>>;
	documents: Partial<Record<DocumentKind, DocumentView>>;
}

function contactView(row: SchoolContactRow): ContactView {
	return {
		kind: row.kind as ContactKind,
		userId: row.user_id,
		name: row.name,
		jobTitle: row.job_title,
		email: row.email,
		phone: row.phone,
		hours: row.hours,
		public: Boolean(Number(row.public))
	};
}

function documentView(row: SchoolDocumentRow): DocumentView {
	return { kind: row.kind as DocumentKind, status: row.status, url: row.url, size: row.file_size === null ? null : Number(row.file_size), updatedAt: row.updated_at };
}

async function loadProfileData(db: Db, schoolIds: readonly string[]): Promise<Map<string, ProfileData>> {
	const result = new Map<string, ProfileData>(schoolIds.map((id) => [id, { profile: undefined, contacts: {}, documents: {} }]));
	if (schoolIds.length === 0) return result;
	const ids = [...schoolIds];
	const [profiles, contacts, documents] = await Promise.all([
		db.selectFrom('school_profile').selectAll().where('school_id', 'in', ids).execute(),
		db.selectFrom('school_contact').selectAll().where('school_id', 'in', ids).execute(),
		db.selectFrom('school_document').selectAll().where('school_id', 'in', ids).execute()
	]);
	for (const row of profiles) result.get(row.school_id)!.profile = { ...row, programme_since_year: row.programme_since_year === null ? null : Number(row.programme_since_year) };
	for (const row of contacts) if ((CONTACT_KINDS as readonly string[]).includes(row.kind)) result.get(row.school_id)!.contacts[row.kind as ContactKind] = contactView(row);
	for (const row of documents) if ((DOCUMENT_KINDS as readonly string[]).includes(row.kind)) result.get(row.school_id)!.documents[row.kind as DocumentKind] = documentView(row);
	return result;
}

async function profileDataOf(db: Db, schoolId: string): Promise<ProfileData> {
	return (await loadProfileData(db, [schoolId])).get(schoolId)!;
}

/** Makes sure the school has its one profile row, so every section can simply update it. */
async function ensureProfileRow(db: Db, schoolId: string): Promise<void> {
	await db
		.insertInto('school_profile')
		.values({
			school_id: schoolId,
			coordinator_is_aanspreekpunt: null,
			mentor_text: null,
			complaints_commission: null,
			complaints_commission_name: null,
			complaints_commission_url: null,
			complaints_text: null,
			mr_consent_safety_policy: null,
			mr_consent_on: null,
			programme_choice: null,
			programme_name: null,
			programme_since_year: null,
			monitor_on: null,
			monitor_instrument: null,
			updated_at: nowIso()
		})
		.onConflict((oc) => oc.column('school_id').doNothing())
		.execute();
}

/** The names of the fields that changed, for the audit log (the values stay in the profile itself). */
function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
	return Object.keys(after).filter((key) => (before?.[key] ?? null) !== (after[key] ?? null));
}

async function audit(db: Db, actor: Actor, school: School, part: string, fields: string[]): Promise<void> {
	await recordAudit(db, { actorUserId: actor.userId, action: 'school_profile.update', subjectType: 'school', subjectId: school.id, detail: { part, fields } });
}

// Reading for the editor

export interface ProfileHistoryEntry {
	at: string;
	by: string | null;
	part: string;
	fields: string[];
}

export interface ProfileForEdit extends ProfileData {
	school: School;
	team: TeamMember[];
	history: ProfileHistoryEntry[];
}

export async function getProfileForEdit(db: Db, actor: Actor | undefined, code: string): Promise<ProfileForEdit> {
	const school = await requireSchool(db, actor, code, EDITORS);
	const [data, team, events] = await Promise.all([
		profileDataOf(db, school.id),
		teamOf(db, school.id),
		db
			.selectFrom('audit_event')
			.leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id')
			.select(['audit_event.created_at', 'audit_event.detail', 'app_user.display_name'])
			.where('audit_event.subject_type', '=', 'school')
			.where('audit_event.subject_id', '=', school.id)
			.where('audit_event.action', '=', 'school_profile.update')
			.orderBy('audit_event.seq', 'desc')
			.limit(20)
			.execute()
	]);
	const history = events.map((e) => {
		const detail = JSON.parse(e.detail) as { part?: string; fields?: string[] };
		return { at: e.created_at, by: e.display_name, part: detail.part ?? '', fields: detail.fields ?? [] };
	});
	return { school, team, history, ...data };
}

// Editing

export async function saveContact(db: Db, actor: Actor | undefined, code: string, kind: ContactKind, input: ContactInput): Promise<void> {
	const school = await requireSchool(db, actor, code, EDITORS);
	let userId: string | null = null;
	let name = input.name ?? '';
	if (input.member && input.member !== 'other') {
		// Only someone of this school's team can be chosen; anything else is a tampered form.
		const member = (await teamOf(db, school.id)).find((m) => m.userId === input.member);
		if (!member) throw new RuleError('member', 'profile_error_member');
		userId = member.userId;
		name = member.name;
	}
	const values = { user_id: userId, name, job_title: input.jobTitle, email: input.email, phone: input.phone, hours: input.hours, public: input.public };
	const existing = await db.selectFrom('school_contact').selectAll().where('school_id', '=', school.id).where('kind', '=', kind).executeTakeFirst();
	const now = nowIso();
	if (existing) {
		await db.updateTable('school_contact').set({ ...values, updated_at: now }).where('id', '=', existing.id).execute();
	} else {
		await db.insertInto('school_contact').values({ id: newId(), school_id: school.id, kind, ...values, updated_at: now }).execute();
	}
	const fields = changedFields(existing, values);
	if (kind === 'aanspreekpunt') {
		await ensureProfileRow(db, school.id);
		const before = await db.selectFrom('school_profile').select('coordinator_is_aanspreekpunt').where('school_id', '=', school.id).executeTakeFirstOrThrow();
		if (before.coordinator_is_aanspreekpunt !== input.alsoCoordinator) {
			await db.updateTable('school_profile').set({ coordinator_is_aanspreekpunt: input.alsoCoordinator, updated_at: now }).where('school_id', '=', school.id).execute();
			fields.push('coordinator_is_aanspreekpunt');
		}
	}
	await audit(db, actor!, school, kind, fields);
}

export async function clearContact(db: Db, actor: Actor | undefined, code: string, kind: ContactKind): Promise<void> {
	const school = await requireSchool(db, actor, code, EDITORS);
	await db.deleteFrom('school_contact').where('school_id', '=', school.id).where('kind', '=', kind).execute();
	await audit(db, actor!, school, kind, ['removed']);
}

export type SectionInput =
	| { section: 'mentors'; mentorText: string | null }
	| { section: 'complaints'; commission: 'lkc' | 'other' | null; commissionName: string | null; commissionUrl: string | null; complaintsText: string | null }
	| { section: 'mr_consent'; consent: 'yes' | 'no' | null; consentOn: string | null }
	| { section: 'programme'; choice: string; otherName: string | null; sinceYear: number | null }
	| { section: 'monitor'; monitorOn: string | null; instrument: string | null };

function sectionColumns(input: SectionInput, programmeNames: readonly string[]): Partial<SchoolProfileRow> {
	switch (input.section) {
		case 'mentors':
			return { mentor_text: input.mentorText };
		case 'complaints':
			return {
				complaints_commission: input.commission,
				// The LKC is one known commission: its name is ours to show, not typed by the school.
				complaints_commission_name: input.commission === 'other' ? input.commissionName : null,
				complaints_commission_url: input.commission === 'other' ? input.commissionUrl : null,
				complaints_text: input.complaintsText
			};
		case 'mr_consent':
			return { mr_consent_safety_policy: input.consent, mr_consent_on: input.consent === 'yes' ? input.consentOn : null };
		case 'programme': {
			if (input.choice.startsWith('catalogue:')) {
				const name = input.choice.slice('catalogue:'.length);
				if (!programmeNames.includes(name)) throw new RuleError('choice', 'profile_error_choose');
				return { programme_choice: 'catalogue', programme_name: name, programme_since_year: input.sinceYear };
			}
			if (input.choice === 'other') return { programme_choice: 'other', programme_name: input.otherName, programme_since_year: input.sinceYear };
			if (input.choice === 'none') return { programme_choice: 'none', programme_name: null, programme_since_year: null };
			return { programme_choice: null, programme_name: null, programme_since_year: null };
		}
		case 'monitor':
			return { monitor_on: input.monitorOn, monitor_instrument: input.instrument };
	}
}

export async function saveSection(db: Db, actor: Actor | undefined, code: string, input: SectionInput, programmeNames: readonly string[]): Promise<void> {
	const school = await requireSchool(db, actor, code, EDITORS);
	const columns = sectionColumns(input, programmeNames);
	await ensureProfileRow(db, school.id);
	const before = await db.selectFrom('school_profile').selectAll().where('school_id', '=', school.id).executeTakeFirstOrThrow();
	const normalisedBefore = { ...before, programme_since_year: before.programme_since_year === null ? null : Number(before.programme_since_year) };
	await db.updateTable('school_profile').set({ ...columns, updated_at: nowIso() }).where('school_id', '=', school.id).execute();
	await audit(db, actor!, school, input.section satisfies ProfileSection, changedFields(normalisedBefore, columns));
}

export interface DocumentInput {
	status: DocumentStatus | 'unknown';
	url: string | null;
	/** The uploaded bytes, when a file was chosen. */
	file: Uint8Array | undefined;
}

/**
 * Saves one document: an uploaded PDF (checked by content), an https link, "we do not have this" or nothing known.
 * Returns the storage key of a file that is no longer used; the caller deletes it after the transaction committed.
 * The key of a newly stored file is pushed onto `stored`, so the caller can delete it if the transaction rolls back.
 */
export async function saveDocument(
	db: Db,
	actor: Actor | undefined,
	code: string,
	kind: DocumentKind,
	input: DocumentInput,
	stored: string[] = []
): Promise<string | undefined> {
	const school = await requireSchool(db, actor, code, EDITORS);
	const existing = await db.selectFrom('school_document').selectAll().where('school_id', '=', school.id).where('kind', '=', kind).executeTakeFirst();
	const now = nowIso();
	if (input.status === 'unknown') {
		if (existing) await db.deleteFrom('school_document').where('id', '=', existing.id).execute();
		await audit(db, actor!, school, kind, ['removed']);
		return existing?.file_key ?? undefined;
	}
	let file: Pick<SchoolDocumentRow, 'file_key' | 'file_size' | 'file_sha256'> = { file_key: null, file_size: null, file_sha256: null };
	if (input.status === 'file') {
		if (input.file && input.file.byteLength > 0) {
			const problem = await pdfProblem(input.file, MAX_DOCUMENT_BYTES);
			if (problem) throw new RuleError('file', `profile_error_pdf_${problem}`);
			const key = newId();
			// Under the school's data key, like everything the school keeps here (decision 0015).
			await putFile(key, input.file, await ensureDataKey(db, schoolScope(school.id)));
			stored.push(key);
			file = { file_key: key, file_size: input.file.byteLength, file_sha256: crypto.createHash('sha256').update(input.file).digest('hex') };
		} else if (existing?.file_key) {
			file = { file_key: existing.file_key, file_size: existing.file_size, file_sha256: existing.file_sha256 };
		} else {
			throw new RuleError('file', 'profile_error_file_required');
		}
	}
	const values = { status: input.status, url: input.status === 'link' ? input.url : null, ...file, updated_at: now };
	if (existing) await db.updateTable('school_document').set(values).where('id', '=', existing.id).execute();
	else await db.insertInto('school_document').values({ id: newId(), school_id: school.id, kind, ...values }).execute();
	await audit(db, actor!, school, kind, changedFields(existing, { status: values.status, url: values.url, file_sha256: values.file_sha256 }));
	return existing?.file_key && existing.file_key !== file.file_key ? existing.file_key : undefined;
}

// The public school page

export interface PublicContact {
	kind: ContactKind;
	name: string;
	jobTitle: string | null;
	email: string | null;
	phone: string | null;
	hours: string | null;
}

export interface PublicDocument {
	kind: DocumentKind;
	/** 'file': served by us; 'link': on the school's own site. */
	source: 'file' | 'link';
	url: string | null;
	size: number | null;
	updatedAt: string;
}

export interface PublicProfile {
	contacts: PublicContact[];
	coordinatorIsAanspreekpunt: boolean;
	mentorText: string | null;
	complaints: { commission: 'lkc' | 'other'; name: string | null; url: string | null } | null;
	complaintsText: string | null;
	documents: PublicDocument[];
	programme: { name: string; fromCatalogue: boolean; sinceYear: number | null } | null;
	monitor: { on: string; instrument: string | null } | null;
	/** The school published at least one thing. */
	published: boolean;
}

/** Only what the school chose to publish: people marked public, documents present, no internal notes. */
export function toPublicProfile(data: ProfileData): PublicProfile {
	const contacts = CONTACT_KINDS.map((kind) => data.contacts[kind])
		.filter((c): c is ContactView => c !== undefined && c.public)
		.map(({ kind, name, jobTitle, email, phone, hours }) => ({ kind, name, jobTitle, email, phone, hours }));
	const documents = DOCUMENT_KINDS.map((kind) => data.documents[kind])
		.filter((d): d is DocumentView => d !== undefined && (d.status === 'file' || d.status === 'link'))
		.map((d) => ({ kind: d.kind, source: d.status as 'file' | 'link', url: d.url, size: d.size, updatedAt: d.updatedAt }));
	const p = data.profile;
	const complaints = p?.complaints_commission ? { commission: p.complaints_commission, name: p.complaints_commission_name, url: p.complaints_commission_url } : null;
	const programme =
		p?.programme_name && (p.programme_choice === 'catalogue' || p.programme_choice === 'other')
			? { name: p.programme_name, fromCatalogue: p.programme_choice === 'catalogue', sinceYear: p.programme_since_year }
			: null;
	const monitor = p?.monitor_on ? { on: p.monitor_on, instrument: p.monitor_instrument } : null;
	const profile: Omit<PublicProfile, 'published'> = {
		contacts,
		coordinatorIsAanspreekpunt: p?.coordinator_is_aanspreekpunt === 'yes',
		mentorText: p?.mentor_text ?? null,
		complaints,
		complaintsText: p?.complaints_text ?? null,
		documents,
		programme,
		monitor
	};
	const published = contacts.length > 0 || documents.length > 0 || Boolean(profile.mentorText || complaints || profile.complaintsText || programme || monitor);
	return { ...profile, published };
}

export async function findPublicProfile(db: Db, code: string): Promise<PublicProfile | undefined> {
	const normalised = normaliseSchoolCode(code);
	if (!normalised) return undefined;
	const school = await db.selectFrom('school').select('id').where('vestigingscode', '=', normalised).executeTakeFirst();
	return school ? toPublicProfile(await profileDataOf(db, school.id)) : undefined;
}

/** A published document, for the public download route: the stored file's key, or the school's link. */
/** A published document: its bytes when the school stored a PDF, its address when it links to its own site. */
export async function findPublicDocument(db: Db, code: string, kind: DocumentKind): Promise<{ bytes: Buffer } | { url: string } | undefined> {
	const normalised = normaliseSchoolCode(code);
	if (!normalised) return undefined;
	const row = await db
		.selectFrom('school_document')
		.innerJoin('school', 'school.id', 'school_document.school_id')
		.select(['school.id', 'school_document.status', 'school_document.file_key', 'school_document.url'])
		.where('school.vestigingscode', '=', normalised)
		.where('school_document.kind', '=', kind)
		.executeTakeFirst();
	if (row?.status === 'file' && row.file_key) {
		const bytes = await getFile(row.file_key, await ensureDataKey(db, schoolScope(row.id)));
		return bytes ? { bytes } : undefined;
	}
	if (row?.status === 'link' && row.url) return { url: row.url };
	return undefined;
}

// Legal duties

function personFacts(contact: ContactView | undefined): PersonFacts | undefined {
	return contact ? { named: Boolean(contact.name), public: contact.public, reachable: Boolean(contact.email || contact.phone) } : undefined;
}

export function dutyFactsOf(data: ProfileData): DutyFacts {
	return {
		safetyPolicy: data.documents.safety_policy?.status,
		complaintsProcedure: data.documents.complaints_procedure?.status,
		monitorOn: data.profile?.monitor_on ?? null,
		aanspreekpunt: personFacts(data.contacts.aanspreekpunt),
		coordinator: personFacts(data.contacts.coordinator),
		coordinatorIsAanspreekpunt: data.profile?.coordinator_is_aanspreekpunt ?? null,
		mrConsent: data.profile?.mr_consent_safety_policy ?? null
	};
}


/** The duty dashboard of one school: for its admins, and for the board the school belongs to. */
export async function getSchoolDuties(db: Db, actor: Actor | undefined, code: string): Promise<{ school: School; duties: DutyAssessment[]; mayEdit: boolean }> {
	const school = await requireSchool(db, actor, code, ['school_admin', 'board_analyst']);
	const duties = assessDuties(dutyFactsOf(await profileDataOf(db, school.id)), todayInNetherlands());
	const mayEdit = actor!.roles.some((r) => r.role === 'school_admin' && r.school_id === school.id);
	return { school, duties, mayEdit };
}

export interface BoardDutyTable {
	id: string;
	name: string;
	schools: { name: string; place: string; vestigingscode: string; duties: DutyAssessment[] }[];
}

/** One table per board: every school of the board with the state of each duty. Aggregate facts only. */
export async function listBoardDuties(db: Db, actor: Actor | undefined): Promise<BoardDutyTable[]> {
	requireRole(actor, ['board_analyst']);
	const boardIds = boardIdsFor(actor, ['board_analyst']);
	if (boardIds.length === 0) return [];
	const boards = await db.selectFrom('board').select(['id', 'name']).where('id', 'in', boardIds).orderBy('name').execute();
	const schools = await db.selectFrom('school').select(['id', 'name', 'place', 'vestigingscode', 'board_id']).where('board_id', 'in', boardIds).orderBy('name').execute();
	const data = await loadProfileData(db, schools.map((s) => s.id));
	const day = todayInNetherlands();
	return boards.map((board) => ({
		...board,
		schools: schools
			.filter((s) => s.board_id === board.id)
			.map((s) => ({ name: s.name, place: s.place, vestigingscode: s.vestigingscode, duties: assessDuties(dutyFactsOf(data.get(s.id)!), day) }))
	}));
}

/** Schools that filled in their profile, for the sitemap: their code and the day of the last change. */
export async function listProfiledSchools(db: Db): Promise<{ vestigingscode: string; updatedOn: string }[]> {
	const rows = await db
		.selectFrom('school_profile')
		.innerJoin('school', 'school.id', 'school_profile.school_id')
		.select(['school.vestigingscode', 'school_profile.updated_at'])
		.orderBy('school.vestigingscode')
		.execute();
	return rows.map((r) => ({ vestigingscode: r.vestigingscode, updatedOn: r.updated_at.slice(0, 10) }));
}

export interface ReportableSchool {
	id: string;
	vestigingscode: string;
	name: string;
}

/**
 * A school that takes reports through Pestwijzer (issue 11): on Pestwijzer and with an aanspreekpunt on its
 * profile. Undefined otherwise; the report page then points to the school's own route.
 */
export async function findReportableSchool(db: Db, code: string): Promise<ReportableSchool | undefined> {
	const normalised = normaliseSchoolCode(code);
	if (!normalised) return undefined;
	return db
		.selectFrom('school')
		.innerJoin('school_contact', 'school_contact.school_id', 'school.id')
		.select(['school.id', 'school.vestigingscode', 'school.name'])
		.where('school.vestigingscode', '=', normalised)
		.where('school_contact.kind', '=', 'aanspreekpunt')
		.executeTakeFirst();
}
