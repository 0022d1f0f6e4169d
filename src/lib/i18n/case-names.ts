/** The words for the codes of a case (src/lib/cases), in the page's language. */
import * as m from '../paraglide/messages.js';
import type { CaseState, ReopenReason, StoppedAnswer } from '../cases/case-state';
import type { HandlerRole, PupilRole, ReferralKind } from '../cases/case-roles';
import type { TimeOfDay } from '../cases/case-categories';
import type { GeneralMeasure } from '../cases/outcome-message';
import type { StepUpReason } from '../cases/case-step-up';
import { roleName } from './role-names';

const STATE: Record<CaseState, () => string> = {
	new: m.case_state_new,
	intake: m.case_state_intake,
	in_progress: m.case_state_in_progress,
	monitoring: m.case_state_monitoring,
	closed: m.case_state_closed
};
export const caseStateName = (state: CaseState): string => STATE[state]();

/** The button that moves a case to a state ("Start de intake"). */
const MOVE: Record<CaseState, () => string> = {
	new: m.case_state_new,
	intake: m.case_move_intake,
	in_progress: m.case_move_in_progress,
	monitoring: m.case_move_monitoring,
	closed: m.case_move_closed
};
export const caseMoveName = (to: CaseState, from: CaseState): string => (from === 'closed' && to === 'in_progress' ? m.case_move_reopen() : from === 'monitoring' && to === 'in_progress' ? m.case_move_back_in_progress() : MOVE[to]());

export const handlerRoleList = (roles: readonly HandlerRole[]): string => roles.map((r) => roleName(r)).join(', ');

const PUPIL_ROLE: Record<PupilRole, () => string> = {
	target: m.case_pupil_role_target,
	pupil_who_bullies: m.case_pupil_role_pupil_who_bullies,
	bystander: m.case_pupil_role_bystander,
	defender: m.case_pupil_role_defender,
	witness: m.case_pupil_role_witness
};
export const pupilRoleName = (role: PupilRole): string => PUPIL_ROLE[role]();

const REFERRAL: Record<ReferralKind, () => string> = {
	youthDoctor: m.case_referral_youth_doctor,
	leerplichtambtenaar: m.case_referral_leerplichtambtenaar,
	wijkteam: m.case_referral_wijkteam,
	veiligThuis: m.case_referral_veilig_thuis,
	police: m.case_referral_police
};
export const referralKindName = (kind: ReferralKind): string => REFERRAL[kind]();

const ACTION_KIND: Record<'action' | 'agreement' | 'referral', () => string> = {
	action: m.case_action_kind_action,
	agreement: m.case_action_kind_agreement,
	referral: m.case_action_kind_referral
};
export const actionKindName = (kind: 'action' | 'agreement' | 'referral'): string => ACTION_KIND[kind]();

const TIME_OF_DAY: Record<TimeOfDay, () => string> = {
	before_school: m.case_time_before_school,
	lesson: m.case_time_lesson,
	break: m.case_time_break,
	after_school: m.case_time_after_school,
	evening_or_weekend: m.case_time_evening_or_weekend
};
export const timeOfDayName = (time: TimeOfDay): string => TIME_OF_DAY[time]();

const MEASURE: Record<GeneralMeasure, () => string> = {
	talked_with_pupils: m.case_outcome_measure_talked_with_pupils,
	informed_parents: m.case_outcome_measure_informed_parents,
	agreements_made: m.case_outcome_measure_agreements_made,
	class_activity: m.case_outcome_measure_class_activity,
	extra_supervision: m.case_outcome_measure_extra_supervision,
	keeps_watching: m.case_outcome_measure_keeps_watching,
	help_outside_school: m.case_outcome_measure_help_outside_school
};
export const measureName = (measure: GeneralMeasure): string => MEASURE[measure]();

const STOPPED: Record<StoppedAnswer, () => string> = { yes: m.case_stopped_yes, partly: m.case_stopped_partly, no: m.case_stopped_no };
export const stoppedName = (answer: StoppedAnswer): string => STOPPED[answer]();

const REOPEN: Record<ReopenReason, () => string> = {
	started_again: m.case_reopen_started_again,
	new_information: m.case_reopen_new_information,
	closed_too_early: m.case_reopen_closed_too_early
};
export const reopenReasonName = (reason: ReopenReason): string => REOPEN[reason]();

export const stepUpReasonText = (reason: StepUpReason): string => (reason === 'closed' ? m.case_step_up_reason_closed() : m.case_step_up_reason_old());

/** One line of the chronology, from its codes; `who` names people by user id. */
export function caseEventText(
	event: { kind: string; fromState: string | null; toState: string | null; reason: string | null; subjectUserId: string | null; role: string | null },
	who: (userId: string | null) => string
): string {
	const state = (s: string | null) => (s && s in STATE ? STATE[s as CaseState]() : '');
	switch (event.kind) {
		case 'opened':
			return m.case_event_opened();
		case 'reports_linked':
			return m.case_event_reports_linked();
		case 'classified':
			return m.case_event_classified();
		case 'state_changed':
			return event.reason && event.reason in REOPEN
				? m.case_event_reopened({ to: state(event.toState), reason: REOPEN[event.reason as ReopenReason]() })
				: m.case_event_state_changed({ from: state(event.fromState), to: state(event.toState) });
		case 'handler_assigned':
			return m.case_event_handler_assigned({ person: who(event.subjectUserId), role: roleName(event.role ?? '') });
		case 'handler_unassigned':
			return m.case_event_handler_unassigned({ person: who(event.subjectUserId), role: roleName(event.role ?? '') });
		case 'pupil_added':
			return m.case_event_pupil_added({ role: event.reason && event.reason in PUPIL_ROLE ? PUPIL_ROLE[event.reason as PupilRole]() : '' });
		case 'action_added':
			return m.case_event_action_added({ kind: event.reason && event.reason in ACTION_KIND ? actionKindName(event.reason as 'action') : '', person: who(event.subjectUserId) });
		case 'action_done':
			return m.case_event_action_done();
		case 'internal_note_added':
			return m.case_event_internal_note_added();
		case 'outcome_sent':
			return m.case_event_outcome_sent();
		case 'legal_hold_set':
			return m.case_event_legal_hold_set();
		case 'legal_hold_lifted':
			return m.case_event_legal_hold_lifted();
		default:
			return event.kind;
	}
}
