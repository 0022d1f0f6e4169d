/**
 * The case page (issue 11, items 5, 6 and 8): the one read is getCase, which checks need to know and, for a closed or
 * old case, asks for the second factor first. Every change is a small form that posts here and comes back (303) to
 * the page, so it works without JavaScript; a refused form answers 400 with its input and the message at its field.
 */
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as m from '$lib/paraglide/messages';
import { codeSchema } from '$lib/auth/forms';
import {
	FIELD_OF,
	actionSchema,
	assignSchema,
	classifySchema,
	completeSchema,
	confidentialSchema,
	dayFromParts,
	legalHoldSchema,
	noteSchema,
	outcomeSchema,
	pupilSchema,
	transitionSchema,
	unassignSchema
} from '$lib/cases/case-forms';
import { isHandlerRole } from '$lib/cases/case-roles';
import type { GeneralMeasure } from '$lib/cases/outcome-message';
import { todayInNetherlands } from '$lib/i18n/locale';
import { translate } from '$lib/i18n/translate';
import { paths } from '$lib/paths';
import { database } from '$lib/server/db';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { RateLimitedError } from '$lib/server/errors';
import { getMySchool } from '$lib/server/schools/membership.service';
import {
	addAction,
	addPupil,
	assignHandler,
	classifyCase,
	completeAction,
	getCase,
	getLegalHoldReason,
	sendOutcome,
	setLegalHold,
	transitionCase,
	unassignHandler
} from '$lib/server/cases/case.service';
import { addNote } from '$lib/server/cases/case-notes';
import { confirmStepUp } from '$lib/server/cases/case-step-up';
import { caseChangeNeedsStepUp, listCaseStaff, previewOutcome, samePupilLinksOfCase } from '$lib/server/cases/case-list.service';
import { caseFailure, caseRules } from '$lib/server/cases/case-form-errors';
import { parseForm, readFormData, parseFormData } from '$lib/server/http/form';
import { orHttpError, rateLimitedMessage } from '$lib/server/http/respond';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const db = database();
	const result = await orHttpError(() => getCase(db, locals.actor, params.code, params.case, { sessionId: locals.sessionId ?? '' }));
	const mySchool = await orHttpError(() => getMySchool(db, locals.actor, params.code));
	const school = { name: mySchool.name, vestigingscode: mySchool.vestigingscode, roles: mySchool.roles };
	if (!result.ok) {
		const need = result.stepUp;
		// getCase answers not-ok only when the step-up is required; the check narrows the type.
		if (!need.required) throw new Error('getCase refused a case without a step-up need');
		return { school, stepUp: { reason: need.reason, validMinutes: need.validMinutes }, view: null, staff: [], links: {}, holdReason: null, done: null, myUserId: locals.actor!.userId };
	}
	const view = result.case;
	const [staff, links] = await orHttpError(() => Promise.all([listCaseStaff(db, locals.actor, params.code), samePupilLinksOfCase(db, locals.actor, params.code, params.case)]));
	const holdReason = view.legalHold && mySchool.roles.includes('coordinator') ? await orHttpError(() => getLegalHoldReason(db, locals.actor, params.code, params.case)) : null;
	return { school, stepUp: null, view, staff, links, holdReason, done: url.searchParams.get('gedaan') ?? (url.searchParams.has('geopend') ? 'opened' : null), myUserId: locals.actor!.userId };
};

type Event = RequestEvent;

/** Back to the case with a word for the notification banner (what was done, as a code). */
function back(event: Event, done: string): never {
	redirect(303, `${paths.schoolCase(event.params.code, event.params.case)}?gedaan=${done}`);
}

/** Before any change: a closed or old case first asks for the second factor, which the page then shows. */
async function guard(event: Event): Promise<void> {
	const { locals, params } = event;
	const needs = await orHttpError(() => caseChangeNeedsStepUp(database(), locals.actor, params.code, params.case, locals.sessionId ?? ''));
	if (needs) redirect(303, paths.schoolCase(params.code, params.case));
}

