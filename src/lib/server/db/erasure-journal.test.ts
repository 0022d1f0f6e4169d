import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/test-database';
import { readErasureJournal, recordErasure } from './erasure-journal';

const dir = makeTempDir();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('the erasure journal', () => {
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('keeps kind, id and day only, one line each, private to the app', () => {
		const file = path.join(dir, 'a.jsonl');
		recordErasure('dossier', id(1), file, new Date('2026-12-06T23:30:00Z'));
		recordErasure('account', id(2), file, new Date('2026-12-07T08:00:00Z'));
		// 23:30 UTC is already the next day in the Netherlands; no time of day is kept.
		expect(readErasureJournal(file)).toEqual([
			{ kind: 'dossier', id: id(1), on: '2026-12-07' },
			{ kind: 'account', id: id(2), on: '2026-12-07' }
		]);
		expect(fs.readFileSync(file, 'utf8')).not.toMatch(/T\d\d:/);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});

	it('has no entries when there is no journal, refuses anything but an id', () => {
		expect(readErasureJournal(path.join(dir, 'none.jsonl'))).toEqual([]);
		expect(() => recordErasure('dossier', 'Noor', path.join(dir, 'b.jsonl'))).toThrow();
	});

	it('skips a last line cut short by a crash, and stops at a damaged line elsewhere', () => {
		const cut = path.join(dir, 'cut.jsonl');
		recordErasure('dossier', id(3), cut);
		fs.appendFileSync(cut, '{"kind":"doss');
		expect(readErasureJournal(cut).map((e) => e.id)).toEqual([id(3)]);
		const damaged = path.join(dir, 'damaged.jsonl');
		fs.writeFileSync(damaged, `nonsense\n${JSON.stringify({ kind: 'dossier', id: id(4), on: '2026-12-07' })}\n`);
		expect(() => readErasureJournal(damaged)).toThrow('line 1');
		fs.writeFileSync(damaged, `${JSON.stringify({ kind: 'school', id: id(4), on: '2026-12-07' })}\n`);
		expect(() => readErasureJournal(damaged)).toThrow('line 1');
	});
});
