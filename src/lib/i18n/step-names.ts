import * as m from '../paraglide/messages.js';
import type { LadderStep, SuggestionReason } from '../dossier/step-plan';

const NAMES: Record<LadderStep, () => string> = {
	leerkracht: m.step_leerkracht,
	aanspreekpunt: m.step_aanspreekpunt,
	mentor: m.step_mentor,
	vertrouwenspersoon: m.step_vertrouwenspersoon,
	zorgcoordinator: m.step_zorgcoordinator,
	vertrouwenspersoon_extern: m.step_vertrouwenspersoon_extern,
	jeugdarts: m.step_jeugdarts,
	huisarts: m.step_huisarts,
	leerplichtambtenaar: m.step_leerplichtambtenaar,
	vertrouwensinspecteur: m.step_vertrouwensinspecteur,
	kinderombudsman: m.step_kinderombudsman,
	coordinator: m.step_coordinator,
	mr: m.step_mr,
	klacht: m.step_klacht,
	inspectie: m.step_inspectie,
	politie: m.step_politie
};

const TEXTS: Record<LadderStep, () => string> = {
	leerkracht: m.step_leerkracht_text,
	aanspreekpunt: m.step_aanspreekpunt_text,
	mentor: m.step_mentor_text,
	vertrouwenspersoon: m.step_vertrouwenspersoon_text,
	zorgcoordinator: m.step_zorgcoordinator_text,
	vertrouwenspersoon_extern: m.step_vertrouwenspersoon_extern_text,
	jeugdarts: m.step_jeugdarts_text,
	huisarts: m.step_huisarts_text,
	leerplichtambtenaar: m.step_leerplichtambtenaar_text,
	vertrouwensinspecteur: m.step_vertrouwensinspecteur_text,
	kinderombudsman: m.step_kinderombudsman_text,
	coordinator: m.step_coordinator_text,
	mr: m.step_mr_text,
	klacht: m.step_klacht_text,
	inspectie: m.step_inspectie_text,
	politie: m.step_politie_text
};

const REASONS: Record<SuggestionReason, () => string> = {
	violence: m.step_reason_violence,
	physical_complaints: m.step_reason_physical_complaints,
	absence: m.step_reason_absence,
	images: m.step_reason_images,
	agreement_not_kept: m.step_reason_agreement_not_kept,
	case_closed_ongoing: m.step_reason_case_closed_ongoing,
	next_in_school: m.step_reason_next_in_school,
	school_done: m.step_reason_school_done
};

export const stepName = (step: LadderStep): string => NAMES[step]();
export const stepText = (step: LadderStep): string => TEXTS[step]();
export const stepReason = (reason: SuggestionReason): string => REASONS[reason]();
