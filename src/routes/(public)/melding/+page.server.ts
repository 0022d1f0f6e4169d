/**
 * Where a reporter comes back (issue 11 item 2): the receipt code and passphrase open their report for 30 minutes
 * in this browser (a sealed cookie, report-cookie.ts); then they read the school's replies and add to the report.
 * Every refusal is the same sentence, whether the code exists or not (report.service.ts openReceipt).
 */
import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as m from '$lib/paraglide/messages';
import { localHref } from '$lib/i18n/local-href';
import { paths } from '$lib/paths';
import { receiptSchema, reportMessageSchema } from '$lib/reports/report-form';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseForm } from '$lib/server/http/form';
import { addReporterMessage, openReceipt, openReportById, RECEIPT_CODE_LIMIT } from '$lib/server/reports/report.service';
import { clearReportCookie, reportOfCookie, setReportCookie } from '$lib/server/reports/report-cookie';
import { casesForReporter } from '$lib/server/cases/case-for-reporter';
import type { Actions, PageServerLoad } from './$types';

const here = () => localHref(paths.report);

async function openReport(reportId: string | undefined) {
	if (!reportId) return undefined;
	try {
		return await openReportById(database(), reportId);
	} catch (error) {
		// Deleted since (retention, or the school removed): the cookie names nothing any more.
		if (error instanceof NotFoundError) return undefined;
		throw error;
	}
}

export const load: PageServerLoad = async ({ cookies, url }) => {
	const reportId = reportOfCookie(cookies);
	const report = await openReport(reportId);
	// Only a cookie that named a report now gone is cleared (an expired or altered one the browser drops or ignores).
	if (reportId && !report) clearReportCookie(cookies);
	// What the school does with it, and its agreements with this reporter: the cookie has admitted them to the report.
	const handling = report ? (await casesForReporter(database(), [report.id])).get(report.id) : undefined;
	return { report, handling, sent: url.searchParams.has('verzonden'), closed: url.searchParams.has('gesloten') };
};

export const actions: Actions = {
	open: async ({ request, cookies, getClientAddress }) => {
		const form = await parseForm(request, receiptSchema);
		const values: Record<string, string> = form.ok ? { receiptCode: form.data.receiptCode, body: form.data.body } : {};
		const refusal = () => fail(400, { values, errors: { receiptCode: m.report_error_receipt({ minutes: RECEIPT_CODE_LIMIT.windowSeconds / 60 }) } });
		if (!form.ok) return refusal();
		const result = await openReceipt(database(), form.data.receiptCode, form.data.passphrase, getClientAddress());
		if (!result.ok) return refusal();
		setReportCookie(cookies, result.report.id);
		// A message written before the half hour ran out is sent now, if it is still a valid message.
		const pending = form.data.body.trim() ? v.safeParse(reportMessageSchema, { body: form.data.body }) : undefined;
		if (pending?.success) {
			await addReporterMessage(database(), result.report.id, pending.output.body);
			redirect(303, `${here()}?verzonden`);
		}
		redirect(303, here());
	},
	message: async ({ request, cookies }) => {
		const reportId = reportOfCookie(cookies);
		const report = await openReport(reportId);
		// The half hour ended while they wrote: say so, and keep what they wrote.
		const form = await parseForm(request, reportMessageSchema);
		if (!report) return fail(401, { values: { body: form.ok ? form.data.body : (form.failure.data.values.body ?? '') }, errors: { receiptCode: m.report_error_expired() }, expired: true });
		if (!form.ok) return form.failure;
		await addReporterMessage(database(), report.id, form.data.body);
		redirect(303, `${here()}?verzonden`);
	},
	close: async ({ cookies }) => {
		clearReportCookie(cookies);
		redirect(303, `${here()}?gesloten`);
	}
};
