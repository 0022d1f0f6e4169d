/**
 * A school's report form (issue 11 item 1): a pupil or parent reports without an account, anonymously or with a
 * name, with photos if they like. A good post is answered with a redirect to this page with `?verstuurd`, which shows
 * the receipt code and passphrase once (reports/receipt-once.ts, decision 0027): a reload never sends the report
 * twice. No browser or proxy keeps these answers (route-access.ts `anonymous`).
 * A school without an aanspreekpunt on Pestwijzer gets no form, and the page points to other routes.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { MAX_REPORT_FILES, reportSchema } from '$lib/reports/report-form';
import { translate } from '$lib/i18n/translate';
import { database } from '$lib/server/db';
import { MAX_EVIDENCE_FILE_BYTES, MAX_IMAGE_PIXELS } from '$lib/server/files/evidence-check';
import { parseFormData, readUploadForm, uploadedFiles } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import { URGENT_NUMBERS } from '$lib/server/reference-data/reference-data';
import { submitAddressLimiter, submitReport } from '$lib/server/reports/report.service';
import { holdReceipt, SENT_PARAM, takeReceipt } from '$lib/server/reports/receipt-once';
import { findSchoolByCode } from '$lib/server/schools/school-registry.service';
import { findReportableSchool } from '$lib/server/schools/school-profile.service';
import type { Actions, PageServerLoad } from './$types';

/** adapter-node's BODY_SIZE_LIMIT in production (README); what passes it is checked file by file. */
const MAX_UPLOAD_MEGABYTES = 32;
const LIMITS = { maxFiles: MAX_REPORT_FILES, maxMegabytes: MAX_EVIDENCE_FILE_BYTES / 1024 / 1024, maxMegapixels: MAX_IMAGE_PIXELS / 1_000_000, maxUploadMegabytes: MAX_UPLOAD_MEGABYTES };

/** A refused post: what was typed (never the files), the problems, and each refused file with its reason. */
interface ReportFailure {
	values: Record<string, string>;
	errors: Record<string, string>;
	refused: { name: string; reason: string }[];
}

const refuse = (status: number, answer: ReportFailure) => fail(status, answer);

async function schoolOf(code: string) {
	const db = database();
	const school = await findSchoolByCode(db, code);
	if (!school) error(404, m.error_not_found_text());
	const reportable = Boolean(await findReportableSchool(db, school.vestigingscode));
	return { school: { name: school.name, place: school.place, vestigingscode: school.vestigingscode }, reportable };
}

export const load: PageServerLoad = async ({ params, url, cookies }) => {
	const school = await schoolOf(params.code);
	// After sending: the receipt once, or (a reload, another tab) the word that it was shown.
	const sent = url.searchParams.has(SENT_PARAM) ? { receipt: takeReceipt(cookies, url.pathname) ?? null } : null;
	return { ...school, sent, urgent: URGENT_NUMBERS, limits: LIMITS };
};

export const actions: Actions = {
	default: async ({ request, params, url, cookies, getClientAddress }) => {
		const { school, reportable } = await schoolOf(params.code);
		if (!reportable) error(404, m.error_not_found_text());
		const data = await readUploadForm(request);
		if (data === 'too-large') {
			const message = m.report_error_upload_too_large(LIMITS);
			return refuse(413, { values: {}, errors: { files: message }, refused: [] });
		}
		const form = parseFormData(data, reportSchema);
		if (!form.ok) return refuse(400, { ...form.failure.data, refused: [] });
		const address = getClientAddress();
		if (!submitAddressLimiter.allowed(address)) return refuse(429, { values: form.values, errors: { whatHappened: m.report_error_busy() }, refused: [] });
		const files = await uploadedFiles(data, 'files');
		const result = await orHttpError(() => submitReport(database(), school.vestigingscode, form.data, files));
		if (!result.ok) {
			const refused = result.refused.map((r) => ({ name: r.name || m.evidence_unnamed(), reason: translate(r.reasonKey.replace(/^evidence_/, 'report_'), LIMITS) }));
			const errors = Object.fromEntries(refused.map((r, i) => [`files-${i}`, m.report_refused_item(r)]));
			return refuse(400, { values: form.values, errors: { ...errors, files: m.report_files_again() }, refused });
		}
		submitAddressLimiter.count(address);
		holdReceipt(cookies, result.receipt, url.pathname);
		redirect(303, `${url.pathname}?${SENT_PARAM}`);
	}
};
