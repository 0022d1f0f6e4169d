import { describe, expect, it } from 'vitest';
import { countBy, crossTab, SUPPRESSED, type CrossTable, type Dimension, type ReportCategories } from './hotspots';

const S = SUPPRESSED;
const place: Dimension = { dimension: 'place', categories: ['classroom', 'playground', 'online'] };
const form: Dimension = { dimension: 'form', categories: ['verbal', 'physical', 'exclusion'] };

/** Reports with one place and one form each, `table[r][c]` of them for place r and form c. */
function reportsFor(table: readonly (readonly number[])[], rows = place, columns = form): ReportCategories[] {
	const reports: ReportCategories[] = [];
	table.forEach((line, r) =>
		line.forEach((count, c) => {
			for (let k = 0; k < count; k++) reports.push({ [rows.dimension]: [rows.categories[r]!], [columns.dimension]: [columns.categories[c]!] });
		})
	);
	return reports;
}

/** Reports with only a place, `counts[i]` of them for place i. */
function placeReports(counts: readonly number[], categories = place.categories): ReportCategories[] {
	return counts.flatMap((count, i) => Array.from({ length: count }, () => ({ place: [categories[i]!] })));
}

/** Every number written in the result: the hidden small ones must not be among them. */
function numbersIn(result: unknown): number[] {
	return (JSON.stringify(result).match(/\d+/g) ?? []).map(Number);
}

// ---------------------------------------------------------------------------------------------------------------------
// An independent check of what a table reveals: the table as unknowns (cells, row totals, column totals, grand total)
// and its sums as equations; a bounded search for another table, consistent with everything shown, in which one hidden
// count has a different value. It knows nothing of how the module chooses what to hide.

interface Equation {
	readonly whole: number;
	readonly parts: readonly number[];
}

/** Unknown indices of an r×c table: cells row by row, then row totals, column totals, the grand total. */
function tableEquations(rows: number, columns: number): Equation[] {
	const cell = (r: number, c: number) => r * columns + c;
	const rowTotal = (r: number) => rows * columns + r;
	const columnTotal = (c: number) => rows * columns + rows + c;
	const total = rows * columns + rows + columns;
	const equations: Equation[] = [];
	for (let r = 0; r < rows; r++) equations.push({ whole: rowTotal(r), parts: range(columns).map((c) => cell(r, c)) });
	for (let c = 0; c < columns; c++) equations.push({ whole: columnTotal(c), parts: range(rows).map((r) => cell(r, c)) });
	equations.push({ whole: total, parts: range(rows).map(rowTotal) });
	equations.push({ whole: total, parts: range(columns).map(columnTotal) });
	return equations;
}

function flatten(table: readonly (readonly number[])[]): number[] {
	const rowTotals = table.map((line) => line.reduce((a, b) => a + b, 0));
	const columnTotals = table[0]!.map((_, c) => table.reduce((a, line) => a + line[c]!, 0));
	return [...table.flat(), ...rowTotals, ...columnTotals, rowTotals.reduce((a, b) => a + b, 0)];
}

function flattenShown(result: CrossTable): (number | null)[] {
	const mark = (value: number | 'suppressed') => (value === S ? null : value);
	return [...result.cells.flat(), ...result.rowTotals, ...result.columnTotals, result.total].map(mark);
}

const SEARCH_MARGIN = 3;

/**
 * Is there a table, consistent with `shown` (null = hidden), with unknown `target` ≠ truth[target]? Searches each hidden
 * unknown over 0 … truth + SEARCH_MARGIN (a bounded search: a table found is a real second table, so "yes" is sound),
 * fills in any unknown that is the last open one of an equation, and prunes on non-negativity.
 */
function hasOtherValue(truth: readonly number[], shown: readonly (number | null)[], equations: readonly Equation[], target: number): boolean {
	const start: (number | null)[] = [...shown];
	const order = [target, ...shown.map((_, i) => i).filter((i) => shown[i] === null && i !== target)];
	const candidates = (i: number) => {
		const values = [truth[i]!];
		for (let d = 1; d <= SEARCH_MARGIN; d++) values.push(truth[i]! + d, truth[i]! - d);
		return values.filter((v) => v >= 0 && !(i === target && v === truth[i]));
	};
	const solve = (values: (number | null)[]): boolean => {
		for (let changed = true; changed; ) {
			changed = false;
			for (const { whole, parts } of equations) {
				const open = [whole, ...parts].filter((i) => values[i] === null);
				const known = parts.reduce((a, i) => a + (values[i] ?? 0), 0);
				if (open.length === 0) {
					if (values[whole] !== known) return false;
				} else if (values[whole] !== null && known > values[whole]!) return false;
				else if (open.length === 1) {
					const i = open[0]!;
					const value = i === whole ? known : values[whole]! - known;
					if (value < 0 || (i === target && value === truth[i])) return false;
					values[i] = value;
					changed = true;
				}
			}
		}
		const next = order.find((i) => values[i] === null);
		if (next === undefined) return values[target] !== truth[target];
		return candidates(next).some((v) => {
			const copy = [...values];
			copy[next] = v;
			return solve(copy);
		});
	};
	return solve(start);
}

