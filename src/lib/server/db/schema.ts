/**
 * The tables of Pestwijzer as Kysely sees them. Both databases store the same column types:
 * ids are random UUIDs as text, moments are ISO-8601 UTC text, yes/no is an integer 0/1
 * (docs/decisions/0003-one-schema-for-two-databases.md).
 */
import type { Insertable, Selectable } from 'kysely';

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
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type Session = Selectable<SessionTable>;
export type School = Selectable<SchoolTable>;
export type MailOutboxEntry = Selectable<MailOutboxTable>;
export type HelpResourceRow = Selectable<HelpResourceTable>;
export type AuditEvent = Selectable<AuditEventTable>;
