/**
 * Staff enter a report heard in the corridor, by phone, e-mail or on paper (issue 11 item 3). A good post is answered
 * with a redirect to this page with `?opgeslagen=<report>` (and `&bon` when a receipt was made), which shows the
 * receipt once (reports/receipt-once.ts, decision 0027): a reload never stores the report twice.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { enterReport, getInboxSchool } from '$lib/server/reports/inbox.service';
import type { UploadedImage } from '$lib/server/reports/report.service';
import { holdReceipt, takeReceipt } from '$lib/server/reports/receipt-once';
import { MAX_EVIDENCE_FILE_BYTES, MAX_IMAGE_PIXELS } from '$lib/server/files/evidence-check';
import { isBodyTooLarge } from '$lib/server/http/body-limit';
import { formValuesOf, parseFormData, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { translate } from '$lib/i18n/translate';
import { staffReportSchema } from '$lib/reports/inbox';
import { MAX_REPORT_FILES } from '$lib/reports/report-form';
import type { Actions, PageServerLoad } from './$types';

/** The numbers the refusal messages mention. adapter-node's BODY_SIZE_LIMIT (32 MB) stops a larger upload. */
const LIMIT_PARAMS = { maxFiles: MAX_REPORT_FILES, maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024, maxUploadMegabytes: 30, maxMegapixels: MAX_IMAGE_PIXELS / 1_000_000 };

const SAVED_PARAM = 'opgeslagen';
const RECEIPT_FLAG = 'bon';
const REPORT_ID = /^[0-9a-f-]{36}$/;

export const load: PageServerLoad = async ({ locals, params, url, cookies }) => {
	const school = await orHttpError(() => getInboxSchool(database(), locals.actor, params.code));
	const reportId = url.searchParams.get(SAVED_PARAM);
	// Only the link to the report comes from the address; the report page checks who may open it.
	const saved = reportId && REPORT_ID.test(reportId) ? { reportId, receiptMade: url.searchParams.has(RECEIPT_FLAG), receipt: takeReceipt(cookies, url.pathname) ?? null } : null;
	return { school, saved, limits: { maxFiles: LIMIT_PARAMS.maxFiles, maxMegabytes: LIMIT_PARAMS.maxMegabytes } };
};

/** adapter-node stops a body over BODY_SIZE_LIMIT with a 413 error of its own; ours is BodyTooLargeError. */
function isOverServerLimit(cause: unknown): boolean {
	return isBodyTooLarge(cause) || (typeof cause === 'object' && cause !== null && 'status' in cause && cause.status === 413);
}

async function readUpload(request: Request): Promise<FormData | 'too-large'> {
	try {
		return await request.formData();
	} catch (cause) {
		if (isOverServerLimit(cause) || isOverServerLimit((cause as { cause?: unknown })?.cause)) return 'too-large';
		error(400, m.form_error_unreadable());
	}
}

export const actions: Actions = {
	default: async ({ request, locals, params, url, cookies }) => {
		const data = await readUpload(request);
		if (data === 'too-large') return fail(413, { values: {} as Record<string, string>, errors: { files: m.evidence_error_request_too_large(LIMIT_PARAMS) } as Record<string, string> });
		const form = parseFormData(data, staffReportSchema);
		if (!form.ok) return form.failure;
		const files: UploadedImage[] = [];
		for (const entry of data.getAll('files')) {
			// A form sent without a chosen file still has one empty part without a name.
			if (!(entry instanceof File) || (entry.name === '' && entry.size === 0)) continue;
			files.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
		}
		const result = await withRules(form.values, () => orHttpError(() => enterReport(database(), locals.actor, params.code, form.data, files)));
		if (!result.ok) return result.failure;
		if (!result.value.ok) {
			// Nothing was stored: every refused file is named, and the files must be chosen again (a browser cannot
			// put them back in the field); everything typed is kept.
			const errors = Object.fromEntries(
				result.value.refused.map((r, i) => [`files-${i}`, m.evidence_refused_item({ name: r.name || m.evidence_unnamed(), reason: r.reasonKey === 'evidence_refused_type' ? m.inbox_refused_type() : translate(r.reasonKey, LIMIT_PARAMS) })])
			);
			return fail(400, { values: formValuesOf(data), errors });
		}
		const { reportId, receipt } = result.value;
		if (receipt) holdReceipt(cookies, receipt, url.pathname);
		redirect(303, `${url.pathname}?${SAVED_PARAM}=${reportId}${receipt ? `&${RECEIPT_FLAG}` : ''}`);
	}
};
