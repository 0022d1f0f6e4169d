/**
 * Hotspots for the coordinator's overview (issue 11, item 9): counts of reports by place, time of day, form and motive
 * over the school year, alone or two at a time. Aggregates only, and no cell shown under the threshold (default 5).
 * Browser-safe and pure: the caller reads the reports of one school year through the case service (which checks that
 * the reader may see the overview) and passes in only the categories of each report, never names or text.
 *
 * Small-cell suppression happens in two steps:
 * 1. Primary: every count under the threshold is hidden — cells, row and column totals and the grand total alike.
 * 2. Complementary: a hidden count must not be computable from what is shown. When a row total is shown and only one
 *    cell of that row is hidden, the cell is the total minus the others; so a second cell is hidden (the smallest shown
 *    one of that row or column that, with the fewest other hidings, closes a loop — see cheapestComplement), and this
 *    repeats until nothing changes. Counting hidden cells per line is not enough, though: hidden cells spread over three
 *    rows and three columns can pin each other down through the non-negativity of counts (two zeros on one loop fix all
 *    of it). So the stop rule is the exact one: every hidden count has at least two possible values (non-negative
 *    integers) given everything shown.
 *
 * The exact rule is cheap because a two-way table with its totals is a flow network: the grand total flows from a
 * source to the row nodes (row totals), through the cells to the column nodes, and on to a sink (column totals), and
 * back. "Each row total is the sum of its cells" is flow conservation at a row node. A shown count is a fixed edge;
 * a hidden count is an edge whose flow can be anything ≥ 0. A hidden count can take another value exactly when it lies
 * on a cycle of hidden edges along which flow can be pushed by 1: forward over any hidden edge (no upper bound), backward
 * over a hidden edge only where its count is above 0. Pushing 1 unit around such a cycle keeps every sum and keeps every
 * count a non-negative integer, so the count has ≥ 2 values; without such a cycle its value is forced.
 * A one-way table is the same network with one line: the cells flow from the source to the sink, the total flows back.
 *
 * The result holds shown counts and 'suppressed' markers only; the hidden numbers are not in it anywhere.
 */

/** The categories of one report per dimension, e.g. { place: ['playground'], form: ['verbal', 'online'] }. */
export type ReportCategories = Readonly<Record<string, readonly string[]>>;

/** A dimension and its categories in the order the overview shows them (the lists come from the caller). */
export interface Dimension {
	readonly dimension: string;
	readonly categories: readonly string[];
}

export const SUPPRESSED = 'suppressed' as const;
export type ShownCount = number | typeof SUPPRESSED;

export interface OneWayTable {
	readonly dimension: string;
	readonly categories: readonly string[];
	readonly counts: readonly ShownCount[];
	/** The sum of the counts (mentions, see countBy). */
	readonly total: ShownCount;
}

export interface CrossTable {
	readonly rowDimension: string;
	readonly columnDimension: string;
	readonly rows: readonly string[];
	readonly columns: readonly string[];
	/** cells[row][column] */
	readonly cells: readonly (readonly ShownCount[])[];
	readonly rowTotals: readonly ShownCount[];
	readonly columnTotals: readonly ShownCount[];
	readonly total: ShownCount;
}

export interface SuppressionOptions {
	/** The smallest count that is shown. At least 5 (issue 11: no cell under 5 reports); a school may choose more. */
	readonly threshold?: number;
}

export const DEFAULT_HOTSPOT_THRESHOLD = 5;
const MINIMUM_HOTSPOT_THRESHOLD = 5;

/**
 * Counts per category of one dimension. Forms and motives can be several per report, so a count is the number of reports
 * that mention the category, and the total is the sum of the counts (mentions, not reports): this keeps the table
 * additive, which both the reader and the suppression rely on. A report without the dimension adds nothing.
 */
