import { error, fail } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { enterReport, getInboxSchool } from '$lib/server/reports/inbox.service';
import type { UploadedImage } from '$lib/server/reports/report.service';
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

export const load: PageServerLoad = async ({ locals, params }) => {
	return { school: await orHttpError(() => getInboxSchool(database(), locals.actor, params.code)), limits: { maxFiles: LIMIT_PARAMS.maxFiles, maxMegabytes: LIMIT_PARAMS.maxMegabytes } };
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
	default: async ({ request, locals, params, setHeaders }) => {
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
		// The code and passphrase exist only in this answer: never cached, never stored.
		setHeaders({ 'cache-control': 'no-store' });
		const { reportId, receipt } = result.value;
		return { saved: { reportId, code: receipt?.code ?? null, passphrase: receipt?.passphrase ?? null } };
	}
};
