/**
 * A case as a PDF (issue 11, item 10): the school's own record of one case, for a handler's file or a meeting, tagged
 * for screen readers like the dossier PDF (pdf/pdf-document.ts).
 *
 * It holds exactly what the case page shows this reader (caseViewOf, the read of getCase) and no more: the same
 * need-to-know check first, the same second factor for a closed or old case, and so the reader's own confidential
 * notes only, never another vertrouwenspersoon's (listReadableNotes does not even read those). The legal hold's
 * reason is the coordinator's alone on the page and is left out here. Reports are named by their plain facts from the
 * report service (day, channel, who reported), never their text: that stays in the inbox.
 *
 * The PDF is made in memory and answered at once; nothing is stored. Its export is audited as 'case.export.pdf'
 * with no content in the detail, after the bytes are made: no PDF leaves without its audit event.
 */
import * as m from '../../paraglide/messages.js';
import { inTransaction, type Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { recordAudit } from '../audit/audit.service';
import { PdfWriter, type ListItem } from '../pdf/pdf-document';
import { reportFactsOfSchool, type ReportFacts } from '../reports/report.service';
import { requireCase } from './case-access';
import { caseViewOf, type CaseView } from './case.service';
import type { CaseEventView } from '../../cases/case-view';
import { listCaseStaff } from './case-list.service';
import { stepUpNeed, type StepUpNeed } from './case-step-up';
import type { ReferralKind } from '../../cases/case-roles';
import { REOPEN_REASONS } from '../../cases/case-state';
import { roleName } from '../../i18n/role-names';
import { formatDate, formatDateTime, todayInNetherlands, type Locale } from '../../i18n/locale';
import type { MessageKey } from '../../i18n/translate';

export interface CasePdfOptions {
	locale: Locale;
	/** Tests read the raw PDF. */
	compress?: boolean;
	/** "Made on", overdue actions and the PDF's creation date. */
	now?: Date;
}

export type CasePdfResult = { ok: true; bytes: Buffer } | { ok: false; stepUp: StepUpNeed };

/** The download's name: the case's short reference only, never a pupil's name (a file name travels in mail and logs). */
export function casePdfFileName(caseId: string): string {
	return `zaak-${caseId.replace(/[^0-9a-f]/gi, '').slice(0, 8).toLowerCase()}.pdf`;
}

/**
 * The case as a PDF for this reader. NotFound for anyone without need to know (before anything else, as on the case
 * page); for a closed or old case without a recent second factor, only the step-up need and nothing audited.
 */
export async function buildCasePdf(db: Db, actor: Actor | undefined, code: string, caseId: string, session: { sessionId: string }, options: CasePdfOptions): Promise<CasePdfResult> {
	const context = await requireCase(db, actor, code, caseId);
	const now = options.now ?? new Date();
	const need = await stepUpNeed(db, context.row, session.sessionId, now);
	if (need.required) return { ok: false, stepUp: need };

	const [view, staff] = await Promise.all([caseViewOf(db, context, now), listCaseStaff(db, actor, code)]);
	// Through the report service: its facts are codes and days, never what a reporter wrote.
	const reports = await reportFactsOfSchool(db, context.school.id, { ids: view.reportIds });
	const names = new Map(staff.map((s) => [s.userId, s.name]));
	const bytes = await render(view, { school: `${context.school.name}, ${context.school.place}`, reports, names, readerId: context.actor.userId, locale: options.locale, compress: options.compress, now });

	await inTransaction(db, (trx) =>
		recordAudit(trx, { actorUserId: context.actor.userId, action: 'case.export.pdf', subjectType: 'case', subjectId: context.row.id, detail: {} })
	);
	return { ok: true, bytes };
}

interface RenderInput {
	school: string;
	reports: readonly ReportFacts[];
	names: ReadonlyMap<string, string>;
	readerId: string;
	locale: Locale;
	compress?: boolean;
	now: Date;
}

async function render(view: CaseView, input: RenderInput): Promise<Buffer> {
	const { locale } = input;
	const say = (key: MessageKey, params: Record<string, string | number> = {}) => t(locale, key, params);
	const date = (day: string) => formatDate(day, locale);
	const who = (userId: string | null) => (userId === null ? '' : (input.names.get(userId) ?? say('case_person_former')));
	const title = say('case_title', { ref: view.id.slice(0, 8) });
	const pdf = new PdfWriter({ title, lang: locale, subject: say('case_pdf_subject'), compress: input.compress, creationDate: input.now });

	// The first lines: what this is and that it is confidential, before any name.
	pdf.heading(1, title);
	pdf.paragraph(say('case_pdf_confidential'), { bold: true });
	pdf.keyValue(say('case_pdf_label_school'), input.school);
	pdf.keyValue(say('case_col_state'), say(`case_state_${view.state}`));
	pdf.keyValue(say('case_field_opened_on'), date(view.openedOn));
	if (view.closedOn) pdf.keyValue(say('case_pdf_label_closed_on'), date(view.closedOn));
	pdf.keyValue(say('case_field_school_year'), view.schoolYear);
	pdf.keyValue(say('case_field_place'), view.place ? say(`place_${view.place}`) : say('case_not_chosen'));
	pdf.keyValue(say('case_field_time_of_day'), view.timeOfDay ? say(`case_time_${view.timeOfDay}`) : say('case_not_chosen'));
	pdf.keyValue(say('case_field_forms'), view.forms.map((f) => say(`form_kind_${f}`)).join(', ') || say('case_not_chosen'));
	pdf.keyValue(say('case_field_motives'), view.motives.map((x) => say(`report_motive_${x}`)).join(', ') || say('case_not_chosen'));
	if (view.evaluation) {
		const e = view.evaluation;
		pdf.keyValue(say('case_field_evaluation'), say('case_evaluation_text', { stopped: say(`case_stopped_${e.stopped}`), weeks: e.checkedAfterWeeks, date: date(e.checkedOn) }));
	}
	if (view.legalHold) pdf.keyValue(say('case_hold_title'), say('case_pdf_legal_hold_on'));
	pdf.paragraph(say('case_pdf_made', { date: date(todayInNetherlands(input.now)), person: who(input.readerId) }));

	pdf.section(() => {
		pdf.heading(2, say('case_handlers_title'));
		pdf.list(view.handlers.map((h) => `${who(h.userId)}: ${roleName(h.role, locale)}`));
	});

	pdf.section(() => {
		pdf.heading(2, say('case_pupils_title'));
		if (view.pupils.length === 0) pdf.paragraph(say('case_pupils_none'));
		pdf.list(
			view.pupils.map(
				(p): ListItem => ({
					lead: p.name ?? say('case_pupil_unknown_name'),
					text: [
						say('case_pdf_pupil_role', { role: say(`case_pupil_role_${p.role}`) }),
						p.className ? say('case_pdf_pupil_class', { className: p.className }) : '',
						p.description ? say('case_pdf_pupil_description', { description: p.description }) : ''
					]
						.filter(Boolean)
						.join('\n')
				})
			)
		);
	});

	pdf.section(() => {
		pdf.heading(2, say('case_field_reports'));
		if (input.reports.length === 0) pdf.paragraph(say('case_reports_none'));
		else {
			const sorted = [...input.reports].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id.localeCompare(b.id));
			pdf.table(
				[say('inbox_col_received'), say('inbox_col_channel'), say('inbox_col_reporter')],
				sorted.map((r) => [date(r.receivedOn), say(`inbox_channel_${r.channel}`), say(`report_kind_${r.reporterKind}`)]),
				{ widths: [0.3, 0.3, 0.4] }
			);
		}
	});

	pdf.section(() => {
		pdf.heading(2, say('case_actions_title'));
		if (view.actions.length === 0) pdf.paragraph(say('case_actions_none'));
		pdf.list(
			view.actions.map(
				(a): ListItem => ({
					lead: a.kind === 'referral' && a.referralKind ? say('case_pdf_referral_to', { to: say(REFERRAL_KEYS[a.referralKind]) }) : say(`case_action_kind_${a.kind}`),
					text: [
						a.text,
						say('case_action_owner', { person: who(a.ownerUserId) }),
						say('case_action_due_on', { date: date(a.dueOn) }),
						a.reporterReportId ? say('case_action_shared') : '',
						// In words, not only in a colour or a mark: "late" must survive black-and-white printing and a screen reader.
						a.doneOn ? say('case_action_done_on', { date: date(a.doneOn) }) : say(a.overdue ? 'case_pdf_action_overdue' : 'case_pdf_action_not_done')
					]
						.filter(Boolean)
						.join('\n')
				})
			)
		);
	});

	pdf.section(() => {
		pdf.heading(2, say('case_notes_title'));
		const internal = view.notes.filter((n) => n.kind === 'internal_note');
		if (internal.length === 0) pdf.paragraph(say('case_notes_none'));
		pdf.list(internal.map((n): ListItem => ({ lead: say('case_note_by', { person: who(n.authorUserId), at: formatDateTime(n.writtenAt, locale) }), text: n.body })));
	});

	// Only the reader's own confidential notes are in the view; a reader without any gets no such section at all,
	// so the PDF does not even hint that someone else wrote one.
	const confidential = view.notes.filter((n) => n.kind === 'confidential_note');
	if (confidential.length > 0) {
		pdf.section(() => {
			pdf.heading(2, say('case_confidential_title'));
			pdf.paragraph(say('case_pdf_confidential_lead'), { bold: true });
			pdf.list(confidential.map((n): ListItem => ({ lead: formatDateTime(n.writtenAt, locale), text: n.body })));
		});
	}

	pdf.section(() => {
		pdf.heading(2, say('case_chronology_title'));
		pdf.table(
			[say('case_col_when'), say('case_col_what'), say('case_col_who')],
			view.events.map((e) => [formatDateTime(e.at, locale), eventText(locale, e, who), who(e.actorUserId)]),
			{ widths: [0.28, 0.47, 0.25] }
		);
	});

	return pdf.finish((page, pages) => say('case_pdf_footer', { page, pages }));
}

