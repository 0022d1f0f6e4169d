import { describe, expect, it } from 'vitest';
import { compareReports, isoWeekOf, namesMatch, normaliseName, placeKey, suggestDuplicates, withinOneEdit, type ReportForComparison } from './duplicate-suggestions';

function report(id: string, fields: Partial<ReportForComparison> = {}): ReportForComparison {
	return { id, schoolYear: '2026-2027', receivedOn: '2026-11-02', pupilNames: [], evidenceHashes: [], ...fields };
}

function match(a: string, b: string) {
	return namesMatch(normaliseName(a)!, normaliseName(b)!);
}

describe('normaliseName', () => {
	it('drops case, diacritics, punctuation and keeps the surname with and without tussenvoegsels', () => {
		expect(normaliseName('Sem de Vries')).toEqual({ first: 'sem', surnames: ['devries', 'vries'] });
		expect(normaliseName('  SEM   DEVRIES ')).toEqual({ first: 'sem', surnames: ['devries'] });
		expect(normaliseName('Zoë van der Berg')).toEqual({ first: 'zoe', surnames: ['vanderberg', 'berg'] });
		expect(normaliseName('Jan-Willem v.d. Berg')).toEqual({ first: 'janwilem', surnames: ['vdberg', 'berg'] });
		expect(normaliseName("Liam 't Hart")).toEqual({ first: 'liam', surnames: ['thart', 'hart'] });
		expect(normaliseName("Noah O'Neill")).toEqual({ first: 'noah', surnames: ['oneil'] });
		expect(normaliseName('Fleur Smit-de Jong')).toEqual({ first: 'fleur', surnames: ['smitdejong', 'smitjong'] });
		expect(normaliseName('Sem')).toEqual({ first: 'sem', surnames: [] });
		expect(normaliseName(' - ')).toBeUndefined();
	});

	it('writes "ij" as "y" and double letters single', () => {
		expect(normaliseName('Bram Rijkaard')).toEqual(normaliseName('bram rykard'));
		expect(normaliseName('Daan Mulder')).toEqual(normaliseName('Dan Mulder'));
	});
});

describe('withinOneEdit', () => {
	it('allows one change, insertion, deletion or swap of neighbours, not two', () => {
		expect(withinOneEdit('vries', 'vries')).toBe(true);
		expect(withinOneEdit('vries', 'fries')).toBe(true);
		expect(withinOneEdit('jansen', 'janssen')).toBe(true);
		expect(withinOneEdit('jansen', 'jasen')).toBe(true);
		expect(withinOneEdit('jansen', 'jasnen')).toBe(true);
		expect(withinOneEdit('jansen', 'jasnem')).toBe(false);
		expect(withinOneEdit('bakker', 'bakkerij')).toBe(false);
		expect(withinOneEdit('ab', 'ba')).toBe(true);
		expect(withinOneEdit('abc', 'cba')).toBe(false);
	});
});

describe('namesMatch', () => {
	it('the same pupil written differently', () => {
		expect(match('Sem de Vries', 'sem devries')).toBe('exact');
		expect(match('Sem de Vries', 'Sem Vries')).toBe('exact');
		expect(match('Sem van der Berg', 'Sem vd Berg')).toBe('exact');
		expect(match('Sem de Vries', 'Sem de Fries')).toBe('close');
		expect(match('Sem de Vries', 'sem defries')).toBe('close');
		expect(match('Mohammed El Amrani', 'Mohamed el Amrani')).toBe('exact');
		expect(match('Jasmijn Bakker', 'Jasmyn Baker')).toBe('exact');
		expect(match('Isabella Jansen', 'Isabela Jansen')).toBe('exact');
		expect(match('Isabella Jansen', 'Izabella Jansen')).toBe('close');
	});

	it('never on a first name alone, and not two pupils who share a surname', () => {
		expect(match('Sem', 'Sam Jansen')).toBeUndefined();
		expect(match('Sem', 'Sem Jansen')).toBe('first_name');
		expect(match('Sem', 'sem')).toBe('first_name');
		expect(match('Sem de Vries', 'Sam de Vries')).toBeUndefined();
		expect(match('Sem de Vries', 'Lotte de Vries')).toBeUndefined();
		expect(match('Sem de Vries', 'Sem Jansen')).toBeUndefined();
		// Two typing errors, one in each part, is another child as often as the same one.
		expect(match('Isabella Jansen', 'Izabella Jasnen')).toBeUndefined();
		// Short surnames that are different names one letter apart.
		expect(match('Emma Bos', 'Emma Vos')).toBeUndefined();
	});
});

