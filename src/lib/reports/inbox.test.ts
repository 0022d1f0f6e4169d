import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { addSchoolDays, addDays } from '../cases/school-days';
import { ageInDays, csvCell, csvRow, overdueCutoff, pupilNamesFrom, staffReportSchema } from './inbox';

describe('csv cells', () => {
	it('quotes every cell and defuses what a spreadsheet would run as a formula', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
		expect(csvCell('2026-12-07')).toBe('"2026-12-07"');
		expect(csvCell(3)).toBe('"3"');
		expect(csvCell(-3)).toBe(`"'-3"`);
		expect(csvCell(null)).toBe('""');
		expect(csvRow(['a', 'b"c'])).toBe('"a","b""c"\r\n');
	});
});

describe('overdue cutoff', () => {
	it('matches the per-report rule for every day of receipt around today', () => {
		const target = { schoolDays: 2, noSchoolDays: ['2026-12-24', '2026-12-25', '2026-12-28'] };
		for (const today of ['2026-12-07', '2026-12-12', '2026-12-29', '2027-01-04']) {
			const cutoff = overdueCutoff(today, target);
			for (let back = 0; back < 30; back++) {
				const received = addDays(today, -back);
				const overdue = today > addSchoolDays(received, target.schoolDays, target.noSchoolDays);
				expect(received < cutoff, `${received} on ${today}`).toBe(overdue);
			}
		}
	});

	it('with a target of zero days, only today is on time', () => {
		expect(overdueCutoff('2026-12-07', { schoolDays: 0, noSchoolDays: [] })).toBe('2026-12-07');
	});
});

describe('small rules', () => {
	it('counts age in calendar days and splits names', () => {
		expect(ageInDays('2026-12-01', '2026-12-07')).toBe(6);
		expect(ageInDays('2026-12-08', '2026-12-07')).toBe(0);
		expect(pupilNamesFrom('Sem de Vries, Noor\nAyoub en Lotte; Tim & Jan')).toEqual(['Sem de Vries', 'Noor', 'Ayoub', 'Lotte', 'Tim', 'Jan']);
		expect(pupilNamesFrom(null)).toEqual([]);
		// Found in the browser journey: "iemand uit groep 8" in two unrelated reports was suggested as one pupil.
		expect(pupilNamesFrom('Daan Verbeek, iemand uit groep 8\ntwee jongens uit 2b')).toEqual(['Daan Verbeek']);
	});
});

describe('staff report form', () => {
	const base = { channel: 'phone', whatHappened: 'Hij werd geduwd bij de kapstok.', identity: 'anonymous', reporterKind: 'parent', receipt: 'yes' };

	it('takes a channel, a past day of receipt and the receipt choice', () => {
		const result = v.safeParse(staffReportSchema, { ...base, 'receivedOn-day': '1', 'receivedOn-month': '12', 'receivedOn-year': '2026' });
		expect(result.success && result.output).toMatchObject({ channel: 'phone', receivedOn: '2026-12-01', withReceipt: true, report: { reporterKind: 'parent', anonymous: true } });
		const today = v.safeParse(staffReportSchema, { ...base, receipt: 'no' });
		expect(today.success && today.output).toMatchObject({ receivedOn: '', withReceipt: false });
	});

	it('refuses online as a staff channel, a future day and a missing story, all at once', () => {
		const result = v.safeParse(staffReportSchema, { ...base, channel: 'online', whatHappened: '', 'receivedOn-day': '1', 'receivedOn-month': '1', 'receivedOn-year': '2999' });
		expect(result.success).toBe(false);
		const keys = Object.fromEntries((result.issues ?? []).map((i) => [v.getDotPath(i), i.message]));
		expect(keys).toEqual({ channel: 'inbox_error_channel', receivedOn: 'inbox_error_received_future', whatHappened: 'report_error_what_required' });
	});
});
