/** The words for the report form's codes (src/lib/reports/report-form.ts), in the page's language. */
import * as m from '../paraglide/messages.js';
import type { Motive, OccurredAround, Ongoing, ReporterKind } from '../reports/report-form';

const MOTIVE: Record<Motive, () => string> = {
	appearance: m.report_motive_appearance,
	origin_or_skin_colour: m.report_motive_origin_or_skin_colour,
	religion: m.report_motive_religion,
	sexual_orientation: m.report_motive_sexual_orientation,
	gender_identity: m.report_motive_gender_identity,
	disability: m.report_motive_disability,
	other: m.report_motive_other
};

const AROUND: Record<OccurredAround, () => string> = {
	this_week: m.report_around_this_week,
	last_week: m.report_around_last_week,
	this_month: m.report_around_this_month,
	longer_ago: m.report_around_longer_ago
};

const ONGOING: Record<Ongoing, () => string> = {
	yes: m.report_ongoing_yes,
	no: m.report_ongoing_no,
	unknown: m.report_ongoing_unknown
};

const REPORTER_KIND: Record<ReporterKind, () => string> = {
	pupil: m.report_kind_pupil,
	parent: m.report_kind_parent,
	other: m.report_kind_other
};

export const motiveName = (motive: Motive): string => MOTIVE[motive]();
export const occurredAroundName = (around: OccurredAround): string => AROUND[around]();
export const ongoingName = (ongoing: Ongoing): string => ONGOING[ongoing]();
export const reporterKindName = (kind: ReporterKind): string => REPORTER_KIND[kind]();