describe('isoWeekOf and placeKey', () => {
	it('gives ISO weeks, also around the new year', () => {
		expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
		expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
		expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
		expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
		expect(isoWeekOf('2026-09-21')).toBe('2026-W39');
	});

	it('compares place codes, and free text for elsewhere', () => {
		expect(placeKey({ code: 'playground', text: 'bij het hek' })).toBe('code:playground');
		expect(placeKey({ code: 'elsewhere', text: 'Bij de Fietsenstalling!' })).toBe(placeKey({ text: 'bij fietsenstalling' }));
		expect(placeKey({ code: 'elsewhere' })).toBeUndefined();
		expect(placeKey(undefined)).toBeUndefined();
	});
});

describe('compareReports', () => {
	it('suggests on each strong reason alone, with the score of its weight', () => {
		expect(compareReports(report('a', { evidenceHashes: ['AB12'] }), report('b', { evidenceHashes: ['ab12', 'cd34'] }))).toEqual({
			reportIds: ['a', 'b'],
			score: 0.9,
			reasons: [{ kind: 'same_evidence', hashes: 1 }]
		});
		expect(compareReports(report('a', { pupilNames: ['Sem de Vries'] }), report('b', { pupilNames: ['Lotte', 'sem devries'] }))).toEqual({
			reportIds: ['a', 'b'],
			score: 0.7,
			reasons: [{ kind: 'same_pupil', match: 'exact', names: [0, 1] }]
		});
		expect(compareReports(report('a', { pupilNames: ['Sem de Vries'] }), report('b', { pupilNames: ['Sem de Fries'] }))?.score).toBe(0.5);
		const place = { code: 'playground' };
		expect(compareReports(report('a', { place, occurrenceWeek: '2026-W45' }), report('b', { place, occurrenceWeek: '2026-W45' }))).toEqual({
			reportIds: ['a', 'b'],
			score: 0.4,
			reasons: [{ kind: 'same_place_and_week', week: '2026-W45' }]
		});
	});

	it('does not suggest on a first name alone, on a place without the week, or across school years', () => {
		expect(compareReports(report('a', { pupilNames: ['Sem'] }), report('b', { pupilNames: ['Sem Jansen'] }))).toBeUndefined();
		expect(compareReports(report('a', { pupilNames: ['Sem'] }), report('b', { pupilNames: ['Sam Jansen'] }))).toBeUndefined();
		expect(compareReports(report('a', { place: { code: 'gym' }, occurrenceWeek: '2026-W45' }), report('b', { place: { code: 'gym' }, occurrenceWeek: '2026-W46' }))).toBeUndefined();
		expect(compareReports(report('a', { place: { code: 'gym' } }), report('b', { place: { code: 'gym' } }))).toBeUndefined();
		expect(compareReports(report('a', { evidenceHashes: ['ab'] }), report('b', { evidenceHashes: ['ab'], schoolYear: '2027-2028' }))).toBeUndefined();
	});

	it('adds reasons up, strongest first, and keeps name indexes pointing into their own report', () => {
		const earlier = report('z', { receivedOn: '2026-10-01', pupilNames: ['Noor', 'Sem de Vries'], place: { code: 'gym' }, occurrenceWeek: '2026-W40' });
		const later = report('a', { receivedOn: '2026-10-03', pupilNames: ['sem devries', 'Noor Bakker'], place: { code: 'gym' }, occurrenceWeek: '2026-W40' });
		const suggestion = compareReports(later, earlier)!;
		expect(suggestion.reportIds).toEqual(['z', 'a']);
		// 1 − (1 − 0.7)(1 − 0.4)(1 − 0.25) = 0.865
		expect(suggestion.score).toBe(0.865);
		expect(suggestion.reasons).toEqual([
			{ kind: 'same_pupil', match: 'exact', names: [1, 0] },
			{ kind: 'same_place_and_week', week: '2026-W40' },
			{ kind: 'same_first_name', names: [0, 1] }
		]);
	});
});