export function countBy(reports: readonly ReportCategories[], dimension: Dimension, options: SuppressionOptions = {}): OneWayTable {
	const threshold = thresholdOf(options);
	const index = categoryIndex(dimension);
	const raw = dimension.categories.map(() => 0);
	for (const report of reports) for (const i of categoriesOf(report, dimension, index)) raw[i] = (raw[i] ?? 0) + 1;
	const total = sum(raw);

	// Nodes: 0 source, 1 sink. Cells flow source → sink, the total flows back.
	const counts: FlowCount[] = raw.map((value) => ({ value, from: 0, to: 1 }));
	counts.push({ value: total, from: 1, to: 0 });
	const hidden = suppress(counts, threshold);
	return {
		dimension: dimension.dimension,
		categories: [...dimension.categories],
		counts: raw.map((value, i) => shown(value, hidden[i])),
		total: shown(total, hidden[raw.length])
	};
}

/**
 * Counts per pair of categories of two dimensions. A report with two forms and one motive adds to two cells, so the
 * cells count mentions, and every total is the sum of its cells (not a count of reports): the table stays additive,
 * which is what lets the suppression reason about what the totals reveal.
 */
export function crossTab(reports: readonly ReportCategories[], row: Dimension, column: Dimension, options: SuppressionOptions = {}): CrossTable {
	if (row.dimension === column.dimension) throw new Error(`crossTab needs two different dimensions, got "${row.dimension}" twice`);
	const threshold = thresholdOf(options);
	const rowIndex = categoryIndex(row);
	const columnIndex = categoryIndex(column);
	const raw = row.categories.map(() => column.categories.map(() => 0));
	for (const report of reports) {
		const columns = categoriesOf(report, column, columnIndex);
		for (const r of categoriesOf(report, row, rowIndex)) {
			const line = raw[r]!;
			for (const c of columns) line[c] = (line[c] ?? 0) + 1;
		}
	}
	const rowTotals = raw.map(sum);
	const columnTotals = column.categories.map((_, c) => sum(raw.map((line) => line[c] ?? 0)));
	const total = sum(rowTotals);

	// Nodes: 0 source, 1 sink, then the rows, then the columns.
	const rowNode = (r: number) => 2 + r;
	const columnNode = (c: number) => 2 + row.categories.length + c;
	const counts: FlowCount[] = [];
	raw.forEach((line, r) => line.forEach((value, c) => counts.push({ value, from: rowNode(r), to: columnNode(c) })));
	rowTotals.forEach((value, r) => counts.push({ value, from: 0, to: rowNode(r) }));
	columnTotals.forEach((value, c) => counts.push({ value, from: columnNode(c), to: 1 }));
	counts.push({ value: total, from: 1, to: 0 });
	const hidden = suppress(counts, threshold);

	const width = column.categories.length;
	const cellCount = raw.length * width;
	return {
		rowDimension: row.dimension,
		columnDimension: column.dimension,
		rows: [...row.categories],
		columns: [...column.categories],
		cells: raw.map((line, r) => line.map((value, c) => shown(value, hidden[r * width + c]))),
		rowTotals: rowTotals.map((value, r) => shown(value, hidden[cellCount + r])),
		columnTotals: columnTotals.map((value, c) => shown(value, hidden[cellCount + raw.length + c])),
		total: shown(total, hidden[counts.length - 1])
	};
}

/** One count of a table as an edge of its flow network (see the top of this file). */
interface FlowCount {
	readonly value: number;
	readonly from: number;
	readonly to: number;
}

/**
 * Which counts to hide: primary, then complementary until every hidden count has at least two possible values.
 * Hiding more only adds loops, so a count that can move stays movable; one pass more confirms that all can.
 */
function suppress(counts: readonly FlowCount[], threshold: number): boolean[] {
	const hidden = counts.map((count) => count.value < threshold);
	for (let changed = true; changed; ) {
		changed = false;
		for (let i = 0; i < counts.length; i++) {
			if (!hidden[i]) continue;
			// Nothing to add means the count already lies on a loop of hidden counts: it can move.
			const complement = cheapestComplement(counts, hidden, i);
			for (const j of complement) hidden[j] = true;
			if (complement.length > 0) changed = true;
		}
	}
	return hidden;
}

