import * as m from '../paraglide/messages.js';
import { CONTACT_KINDS, DOCUMENT_KINDS, PROFILE_SECTIONS, type ContactKind, type DocumentKind, type ProfileSection } from '../schools/school-profile';
import type { Duty, DutyStatus } from '../schools/legal-duties';

/** The name of a part of the school profile, in the user's language. */
export function profilePartName(part: ContactKind | ProfileSection): string {
	const names: Record<ContactKind | ProfileSection, () => string> = {
		aanspreekpunt: m.profile_part_aanspreekpunt,
		coordinator: m.profile_part_coordinator,
		vertrouwenspersoon_internal: m.profile_part_vp_internal,
		vertrouwenspersoon_external: m.profile_part_vp_external,
		zorgcoordinator: m.profile_part_zorgcoordinator,
		mr: m.profile_part_mr,
		mentors: m.profile_part_mentors,
		complaints: m.profile_part_complaints,
		mr_consent: m.profile_part_mr_consent,
		programme: m.profile_part_programme,
		monitor: m.profile_part_monitor
	};
	return names[part]();
}

export function documentName(kind: DocumentKind): string {
	const names: Record<DocumentKind, () => string> = {
		safety_policy: m.document_safety_policy,
		anti_bullying_protocol: m.document_anti_bullying_protocol,
		online_bullying_protocol: m.document_online_bullying_protocol,
		complaints_procedure: m.document_complaints_procedure,
		school_guide: m.document_school_guide
	};
	return names[kind]();
}

export function dutyName(duty: Duty): string {
	const names: Record<Duty, () => string> = {
		safety_policy: m.duty_safety_policy,
		monitor: m.duty_monitor,
		coordination_and_aanspreekpunt: m.duty_coordination,
		aanspreekpunt_public: m.duty_aanspreekpunt_public,
		complaints_procedure: m.duty_complaints_procedure,
		mr_consent: m.duty_mr_consent
	};
	return names[duty]();
}

/** What to do about a duty in this state. */
export function dutyAdvice(duty: Duty, status: DutyStatus): string {
	if (status === 'met') return m.duty_met_text();
	const advice: Record<Duty, () => string> = {
		safety_policy: m.duty_safety_policy_todo,
		monitor: m.duty_monitor_todo,
		coordination_and_aanspreekpunt: m.duty_coordination_todo,
		aanspreekpunt_public: m.duty_aanspreekpunt_public_todo,
		complaints_procedure: m.duty_complaints_procedure_todo,
		mr_consent: m.duty_mr_consent_todo
	};
	return advice[duty]();
}

export function dutyStatusName(status: DutyStatus): string {
	return status === 'met' ? m.duty_status_met() : status === 'missing' ? m.duty_status_missing() : m.duty_status_unknown();
}

/** The name of any part of the profile as the audit log records it (a contact kind, a section or a document kind). */
export function anyPartName(part: string): string {
	if ((DOCUMENT_KINDS as readonly string[]).includes(part)) return documentName(part as DocumentKind);
	if ((CONTACT_KINDS as readonly string[]).includes(part) || (PROFILE_SECTIONS as readonly string[]).includes(part)) {
		return profilePartName(part as ContactKind | ProfileSection);
	}
	return part;
}
