/**
 * The outcome message to the reporter (issue 11, item 6): a guided text in words that protect the other pupils. The
 * handler chooses general measures from a fixed list; the text says what the school did in general terms and what
 * the reporter can do if it goes on. There is no free text in it, so it cannot name another pupil or their measures.
 * Browser-safe and pure: the case page can show the same text as a preview before it is sent.
 */
import * as m from '../paraglide/messages.js';
import type { Locale } from '../i18n/locale';

export const GENERAL_MEASURES = ['talked_with_pupils', 'informed_parents', 'agreements_made', 'class_activity', 'extra_supervision', 'keeps_watching', 'help_outside_school'] as const;
export type GeneralMeasure = (typeof GENERAL_MEASURES)[number];

/** Pupils are addressed with "je", parents and others with "u" (B1, as elsewhere on Pestwijzer). */
export type OutcomeAudience = 'pupil' | 'parent';

export function isGeneralMeasure(value: string): value is GeneralMeasure {
	return (GENERAL_MEASURES as readonly string[]).includes(value);
}

const MEASURE_TEXT: Record<GeneralMeasure, (locale: Locale) => string> = {
	talked_with_pupils: (locale) => m.case_outcome_measure_talked_with_pupils({}, { locale }),
	informed_parents: (locale) => m.case_outcome_measure_informed_parents({}, { locale }),
	agreements_made: (locale) => m.case_outcome_measure_agreements_made({}, { locale }),
	class_activity: (locale) => m.case_outcome_measure_class_activity({}, { locale }),
	extra_supervision: (locale) => m.case_outcome_measure_extra_supervision({}, { locale }),
	keeps_watching: (locale) => m.case_outcome_measure_keeps_watching({}, { locale }),
	help_outside_school: (locale) => m.case_outcome_measure_help_outside_school({}, { locale })
};

export class OutcomeMessageError extends Error {
	override name = 'OutcomeMessageError';
}

/**
 * The text of the outcome message. Measures are shown once each, in the order of GENERAL_MEASURES (so the order of
 * ticking does not matter); an unknown code or none at all is refused.
 */
export function outcomeMessage(measures: readonly string[], audience: OutcomeAudience, locale: Locale): string {
	if (measures.length === 0) throw new OutcomeMessageError('choose at least one measure');
	for (const measure of measures) if (!isGeneralMeasure(measure)) throw new OutcomeMessageError(`unknown measure: ${measure}`);
	const chosen = GENERAL_MEASURES.filter((measure) => measures.includes(measure));
	const intro = audience === 'pupil' ? m.case_outcome_intro_pupil({}, { locale }) : m.case_outcome_intro_parent({}, { locale });
	const goesOn = audience === 'pupil' ? m.case_outcome_goes_on_pupil({}, { locale }) : m.case_outcome_goes_on_parent({}, { locale });
	const privacy = audience === 'pupil' ? m.case_outcome_privacy_pupil({}, { locale }) : m.case_outcome_privacy_parent({}, { locale });
	return [intro, chosen.map((measure) => `- ${MEASURE_TEXT[measure](locale)}`).join('\n'), privacy, goesOn].join('\n\n');
}
