/**
 * The tables of Pestwijzer as Kysely sees them. Both databases store the same column types:
 * ids are random UUIDs as text, moments are ISO-8601 UTC text, yes/no is an integer 0/1
 * (docs/decisions/0003-one-schema-for-two-databases.md).
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export type Flag = 0 | 1;

export interface UserTable {
	id: string;
	email: string;
	email_verified_at: string | null;
	password_hash: string;
	display_name: string;
	locale: string;
	/** AES-256-GCM sealed with the secret key. */
	totp_secret: string | null;
	totp_enabled_at: string | null;
	totp_last_step: number | null;
	created_at: string;
	updated_at: string;
}

export interface RecoveryCodeTable {
	id: string;
	user_id: string;
	code_hash: string;
	used_at: string | null;
	created_at: string;
}

export interface SessionTable {
	/** SHA-256 of the token in the cookie: a stolen database holds no usable session. */
	id: string;
	user_id: string;
	/** 1 while the password was right but the second factor is still owed. */
	pending_second_factor: Flag;
	created_at: string;
	last_seen_at: string;
	expires_at: string;
}

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export interface EmailTokenTable {
	id: string;
	user_id: string;
	purpose: EmailTokenPurpose;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface RoleAssignmentTable {
	id: string;
	user_id: string;
	role: string;
	school_id: string | null;
	board_id: string | null;
	created_at: string;
}

export interface BoardTable {
	id: string;
	/** DUO "bevoegd gezag nummer". */
	code: string | null;
	name: string;
	created_at: string;
}

export interface SchoolTable {
	id: string;
	/** DUO vestigingscode, 6 characters. */
	vestigingscode: string;
	/** DUO instellingscode (the old BRIN), 4 characters. */
	instellingscode: string;
	name: string;
	place: string;
	postcode: string | null;
	sector: string;
	board_id: string | null;
	created_at: string;
	updated_at: string;
}

export interface MailOutboxTable {
	id: string;
	to_address: string;
	subject: string;
	text_body: string;
	locale: string;
	created_at: string;
}

export interface RateLimitTable {
	key: string;
	window_started_at: string;
	count: number;
}

export interface HelpResourceTable {
	id: string;
	name: string;
	description_nl: string;
	description_en: string | null;
	when_to_use_nl: string;
	when_to_use_en: string | null;
	phone: string | null;
	phone_verified: Flag;
	website: string | null;
	website_verified: Flag;
	hours: string | null;
	hours_verified: Flag;
	always_open: Flag;
	ages: string | null;
	/** JSON arrays. */
	channels: string;
	audiences: string;
	topics: string;
	source_url: string;
	caveats: string | null;
	/** yyyy-mm-dd */
	last_checked: string;
	retired_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface AuditEventTable {
	id: string;
	seq: number;
	actor_user_id: string | null;
	action: string;
	subject_type: string;
	subject_id: string;
	/** JSON: what changed, never personal data of children. */
	detail: string;
	created_at: string;
	prev_hash: string;
	hash: string;
}

export interface AuditChainHeadTable {
	id: number;
	seq: number;
	hash: string;
}

export interface FeedbackTable {
	id: string;
	page: string;
	locale: string;
	helpful: Flag;
	comment: string | null;
	/** yyyy-mm-dd */
	created_on: string;
}

export interface InvitationTable {
	id: string;
	token_hash: string;
	email: string;
	display_name: string;
	role: string;
	school_id: string | null;
	board_id: string | null;
	/** For a second parent or guardian of a child's dossier. */
	child_id: string | null;
	invited_by_user_id: string | null;
	locale: string;
	created_at: string;
	expires_at: string;
	accepted_at: string | null;
	accepted_user_id: string | null;
	revoked_at: string | null;
}

export type YesNo = 'yes' | 'no';

export interface SchoolProfileTable {
	school_id: string;
	coordinator_is_aanspreekpunt: YesNo | null;
	mentor_text: string | null;
	complaints_commission: 'lkc' | 'other' | null;
	complaints_commission_name: string | null;
	complaints_commission_url: string | null;
	complaints_text: string | null;
	mr_consent_safety_policy: YesNo | null;
	/** yyyy-mm-dd */
	mr_consent_on: string | null;
	programme_choice: 'catalogue' | 'other' | 'none' | null;
	programme_name: string | null;
	programme_since_year: number | null;
	/** yyyy-mm-dd */
	monitor_on: string | null;
	monitor_instrument: string | null;
	updated_at: string;
}

export interface SchoolContactTable {
	id: string;
	school_id: string;
	kind: string;
	user_id: string | null;
	name: string;
	job_title: string | null;
	email: string | null;
	phone: string | null;
	hours: string | null;
	public: Flag;
	updated_at: string;
}

export interface SchoolDocumentTable {
	id: string;
	school_id: string;
	kind: string;
	status: 'file' | 'link' | 'absent';
	url: string | null;
	file_key: string | null;
	file_size: number | null;
	file_sha256: string | null;
	updated_at: string;
}

export interface ChildTable {
	id: string;
	name: string;
	birth_year: number;
	year_group: string | null;
	school_id: string | null;
	school_name: string | null;
	created_at: string;
	updated_at: string;
}

export interface ChildGuardianTable {
	child_id: string;
	user_id: string;
	created_at: string;
}

export interface IncidentTable {
	id: string;
	child_id: string;
	/** yyyy-mm-dd */
	occurred_on: string;
	/** HH:MM */
	occurred_time: string | null;
	approximate: Flag;
	place: string | null;
	place_detail: string | null;
	online_platform: string | null;
	/** JSON array of BullyingForm identifiers. */
	forms: string;
	perpetrators: string | null;
	witnesses: string | null;
	what_happened: string | null;
	child_response: string | null;
	adults_knew: string | null;
	impact_emotional: string | null;
	impact_physical: string | null;
	absence_days: number | null;
	physical_violence: Flag;
	created_at: string;
	updated_at: string;
}

export interface AttachmentTable {
	id: string;
	incident_id: string;
	child_id: string;
	content_type: string;
	display_name: string;
	size: number;
	sha256: string;
	width: number | null;
	height: number | null;
	file_key: string;
	received_at: string;
}

export interface DossierContactTable {
	id: string;
	child_id: string;
	/** yyyy-mm-dd */
	contacted_on: string;
	person_name: string | null;
	rung: string;
	channel: string;
	summary: string | null;
	created_at: string;
	updated_at: string;
}

export type AgreementStatus = 'open' | 'kept' | 'broken';

export interface AgreementTable {
	id: string;
	contact_id: string;
	child_id: string;
	position: number;
	description: string;
	/** yyyy-mm-dd */
	follow_up_on: string | null;
	status: AgreementStatus;
	reminded_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface StepSkipTable {
	child_id: string;
	step: string;
	created_at: string;
}

/** A browser that logged in to this account before (device cookie): it keeps its own log-in allowance. */
export interface LoginDeviceTable {
	/** SHA-256 of the token in the device cookie. */
	id: string;
	user_id: string;
	created_at: string;
	expires_at: string;
}

/** One row (id 1): the version of what public pages show, bumped by triggers (migration 008). */
export interface ContentVersionTable {
	id: number;
	/** bigint: PostgreSQL's driver hands it over as a string. */
	version: number | string | bigint;
}

/** A data key of the envelope (migration 009, decision 0015), wrapped by the secret key. */
export interface DataKeyTable {
	/** "dossier:<child id>", later "school:<school id>". */
	scope: string;
	/** k1.<secret key id>.<sealed key> (crypto/envelope.ts). */
	wrapped: string;
	created_at: string;
}

/** A scope whose rows are sealed but whose files still wait to be re-encrypted under its data key. */
export interface SealingPendingTable {
	scope: string;
}

/** A report to a school (issue 11, decision 0019). Free text is sealed under the school's data key. */
export interface ReportTable {
	id: string;
	school_id: string;
	channel: 'online' | 'in_person' | 'phone' | 'email' | 'paper';
	reporter_kind: 'pupil' | 'parent' | 'other';
	anonymous: Flag;
	/** The day only (Dutch calendar), never a time. */
	received_on: string;
	what_happened: string;
	place: string | null;
	people_involved: string | null;
	reporter_name: string | null;
	contact: string | null;
	occurred_on: string | null;
	occurred_around: 'this_week' | 'last_week' | 'this_month' | 'longer_ago' | null;
	/** JSON array of BullyingForm codes. */
	forms: string;
	/** JSON array of motive codes. */
	motives: string;
	ongoing: 'yes' | 'no' | 'unknown';
	status: 'new' | 'acknowledged';
	receipt_lookup: string | null;
	passphrase_hash: string | null;
	/** A report from the dossier (014): the child's dossier and the parent, so the school's answers reach them. */
	child_id: string | null;
	reporter_user_id: string | null;
	/** The day staff acknowledged the report (migration 012), never a time. */
	acknowledged_on: string | null;
	/** Who on the staff entered an oral or paper report; never set for an online report. */
	entered_by_user_id: string | null;
}

export interface ReportMessageTable {
	id: string;
	report_id: string;
	position: number;
	author: 'reporter' | 'school';
	body: string;
	written_on: string;
}

export interface ReportAttachmentTable {
	id: string;
	report_id: string;
	file_key: string;
	content_type: string;
	size: number;
	/** HMAC of the stored bytes under a key derived from the school's data key: finds duplicates within a school. */
	content_mac: string;
	/** A file shared from the dossier: its item, withdrawn with it (014). */
	item_id: string | null;
}

/** School years a school keeps its closed cases (016). */
export interface CaseRetentionTable {
	school_id: string;
	school_years: number;
	updated_at: string;
}

/** Instant mails or a daily digest, per account (015). */
export interface NotificationSettingTable {
	user_id: string;
	mode: 'instant' | 'daily';
	updated_at: string;
}

/** What waits for an account's next digest: a kind code, a link path and the day, nothing else (015). */
export interface NotificationPendingTable {
	id: string;
	user_id: string;
	kind: string;
	link: string;
	happened_on: string;
}

export interface NotificationDigestTable {
	user_id: string;
	day: string;
}

/** An incident or file a parent shared from the dossier, copied under the school's key (014). */
export interface ReportItemTable {
	id: string;
	report_id: string;
	position: number;
	kind: 'incident' | 'attachment';
	/** The dossier's id of the item, for the parent's consent list. */
	source_id: string;
	parent_item_id: string | null;
	/** Sealed JSON of what was shared; null once withdrawn. */
	content: string | null;
	shared_on: string;
	withdrawn_on: string | null;
}

/** A case: the school's handling of one or more reports (issue 11, decision 0021). */
export interface CaseTable {
	id: string;
	school_id: string;
	state: 'new' | 'intake' | 'in_progress' | 'monitoring' | 'closed';
	/** '2026-2027' (GLOSSARY: schoolYear), the year of opened_on. */
	school_year: string;
	opened_on: string;
	closed_on: string | null;
	/** Hotspot codes, chosen by the handler (a report's own place is free text and sealed). */
	place: 'class' | 'playground' | 'corridor' | 'gym' | 'way_to_school' | 'online' | 'elsewhere' | null;
	time_of_day: 'before_school' | 'lesson' | 'break' | 'after_school' | 'evening_or_weekend' | null;
	/** JSON array of BullyingForm codes. */
	forms: string;
	/** JSON array of motive codes. */
	motives: string;
	legal_hold: Flag;
	/** Sealed under the school key. */
	legal_hold_reason: string | null;
	evaluation_stopped: 'yes' | 'partly' | 'no' | null;
	evaluation_checked_after_weeks: number | null;
	evaluation_checked_on: string | null;
	evaluation_target_asked: Flag | null;
}

export interface CaseReportTable {
	case_id: string;
	report_id: string;
}

export interface CaseHandlerTable {
	case_id: string;
	user_id: string;
	role: 'aanspreekpunt' | 'coordinator' | 'mentor' | 'vertrouwenspersoon' | 'zorgcoordinator';
	assigned_on: string;
}

export interface CasePupilTable {
	id: string;
	case_id: string;
	role: 'target' | 'pupil_who_bullies' | 'bystander' | 'defender' | 'witness';
	/** Sealed under the school key. */
	name: string | null;
	class_name: string | null;
	description: string | null;
	/** The school key's MAC of school year, normalised name and class; null for a pupil known only by description. */
	link_key: string | null;
}

/** The append-only chronology of a case: codes, people and times, never text. */
export interface CaseEventTable {
	id: string;
	case_id: string;
	position: number;
	kind: string;
	from_state: string | null;
	to_state: string | null;
	reason: string | null;
	subject_user_id: string | null;
	role: string | null;
	actor_user_id: string;
	at: string;
}

export interface CaseActionTable {
	id: string;
	case_id: string;
	kind: 'action' | 'agreement' | 'referral';
	referral_kind: 'youthDoctor' | 'leerplichtambtenaar' | 'wijkteam' | 'veiligThuis' | 'police' | null;
	owner_user_id: string;
	due_on: string;
	done_on: string | null;
	/** Sealed under the school key. */
	text: string;
	/** An agreement made with the reporter of this report, who sees it (migration 017); null otherwise. */
	reporter_report_id: string | null;
	/** The day the owner was reminded that it is due (the claim that makes the reminder go once). */
	reminded_on: string | null;
}

export interface CaseNoteTable {
	id: string;
	case_id: string;
	kind: 'internal_note' | 'confidential_note';
	author_user_id: string;
	written_at: string;
	/** Sealed: internal notes under the school key, confidential notes under the author's own key. */
	body: string;
}

export interface CaseStepUpTable {
	session_id: string;
	verified_at: string;
}

/** A suggested pair of reports that staff confirmed or dismissed (migration 012); report_a < report_b. */
export interface ReportLinkTable {
	report_a: string;
	report_b: string;
	school_id: string;
	decision: 'confirmed' | 'dismissed';
	decided_by_user_id: string | null;
	decided_on: string;
}

/** The school's acknowledgement target (migration 012); a school without a row has the defaults. */
export interface ReportSettingsTable {
	school_id: string;
	acknowledgement_school_days: Generated<number>;
	/** JSON array of 'YYYY-MM-DD' days the school is closed. */
	no_school_days: Generated<string>;
}

export interface Database {
	app_user: UserTable;
	recovery_code: RecoveryCodeTable;
	session: SessionTable;
	email_token: EmailTokenTable;
	role_assignment: RoleAssignmentTable;
	board: BoardTable;
	school: SchoolTable;
	mail_outbox: MailOutboxTable;
	rate_limit: RateLimitTable;
	help_resource: HelpResourceTable;
	audit_event: AuditEventTable;
	audit_chain_head: AuditChainHeadTable;
	feedback: FeedbackTable;
	invitation: InvitationTable;
	school_profile: SchoolProfileTable;
	school_contact: SchoolContactTable;
	school_document: SchoolDocumentTable;
	child: ChildTable;
	child_guardian: ChildGuardianTable;
	incident: IncidentTable;
	attachment: AttachmentTable;
	dossier_contact: DossierContactTable;
	agreement: AgreementTable;
	step_skip: StepSkipTable;
	login_device: LoginDeviceTable;
	content_version: ContentVersionTable;
	data_key: DataKeyTable;
	sealing_pending: SealingPendingTable;
	report: ReportTable;
	report_message: ReportMessageTable;
	report_item: ReportItemTable;
	notification_setting: NotificationSettingTable;
	notification_pending: NotificationPendingTable;
	notification_digest: NotificationDigestTable;
	case_retention: CaseRetentionTable;
	report_attachment: ReportAttachmentTable;
	case: CaseTable;
	case_report: CaseReportTable;
	case_handler: CaseHandlerTable;
	case_pupil: CasePupilTable;
	case_event: CaseEventTable;
	case_action: CaseActionTable;
	case_note: CaseNoteTable;
	case_step_up: CaseStepUpTable;
	report_link: ReportLinkTable;
	report_settings: ReportSettingsTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type School = Selectable<SchoolTable>;
export type MailOutboxEntry = Selectable<MailOutboxTable>;
export type HelpResourceRow = Selectable<HelpResourceTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type Invitation = Selectable<InvitationTable>;
export type SchoolProfileRow = Selectable<SchoolProfileTable>;
export type SchoolContactRow = Selectable<SchoolContactTable>;
export type SchoolDocumentRow = Selectable<SchoolDocumentTable>;
export type ChildRow = Selectable<ChildTable>;
export type IncidentRow = Selectable<IncidentTable>;
export type AttachmentRow = Selectable<AttachmentTable>;
export type DossierContactRow = Selectable<DossierContactTable>;
export type AgreementRow = Selectable<AgreementTable>;
export type ReportRow = Selectable<ReportTable>;
export type ReportMessageRow = Selectable<ReportMessageTable>;
export type CaseRow = Selectable<CaseTable>;
export type CaseActionRow = Selectable<CaseActionTable>;
