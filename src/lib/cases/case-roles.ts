/**
 * Who takes part in a case and who may read what is written in it (issue 11, items 5, 6 and 8). Browser-safe and pure;
 * the case service asks mayRead before it unseals any text, and filters search, exports and notifications with it.
 */
import type { SchoolRole } from '../auth/roles';

/**
 * The school roles that can be assigned to handle a case (GLOSSARY); `satisfies` keeps them within the school roles of
 * src/lib/auth/roles.ts. The school admin manages accounts and the
 * profile and is never a handler by that role.
 */
export const HANDLER_ROLES = ['aanspreekpunt', 'coordinator', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator'] as const satisfies readonly SchoolRole[];
export type HandlerRole = (typeof HANDLER_ROLES)[number];

export function isHandlerRole(role: string): role is HandlerRole {
	return (HANDLER_ROLES as readonly string[]).includes(role);
}

/** The roles of pupils in a case, as anti-bullying programmes name the group around bullying. */
export const PUPIL_ROLES = ['target', 'pupil_who_bullies', 'bystander', 'defender', 'witness'] as const;
export type PupilRole = (typeof PUPIL_ROLES)[number];

export function isPupilRole(role: string): role is PupilRole {
	return (PUPIL_ROLES as readonly string[]).includes(role);
}

/**
 * Where a case can be referred outside school. youthDoctor and leerplichtambtenaar are glossary identifiers; the
 * glossary has none yet for the wijkteam, Veilig Thuis and the police (policeReport is an aangifte, which a parent
 * makes, not a referral by the school), so these follow its style.
 */
export const REFERRAL_KINDS = ['youthDoctor', 'leerplichtambtenaar', 'wijkteam', 'veiligThuis', 'police'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export function isReferralKind(kind: string): kind is ReferralKind {
	return (REFERRAL_KINDS as readonly string[]).includes(kind);
}

/**
 * The three kinds of writing in a case:
 * - message: between the school and the reporter; the reporter reads it (with the receipt code or in the dossier);
 * - internal_note: for the case's handlers and the coordinator;
 * - confidential_note: of a vertrouwenspersoon, for that person alone.
 */
export const WRITING_KINDS = ['message', 'internal_note', 'confidential_note'] as const;
export type WritingKind = (typeof WRITING_KINDS)[number];

export interface Writing {
	kind: WritingKind;
	/** The user who wrote it; undefined for a message of an anonymous reporter. */
	authorId: string | undefined;
}

/**
 * Who wants to read. The service builds this for the case's own school only: staff of another school never get this
 * far (they get the same 404 as for a case that does not exist).
 */
export type Reader =
	| {
			kind: 'staff';
			userId: string;
			/** The reader's roles at the case's school (and board_analyst, if held). */
			roles: readonly string[];
			/** The reader is assigned as a handler of this case. */
			isCaseHandler: boolean;
	  }
	/** The reporter of one of the case's reports, known by the receipt code or as the parent who reported. */
	| { kind: 'reporter' };

/**
 * Whether the staff member sees the case at all: its handlers and the school's coordinator (need to know). Rights come
 * only from these two; being school_admin or board_analyst adds nothing, and holding one of them takes nothing away
 * from someone who is also a handler (in a small school the head can be school admin and aanspreekpunt at once).
 */
export function mayReadCase(reader: Reader): boolean {
	if (reader.kind !== 'staff') return false;
	return reader.isCaseHandler || reader.roles.includes('coordinator');
}

export function mayRead(writing: Writing, reader: Reader): boolean {
	switch (writing.kind) {
		case 'message':
			return reader.kind === 'reporter' || mayReadCase(reader);
		case 'internal_note':
			return mayReadCase(reader);
		case 'confidential_note':
			// Its author alone: not the coordinator, not other handlers, not another vertrouwenspersoon of the school.
			return reader.kind === 'staff' && writing.authorId !== undefined && reader.userId === writing.authorId && mayReadCase(reader);
	}
}

/** Who may write each kind: the reporter only messages; a confidential note only a vertrouwenspersoon who handles the case. */
export function mayWrite(kind: WritingKind, writer: Reader): boolean {
	if (writer.kind === 'reporter') return kind === 'message';
	if (!mayReadCase(writer)) return false;
	if (kind === 'confidential_note') return writer.isCaseHandler && writer.roles.includes('vertrouwenspersoon');
	return true;
}