// Texts in the requested language (the request's own language may differ in tests), as in the dossier PDF.

type Message = (params: Record<string, string | number>, options: { locale: Locale }) => string;
const messageOf = (key: string): Message | undefined => (m as unknown as Record<string, Message | undefined>)[key];

/** `key` may be built from a code (`case_state_${state}`); one without a message shows as `fallback`, never an error. */
function t(locale: Locale, key: string, params: Record<string, string | number> = {}, fallback = key): string {
	const message = messageOf(key);
	return message ? message(params, { locale }) : fallback;
}

const REFERRAL_KEYS: Record<ReferralKind, MessageKey> = {
	youthDoctor: 'case_referral_youth_doctor',
	leerplichtambtenaar: 'case_referral_leerplichtambtenaar',
	wijkteam: 'case_referral_wijkteam',
	veiligThuis: 'case_referral_veilig_thuis',
	police: 'case_referral_police'
};

/**
 * One line of the chronology in `locale`, from its codes, in the words of the case page (case-names.ts caseEventText,
 * which speaks the page's language only).
 */
function eventText(locale: Locale, e: CaseEventView, who: (userId: string | null) => string): string {
	const say = (key: string, params: Record<string, string | number> = {}) => t(locale, key, params);
	const state = (s: string | null) => (s ? say(`case_state_${s}`) : '');
	const role = roleName(e.role ?? '', locale);
	switch (e.kind) {
		case 'state_changed':
			return e.reason && (REOPEN_REASONS as readonly string[]).includes(e.reason)
				? say('case_event_reopened', { to: state(e.toState), reason: say(`case_reopen_${e.reason}`) })
				: say('case_event_state_changed', { from: state(e.fromState), to: state(e.toState) });
		case 'handler_assigned':
		case 'handler_unassigned':
			return say(`case_event_${e.kind}`, { person: who(e.subjectUserId), role });
		case 'pupil_added':
			return say('case_event_pupil_added', { role: e.reason ? say(`case_pupil_role_${e.reason}`) : '' });
		case 'action_added':
			return say('case_event_action_added', { kind: e.reason ? say(`case_action_kind_${e.reason}`) : '', person: who(e.subjectUserId) });
		default:
			// An event kind added later without words here shows as its code, as on the case page.
			return t(locale, `case_event_${e.kind}`, {}, e.kind);
	}
}