/**
 * The shown counts to hide so that hidden count `forced` lies on a loop of hidden counts along which one unit can be
 * pushed: up, a path from its head back to its tail; down (only above 0), a path from its tail to its head. The path
 * runs over other counts, a hidden one forward always and backward only above 0. Of all such loops, the one whose newly
 * hidden counts add up to the least (a shortest path, each shown count costing its value, each hidden count nothing);
 * an empty answer means the count can already move. In the plain case — a shown row total with one hidden cell — this
 * is the smallest shown cell of that row or column together with what closes the loop (a cell in its column or row),
 * so no cell is hidden that would leave the first one computable all the same. Shown counts are at least the threshold, so above 0: once hidden they can move
 * both ways. Each round hides at least one count, so the loop in suppress ends; with everything hidden nothing is forced
 * (every line is an edge of the one loop source → rows → columns → sink → source).
 */
function cheapestComplement(counts: readonly FlowCount[], hidden: readonly boolean[], forced: number): number[] {
	const count = counts[forced]!;
	const up = cheapestPath(counts, hidden, forced, count.to, count.from);
	const down = count.value > 0 ? cheapestPath(counts, hidden, forced, count.from, count.to) : undefined;
	const best = down !== undefined && (up === undefined || down.cost < up.cost) ? down : up;
	// Unreachable for the tables built here: every node lies on the loop of forward edges.
	if (best === undefined) throw new Error('hotspot suppression found a forced count it cannot protect');
	return best.shown;
}

/** Dijkstra over the few nodes of a table: hidden counts cost 0 (backward only above 0), shown counts their value. */
function cheapestPath(counts: readonly FlowCount[], hidden: readonly boolean[], skip: number, start: number, goal: number): { cost: number; shown: number[] } | undefined {
	const cost = new Map<number, number>([[start, 0]]);
	const via = new Map<number, { node: number; edge: number }>();
	const done = new Set<number>();
	for (;;) {
		let node: number | undefined;
		for (const [n, c] of cost) if (!done.has(n) && (node === undefined || c < cost.get(node)!)) node = n;
		if (node === undefined) return undefined;
		if (node === goal) break;
		done.add(node);
		counts.forEach((edge, j) => {
			if (j === skip) return;
			const next = edge.from === node ? edge.to : edge.to === node ? edge.from : undefined;
			if (next === undefined || done.has(next)) return;
			const backward = edge.from !== node;
			if (hidden[j] && backward && edge.value === 0) return;
			const total = cost.get(node!)! + (hidden[j] ? 0 : edge.value);
			if (total < (cost.get(next) ?? Infinity)) {
				cost.set(next, total);
				via.set(next, { node: node!, edge: j });
			}
		});
	}
	const shown: number[] = [];
	for (let node = goal; node !== start; ) {
		const step = via.get(node)!;
		if (!hidden[step.edge]) shown.push(step.edge);
		node = step.node;
	}
	return { cost: cost.get(goal)!, shown };
}

function thresholdOf(options: SuppressionOptions): number {
	const threshold = options.threshold ?? DEFAULT_HOTSPOT_THRESHOLD;
	if (!Number.isInteger(threshold) || threshold < MINIMUM_HOTSPOT_THRESHOLD)
		throw new RangeError(`hotspot threshold must be a whole number of at least ${MINIMUM_HOTSPOT_THRESHOLD}, got ${threshold}`);
	return threshold;
}

function categoryIndex(dimension: Dimension): Map<string, number> {
	if (dimension.categories.length === 0) throw new Error(`dimension "${dimension.dimension}" has no categories`);
	const index = new Map(dimension.categories.map((category, i) => [category, i]));
	if (index.size !== dimension.categories.length) throw new Error(`dimension "${dimension.dimension}" lists a category twice`);
	return index;
}

/**
 * The category positions a report mentions for a dimension, each once. An unknown category is refused rather than
 * dropped: a count that silently misses reports would be a wrong hotspot.
 */
function categoriesOf(report: ReportCategories, dimension: Dimension, index: ReadonlyMap<string, number>): Set<number> {
	const positions = new Set<number>();
	for (const category of report[dimension.dimension] ?? []) {
		const position = index.get(category);
		if (position === undefined) throw new Error(`unknown category "${category}" for dimension "${dimension.dimension}"`);
		positions.add(position);
	}
	return positions;
}

function shown(value: number, hidden: boolean | undefined): ShownCount {
	return hidden === false ? value : SUPPRESSED;
}

function sum(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