/**
 * The hidden unknowns for which the bounded search finds no second value. An empty list proves protection; a listed
 * unknown is only "not found within the bound" (the hand-written cases below say why theirs are truly forced).
 */
function recoverable(truth: readonly number[], shown: readonly (number | null)[], equations: readonly Equation[]): number[] {
	return shown.map((_, i) => i).filter((i) => shown[i] === null && !hasOtherValue(truth, shown, equations, i));
}

function range(n: number): number[] {
	return Array.from({ length: n }, (_, i) => i);
}

/** mulberry32: a small seeded generator, so a failing seed can be rerun. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ---------------------------------------------------------------------------------------------------------------------

describe('countBy', () => {
	it('shows counts of at least 5 and hides a second count so the hidden one cannot be taken from the total', () => {
		// 7, 3, 12, 6 (total 28): 3 is hidden; with only it hidden it would be 28 - 7 - 12 - 6, so the smallest
		// other count (6) goes too. 3 + 6 = 9 is all a reader can tell.
		const places = ['classroom', 'playground', 'online', 'corridor'];
		const table = countBy(placeReports([7, 3, 12, 6], places), { dimension: 'place', categories: places });
		expect(table).toEqual({ dimension: 'place', categories: ['classroom', 'playground', 'online', 'corridor'], counts: [7, S, 12, S], total: 28 });
		expect(numbersIn(table)).not.toContain(3);
		expect(numbersIn(table)).not.toContain(6);
	});

	it('hides 4 and shows 5 (the threshold edge); a hidden 0 beside the 4 is enough company', () => {
		const table = countBy(placeReports([4, 5, 0]), place);
		// 4 + 0 = 4 hidden under a total of 9: 4 could be 0…4, 0 could be 0…4.
		expect(table.counts).toEqual([S, 5, S]);
		expect(table.total).toBe(9);
		expect(numbersIn(table).every((n) => n >= 5)).toBe(true);
	});

	it('hides the total too when it is under the threshold', () => {
		const table = countBy(placeReports([1, 2, 1]), place);
		expect(table.counts).toEqual([S, S, S]);
		expect(table.total).toBe(S);
		expect(numbersIn(table)).toEqual([]);
	});

	it('counts mentions: a report with two forms adds to both, and the total is the sum of the counts', () => {
		const reports: ReportCategories[] = [
			...Array.from({ length: 5 }, () => ({ form: ['verbal', 'exclusion'] })),
			...Array.from({ length: 2 }, () => ({ form: ['verbal', 'verbal'] })), // a form named twice counts once
			...Array.from({ length: 6 }, () => ({ form: ['physical'] })),
			{ place: ['online'] } // no form: adds nothing
		];
		expect(countBy(reports, form)).toEqual({ dimension: 'form', categories: form.categories, counts: [7, 6, 5], total: 18 });
	});

	it('raises the threshold when asked, never lowers it under 5', () => {
		expect(countBy(placeReports([5, 9, 6]), place, { threshold: 6 }).counts).toEqual([S, 9, S]);
		expect(() => countBy([], place, { threshold: 4 })).toThrow(RangeError);
		expect(() => countBy([], place, { threshold: 5.5 })).toThrow(RangeError);
	});

	it('refuses a category that is not in the list rather than leaving the report out', () => {
		expect(() => countBy([{ place: ['gym'] }], place)).toThrow(/unknown category "gym"/);
		expect(() => countBy([], { dimension: 'place', categories: [] })).toThrow(/no categories/);
		expect(() => countBy([], { dimension: 'place', categories: ['a', 'a'] })).toThrow(/twice/);
	});
});

describe('crossTab', () => {
	it('hides a second cell and closes the loop where primary suppression alone leaves a cell recoverable', () => {
		const raw = [
			[8, 3, 10], // classroom 21
			[9, 12, 7], // playground 28
			[6, 11, 14] // online 31
		]; // columns 23, 26, 31; total 80
		const truth = flatten(raw);
		const equations = tableEquations(3, 3);
		// Primary suppression hides only the 3: it is then 21 - 8 - 10 (and 26 - 12 - 11).
		const primaryOnly = truth.map((v) => (v < 5 ? null : v));
		expect(recoverable(truth, primaryOnly, equations)).toEqual([1]);
		// The cheapest loop through it: the 8 beside it (smallest of its row), the 11 under it (smallest of its column)
		// and the 6 that closes the rectangle: 8 + 11 + 6 = 25 against 29 through the playground.
		const table = crossTab(reportsFor(raw), place, form);
		expect(table).toEqual({
			rowDimension: 'place',
			columnDimension: 'form',
			rows: place.categories,
			columns: form.categories,
			cells: [
				[S, S, 10],
				[9, 12, 7],
				[S, S, 14]
			],
			rowTotals: [21, 28, 31],
			columnTotals: [23, 26, 31],
			total: 80
		});
		expect(recoverable(truth, flattenShown(table), equations)).toEqual([]);
		for (const hidden of [3, 8, 6, 11]) expect(numbersIn(table)).not.toContain(hidden);
	});

	it('protects cells that only pin each other down through zeros (every line has two hidden cells, yet all are known)', () => {
		const raw = [
			[0, 2, 9], // 11
			[7, 3, 0], // 10
			[4, 8, 1] // 13
		]; // columns 11, 13, 10; total 34
		const truth = flatten(raw);
		const equations = tableEquations(3, 3);
		// The six small cells form one loop; pushing a unit around it would make one of the two zeros negative.
		const primaryOnly = truth.map((v) => (v < 5 ? null : v));
		expect(recoverable(truth, primaryOnly, equations)).toEqual([0, 1, 4, 5, 6, 8]);
		// Hiding the 7 opens a second loop (0, 2, 3, 7), and every hidden cell can move.
		const table = crossTab(reportsFor(raw), place, form);
		expect(table.cells).toEqual([
			[S, S, 9],
			[S, S, S],
			[S, 8, S]
		]);
		expect([table.rowTotals, table.columnTotals, table.total]).toEqual([[11, 10, 13], [11, 13, 10], 34]);
		expect(recoverable(truth, flattenShown(table), equations)).toEqual([]);
	});

	it('hides a total under the threshold and keeps the totals line safe', () => {
		const raw = [
			[1, 2, 1], // 4: hidden, and its cells with it
			[9, 6, 7],
			[5, 8, 10]
		];
		const table = crossTab(reportsFor(raw), place, form);
		expect(table.rowTotals[0]).toBe(S);
		expect(table.cells[0]).toEqual([S, S, S]);
		expect(numbersIn(table).every((n) => n >= 5)).toBe(true);
		expect(recoverable(flatten(raw), flattenShown(table), tableEquations(3, 3))).toEqual([]);
	});

	it('counts mentions in the cells, and the totals are the sums of the cells', () => {
		const times = (n: number, report: ReportCategories) => Array.from({ length: n }, () => report);
		const reports: ReportCategories[] = [
			...times(5, { place: ['classroom'], form: ['verbal', 'physical'] }),
			...times(6, { place: ['classroom', 'online'], form: ['exclusion'] }),
			...times(7, { place: ['playground'], form: ['verbal', 'physical', 'exclusion'] }),
			...times(5, { place: ['online'], form: ['verbal'] }),
			...times(5, { place: ['online'], form: ['physical'] }),
			...times(4, { place: ['playground'] }) // no form: in no cell
		];
		const table = crossTab(reports, place, form);
		expect(table.cells).toEqual([
			[5, 5, 6],
			[7, 7, 7],
			[5, 5, 6]
		]);
		expect(table.rowTotals).toEqual([16, 21, 16]);
		expect(table.columnTotals).toEqual([17, 17, 19]);
		expect(table.total).toBe(53); // 28 reports with a form, 53 mentions
	});

	it('needs two different dimensions', () => {
		expect(() => crossTab([], place, place)).toThrow(/two different dimensions/);
	});

	it.each([
		{ size: 3, seeds: 300 },
		{ size: 4, seeds: 100 }
	])('never leaves a hidden count with a single possible value (random $size×$size tables, 0–12, $seeds seeds)', ({ size, seeds }) => {
		const rows: Dimension = { dimension: 'place', categories: range(size).map((i) => `place-${String.fromCharCode(97 + i)}`) };
		const columns: Dimension = { dimension: 'form', categories: range(size).map((i) => `form-${String.fromCharCode(97 + i)}`) };
		const equations = tableEquations(size, size);
		let needingComplement = 0;
		for (let seed = 1; seed <= seeds; seed++) {
			const next = random(seed);
			const raw = range(size).map(() => range(size).map(() => Math.floor(next() * 13)));
			const truth = flatten(raw);
			const table = crossTab(reportsFor(raw, rows, columns), rows, columns);
			if (recoverable(truth, truth.map((v) => (v < 5 ? null : v)), equations).length > 0) needingComplement++;
			const shownValues = flattenShown(table);
			shownValues.forEach((value, i) => {
				if (value !== null) expect(value, `seed ${seed}: shown counts are true`).toBe(truth[i]);
				if (truth[i]! < 5) expect(value, `seed ${seed}: small counts are hidden`).toBeNull();
			});
			expect(numbersIn(table).every((n) => n >= 5), `seed ${seed}: no small number in the result`).toBe(true);
			expect(recoverable(truth, shownValues, equations), `seed ${seed}: ${JSON.stringify(raw)}`).toEqual([]);
		}
		// The seeds must exercise the complementary step: most tables are recoverable after primary suppression alone.
		expect(needingComplement).toBeGreaterThan(seeds / 2);
	});
});