/** Parses one form of the page; a refusal names the form, so the page puts the input back there only. */
async function read<S extends v.GenericSchema>(event: Event, name: string, schema: S) {
	await guard(event);
	const data = await readFormData(event.request);
	const parsed = parseFormData(data, schema);
	if (!parsed.ok) return { ok: false as const, failure: caseFailure(name, parsed.failure.data.values, parsed.failure.data.errors) };
	return parsed;
}

const run = <T>(name: string, values: Record<string, string>, work: () => Promise<T>) => caseRules(name, values, FIELD_OF[name] ?? {}, () => orHttpError(work));

export const actions: Actions = {
	stepUp: async ({ request, locals, params, cookies }) => {
		// Need to know first, as everywhere: someone without it gets the same 404, not a question for a code.
		const needed = await orHttpError(() => caseChangeNeedsStepUp(database(), locals.actor, params.code, params.case, locals.sessionId ?? ''));
		if (!needed) redirect(303, paths.schoolCase(params.code, params.case));
		const form = await parseForm(request, codeSchema);
		if (!form.ok) return caseFailure('stepUp', form.failure.data.values, form.failure.data.errors);
		let result: Awaited<ReturnType<typeof confirmStepUp>>;
		try {
			result = await orHttpError(() => confirmStepUp(database(), locals.actor, locals.sessionId ?? '', form.data.code));
		} catch (error) {
			if (error instanceof RateLimitedError) return caseFailure('stepUp', form.values, { code: rateLimitedMessage(error) });
			throw error;
		}
		if (!result.ok) return caseFailure('stepUp', form.values, { code: m.auth_error_code_wrong() });
		// A new session at every step-up (SECURITY.md): the old token is gone, the browser gets the new one.
		setSessionCookie(cookies, result.token);
		redirect(303, paths.schoolCase(params.code, params.case));
	},

	transition: async (event) => {
		const form = await read(event, 'transition', transitionSchema);
		if (!form.ok) return form.failure;
		const { to, evalStopped, evalWeeks, evalTargetAsked, reopenReason } = form.data;
		const day = dayFromParts(form.values, 'evalCheckedOn', todayInNetherlands(), { future: true });
		const weeks = /^\d{1,3}$/.test(evalWeeks.trim()) ? Number(evalWeeks.trim()) : undefined;
		const evaluation =
			to === 'closed'
				? { stopped: evalStopped as never, checkedAfterWeeks: weeks, checkedOn: 'value' in day && day.value ? day.value : undefined, targetAsked: evalTargetAsked === 'yes' }
				: undefined;
		const name = to === 'closed' ? 'close' : form.values.from === 'closed' ? 'reopen' : 'transition';
		const result = await caseRules(name, form.values, FIELD_OF.transition!, () =>
			orHttpError(() => transitionCase(database(), event.locals.actor, event.params.code, event.params.case, { to, evaluation, reopenReason: reopenReason || undefined }))
		);
		if (!result.ok) return result.failure;
		back(event, 'state');
	},

	classify: async (event) => {
		const form = await read(event, 'classify', classifySchema);
		if (!form.ok) return form.failure;
		const result = await run('classify', form.values, () => classifyCase(database(), event.locals.actor, event.params.code, event.params.case, form.data));
		if (!result.ok) return result.failure;
		back(event, 'classified');
	},

	assign: async (event) => {
		const form = await read(event, 'assign', assignSchema);
		if (!form.ok) return form.failure;
		const [userId, role] = form.data.assignee.split(':') as [string, string];
		if (!isHandlerRole(role)) return caseFailure('assign', form.values, { assignee: translate('case_error_choose') });
		const result = await run('assign', form.values, () => assignHandler(database(), event.locals.actor, event.params.code, event.params.case, userId, role));
		if (!result.ok) return result.failure;
		back(event, 'assigned');
	},

	unassign: async (event) => {
		const form = await read(event, 'unassign', unassignSchema);
		if (!form.ok) return form.failure;
		const result = await run('unassign', form.values, () => unassignHandler(database(), event.locals.actor, event.params.code, event.params.case, form.data.userId, form.data.role));
		if (!result.ok) return result.failure;
		back(event, 'unassigned');
	},

	pupil: async (event) => {
		const form = await read(event, 'pupil', pupilSchema);
		if (!form.ok) return form.failure;
		const { pupilRole, pupilName, pupilClass, pupilDescription } = form.data;
		const result = await run('pupil', form.values, () =>
			addPupil(database(), event.locals.actor, event.params.code, event.params.case, { role: pupilRole, name: pupilName, className: pupilClass, description: pupilDescription })
		);
		if (!result.ok) return result.failure;
		back(event, 'pupil');
	},

	action: async (event) => {
		const form = await read(event, 'action', actionSchema);
		if (!form.ok) return form.failure;
		const day = dayFromParts(form.values, 'actionDue', todayInNetherlands(), { future: true });
		if ('error' in day || day.value === null) return caseFailure('action', form.values, { actionDue: translate('error' in day ? day.error : 'case_error_date_required') });
		const { actionKind, referralKind, actionOwner, actionText, actionWith } = form.data;
		const dueOn = day.value;
		const result = await run('action', form.values, () =>
			addAction(database(), event.locals.actor, event.params.code, event.params.case, {
				kind: actionKind,
				referralKind: referralKind ?? undefined,
				ownerUserId: actionOwner,
				dueOn,
				text: actionText,
				reporterReportId: actionWith
			})
		);
		if (!result.ok) return result.failure;
		back(event, 'action');
	},

	complete: async (event) => {
		const form = await read(event, 'complete', completeSchema);
		if (!form.ok) return form.failure;
		const result = await run('complete', form.values, () => completeAction(database(), event.locals.actor, event.params.code, event.params.case, form.data.actionId));
		if (!result.ok) return result.failure;
		back(event, 'action_done');
	},

	note: async (event) => {
		const form = await read(event, 'note', noteSchema);
		if (!form.ok) return form.failure;
		const result = await run('note', form.values, () => addNote(database(), event.locals.actor, event.params.code, event.params.case, 'internal_note', form.data.noteBody));
		if (!result.ok) return result.failure;
		back(event, 'note');
	},

	confidential: async (event) => {
		const form = await read(event, 'confidential', confidentialSchema);
		if (!form.ok) return form.failure;
		const result = await run('confidential', form.values, () => addNote(database(), event.locals.actor, event.params.code, event.params.case, 'confidential_note', form.data.confidentialBody));
		if (!result.ok) return result.failure;
		back(event, 'confidential');
	},

	preview: async (event) => {
		const form = await read(event, 'outcome', outcomeSchema);
		if (!form.ok) return form.failure;
		const result = await run('outcome', form.values, () => previewOutcome(database(), event.locals.actor, event.params.code, event.params.case, form.data.measures, event.locals.locale));
		if (!result.ok) return result.failure;
		return { form: 'outcome', values: form.values, preview: result.value };
	},

	outcome: async (event) => {
		const form = await read(event, 'outcome', outcomeSchema);
		if (!form.ok) return form.failure;
		const measures = form.data.measures as GeneralMeasure[];
		const result = await run('outcome', form.values, () => sendOutcome(database(), event.locals.actor, event.params.code, event.params.case, { measures, locale: event.locals.locale }));
		if (!result.ok) return result.failure;
		back(event, 'outcome');
	},

	hold: async (event) => {
		const form = await read(event, 'hold', legalHoldSchema);
		if (!form.ok) return form.failure;
		const result = await run('hold', form.values, () => setLegalHold(database(), event.locals.actor, event.params.code, event.params.case, form.data.holdReason));
		if (!result.ok) return result.failure;
		back(event, 'hold');
	},

	lift: async (event) => {
		await guard(event);
		const result = await run('hold', {}, () => setLegalHold(database(), event.locals.actor, event.params.code, event.params.case, null));
		if (!result.ok) return result.failure;
		back(event, 'lifted');
	}
};