describe('suggestDuplicates', () => {
	it('sorts pairs by score and groups them into clusters', () => {
		const reports = [
			report('r1', { receivedOn: '2026-11-02', pupilNames: ['Sem de Vries'] }),
			report('r2', { receivedOn: '2026-11-03', pupilNames: ['sem de fries'] }),
			report('r3', { receivedOn: '2026-11-04', pupilNames: ['Sem Vries'], evidenceHashes: ['ff'] }),
			report('r4', { receivedOn: '2026-11-05', evidenceHashes: ['ff'] }),
			report('r5', { receivedOn: '2026-11-06', pupilNames: ['Sam Jansen'] }),
			report('r6', { receivedOn: '2026-11-07', pupilNames: ['Sem'] })
		];
		const { pairs, clusters } = suggestDuplicates(reports);
		expect(pairs.map((p) => [p.reportIds.join('-'), p.score])).toEqual([
			['r3-r4', 0.9],
			['r1-r3', 0.7],
			['r1-r2', 0.5],
			['r2-r3', 0.5]
		]);
		expect(clusters).toEqual([{ reportIds: ['r1', 'r2', 'r3', 'r4'], score: 0.9 }]);
	});

	it('returns nothing for reports that share nothing', () => {
		expect(suggestDuplicates([report('a', { pupilNames: ['Sem'] }), report('b', { pupilNames: ['Sam'] })])).toEqual({ pairs: [], clusters: [] });
		// Two shared first names are still first names alone.
		expect(suggestDuplicates([report('a', { pupilNames: ['Sem', 'Noor'] }), report('b', { pupilNames: ['Noor', 'Sem Jansen'] })])).toEqual({ pairs: [], clusters: [] });
		expect(suggestDuplicates([])).toEqual({ pairs: [], clusters: [] });
	});

	it('finds through its index exactly the pairs that comparing all pairs finds', () => {
		const reports = generate(500, 7);
		const expected: string[] = [];
		for (let i = 0; i < reports.length; i++)
			for (let j = i + 1; j < reports.length; j++) {
				const s = compareReports(reports[i]!, reports[j]!);
				if (s) expected.push(`${s.reportIds.join('-')}:${s.score}`);
			}
		const found = suggestDuplicates(reports).pairs.map((s) => `${s.reportIds.join('-')}:${s.score}`);
		expect(expected.length).toBeGreaterThan(50);
		expect(found.sort()).toEqual(expected.sort());
	});

	it('handles 2 000 reports and finds the planted duplicates', () => {
		// Timing is not asserted (a shared machine); the figures measured are in the module's header comment.
		const reports = generate(2000, 11);
		const planted = [
			report('planted-1', { receivedOn: '2027-03-01', schoolYear: '2026-2027', pupilNames: ['Zeynep Yılmaz'] }),
			report('planted-2', { receivedOn: '2027-03-02', schoolYear: '2026-2027', pupilNames: ['zeynep yilmaz'] }),
			report('planted-3', { receivedOn: '2027-03-03', schoolYear: '2026-2027', evidenceHashes: ['deadbeef'] }),
			report('planted-4', { receivedOn: '2027-03-04', schoolYear: '2026-2027', evidenceHashes: ['DEADBEEF'] })
		];
		const { pairs, clusters } = suggestDuplicates([...reports, ...planted]);
		const ids = new Set(pairs.map((p) => p.reportIds.join('-')));
		expect(ids.has('planted-1-planted-2')).toBe(true);
		expect(ids.has('planted-3-planted-4')).toBe(true);
		expect(pairs.filter((p) => p.reportIds.some((id) => id.startsWith('planted')))).toHaveLength(2);
		for (let k = 1; k < pairs.length; k++) expect(pairs[k - 1]!.score).toBeGreaterThanOrEqual(pairs[k]!.score);
		expect(clusters.length).toBeGreaterThan(0);
	});
});

/** A school's worth of reports from a seeded generator: common Dutch names, some misspelt, a few shared screenshots. */
function generate(count: number, seed: number): ReportForComparison[] {
	let state = seed;
	const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const firsts = ['Sem', 'Noah', 'Liam', 'Lucas', 'Finn', 'Daan', 'Emma', 'Julia', 'Mila', 'Tess', 'Sophie', 'Zoë', 'Nora', 'Saar', 'Mohammed', 'Yara', 'Anouk', 'Bram', 'Jesse', 'Fleur'];
	const lasts = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'El Amrani', 'Yılmaz', 'Kaya', 'Nguyen', 'Hoekstra'];
	const places = ['class', 'playground', 'corridor', 'gym', 'way_to_school', 'online'];
	const typo = (name: string) => (random() < 0.15 ? name.replace(/[aeiou]/, (v) => (v === 'e' ? 'a' : 'e')) : name);
	return Array.from({ length: count }, (_, i) => {
		const week = 36 + Math.floor(random() * 40);
		const year = week > 52 ? 2027 : 2026;
		return {
			id: `r${String(i).padStart(4, '0')}`,
			schoolYear: '2026-2027',
			receivedOn: `${year}-01-01`,
			place: random() < 0.8 ? { code: pick(places) } : { code: 'elsewhere', text: pick(['bij de fietsenstalling', 'Fietsenstalling', 'kantine']) },
			occurrenceWeek: random() < 0.7 ? `${year}-W${String(week > 52 ? week - 52 : week).padStart(2, '0')}` : undefined,
			pupilNames: Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.3 ? pick(firsts) : typo(`${pick(firsts)} ${pick(lasts)}`))),
			evidenceHashes: random() < 0.05 ? [pick(['aa', 'bb', 'cc', 'dd', 'ee', 'ff', '11', '22'])] : []
		};
	});
}
