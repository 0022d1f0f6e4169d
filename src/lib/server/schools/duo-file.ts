/**
 * Reads a DUO open-data school file (../shared/data/duo-school-registry.md): `;` or `,` separated, UTF-8 or
 * Windows-1252, old and new column names, in any order. Rows it cannot read are reported with their line
 * number; the rest is kept. Pure: no database here (duo-import.service.ts writes the rows).
 */

export interface DuoSchoolRow {
	/** Line number in the file (1 = the header), for reports. */
	line: number;
	instellingscode: string;
	vestigingscode: string;
	name: string;
	place: string;
	postcode: string | null;
	boardCode: string | null;
}

export interface DuoProblem {
	line: number;
	reason: string;
}

export interface DuoFile {
	rows: DuoSchoolRow[];
	problems: DuoProblem[];
	delimiter: ';' | ',';
	encoding: 'utf-8' | 'windows-1252';
}

export class DuoFileError extends Error {
	override name = 'DuoFileError';
}

/** Header names as DUO wrote them over the years, compared without case, spaces, dashes or underscores. */
const COLUMNS = {
	instellingscode: ['INSTELLINGSCODE', 'BRIN NUMMER', 'BRINNUMMER', 'BRIN'],
	vestigingscode: ['VESTIGINGSCODE', 'VESTIGINGSNUMMER'],
	name: ['VESTIGINGSNAAM', 'INSTELLINGSNAAM VESTIGING', 'INSTELLINGSNAAM'],
	place: ['PLAATSNAAM', 'PLAATS'],
	postcode: ['POSTCODE'],
	boardCode: ['BEVOEGD GEZAG NUMMER', 'BEVOEGD GEZAG']
} as const;
const REQUIRED = ['instellingscode', 'name', 'place'] as const;

const squash = (header: string) => header.toUpperCase().replace(/[\s_-]+/g, '');

function decode(bytes: Uint8Array): { text: string; encoding: DuoFile['encoding'] } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// Older DUO files are Windows-1252: é, ë and ï in names would otherwise be lost.
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/** Splits CSV text into records of fields, honouring quotes (a quoted field may hold the delimiter or a newline). */
export function parseCsv(text: string, delimiter: string): { fields: string[]; line: number }[] {
	const records: { fields: string[]; line: number }[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else {
				if (c === '\n') line++;
				field += c;
			}
		} else if (c === '"' && field === '') quoted = true;
		else if (c === delimiter) {
			fields.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			fields.push(field);
			records.push({ fields, line: recordLine });
			fields = [];
			field = '';
			line++;
			recordLine = line;
		} else field += c;
	}
	if (field !== '' || fields.length > 0) {
		fields.push(field);
		records.push({ fields, line: recordLine });
	}
	return records.filter((r) => r.fields.some((f) => f.trim() !== ''));
}

function detectDelimiter(headerLine: string): ';' | ',' {
	const semicolons = headerLine.split(';').length - 1;
	const commas = headerLine.split(',').length - 1;
	if (semicolons === 0 && commas === 0) {
		throw new DuoFileError('The file has no ";" or "," between its column names: it is not a DUO CSV file.');
	}
	return semicolons >= commas ? ';' : ',';
}

const INSTELLINGSCODE = /^[0-9]{2}[A-Z]{2}$/;
const VESTIGINGSCODE = /^[0-9]{2}[A-Z]{2}[0-9]{2}$/;
const POSTCODE = /^[1-9][0-9]{3} ?[A-Z]{2}$/;

export function readDuoFile(bytes: Uint8Array): DuoFile {
	const { text: raw, encoding } = decode(bytes);
	const text = raw.replace(/^\uFEFF/, '');
	const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = detectDelimiter(headerLine);
	const [header, ...records] = parseCsv(text, delimiter);
	if (!header) throw new DuoFileError('The file is empty.');

	const names = header.fields.map((h) => squash(h));
	const index = {} as Record<keyof typeof COLUMNS, number>;
	for (const [key, aliases] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
		index[key] = aliases.map((a) => names.indexOf(squash(a))).find((i) => i >= 0) ?? -1;
	}
	const missing = REQUIRED.filter((key) => index[key] < 0);
	if (missing.length > 0) {
		throw new DuoFileError(
			`Columns are missing: ${missing.map((key) => COLUMNS[key].join(' or ')).join('; ')}. Found: ${header.fields.map((h) => h.trim()).join(', ')}.`
		);
	}

	const rows: DuoSchoolRow[] = [];
	const problems: DuoProblem[] = [];
	const seen = new Map<string, number>();
	for (const record of records) {
		const cell = (key: keyof typeof COLUMNS) => (index[key] >= 0 ? (record.fields[index[key]] ?? '').trim() : '');
		if (record.fields.length < header.fields.length) {
			problems.push({ line: record.line, reason: `only ${record.fields.length} of ${header.fields.length} columns (a cut-off line?)` });
			continue;
		}
		const instellingscode = cell('instellingscode').toUpperCase().replace(/\s/g, '');
		// Main-location files have no location number: the main location is number 00.
		const vestiging = cell('vestigingscode').toUpperCase().replace(/\s/g, '');
		const vestigingscode = vestiging.length === 6 ? vestiging : vestiging.length === 2 ? instellingscode + vestiging : vestiging === '' ? `${instellingscode}00` : vestiging;
		const name = cell('name').replace(/\s+/g, ' ');
		const place = cell('place').replace(/\s+/g, ' ');
		const postcode = cell('postcode').toUpperCase().replace(/\s+/g, ' ');
		if (!INSTELLINGSCODE.test(instellingscode)) {
			problems.push({ line: record.line, reason: `instellingscode "${instellingscode}" is not 2 digits and 2 letters` });
			continue;
		}
		if (!VESTIGINGSCODE.test(vestigingscode)) {
			problems.push({ line: record.line, reason: `vestigingscode "${vestigingscode}" is not 6 characters like 00AA00` });
			continue;
		}
		if (!name || !place) {
			problems.push({ line: record.line, reason: 'name or place is empty' });
			continue;
		}
		const earlier = seen.get(vestigingscode);
		if (earlier !== undefined) {
			problems.push({ line: record.line, reason: `vestigingscode ${vestigingscode} was already on line ${earlier}; this line was skipped` });
			continue;
		}
		seen.set(vestigingscode, record.line);
		rows.push({
			line: record.line,
			instellingscode,
			vestigingscode,
			name,
			place,
			postcode: POSTCODE.test(postcode) ? postcode.replace(/^(\d{4}) ?/, '$1 ') : null,
			boardCode: cell('boardCode') || null
		});
	}
	return { rows, problems, delimiter, encoding };
}
