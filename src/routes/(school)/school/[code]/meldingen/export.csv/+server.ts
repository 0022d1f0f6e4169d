/**
 * The inbox as CSV, for the school's own records (issue 11 item 10): plain columns only, every cell quoted and
 * defused against formula injection (csvCell), a UTF-8 byte order mark so spreadsheet programs read the accents.
 * The export itself is audited by the service.
 */
import * as m from '$lib/paraglide/messages';
import { database } from '$lib/server/db';
import { exportInbox } from '$lib/server/reports/inbox.service';
import { orHttpError } from '$lib/server/http/respond';
import { csvRow } from '$lib/reports/inbox';
import { translate } from '$lib/i18n/translate';
import { todayInNetherlands } from '$lib/i18n/locale';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const { school, rows } = await orHttpError(() => exportInbox(database(), locals.actor, params.code));
	const header = csvRow([m.inbox_csv_received(), m.inbox_csv_age_days(), m.inbox_csv_channel(), m.inbox_csv_reporter_kind(), m.inbox_csv_identity(), m.inbox_csv_status(), m.inbox_csv_acknowledged_on(), m.inbox_csv_due_on(), m.inbox_csv_overdue()]);
	const body = rows
		.map((r) =>
			csvRow([
				r.receivedOn,
				r.ageInDays,
				translate(`inbox_channel_${r.channel}`),
				translate(`inbox_kind_${r.reporterKind}`),
				r.anonymous ? m.form_yes() : m.form_no(),
				r.acknowledged ? m.inbox_status_acknowledged() : m.inbox_status_new(),
				r.acknowledgedOn,
				r.dueOn,
				r.overdue ? m.form_yes() : m.form_no()
			])
		)
		.join('');
	const name = `meldingen-${school.code}-${todayInNetherlands()}.csv`;
	return new Response(`\uFEFF${header}${body}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
