import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { withStatementCache } from './statement-cache';

describe('the statement cache on the SQLite connection', () => {
	const open = (max?: number) => {
		const sqlite = new SQLite(':memory:');
		sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
		return { sqlite, db: withStatementCache(sqlite, max) };
	};

	it('prepares a text once and hands the same statement out again', () => {
		const { db } = open();
		const first = db.prepare('select n from t order by n');
		expect(db.prepare('select n from t order by n')).toBe(first);
		expect(db.prepare('select n from t where n > ?')).not.toBe(first);
		expect(first.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(db.prepare('select n from t where n > ?').all([1])).toEqual([{ n: 2 }, { n: 3 }]);
	});

	it('gives a statement that is still iterating a new one, so a nested query does not fail', () => {
		const { db } = open();
		const seen: number[] = [];
		for (const row of db.prepare('select n from t order by n').iterate([]) as Iterable<{ n: number }>) {
			seen.push(row.n, ...(db.prepare('select n from t order by n').all([]) as { n: number }[]).map((r) => r.n));
			break;
		}
		expect(seen).toEqual([1, 1, 2, 3]);
	});

	it('starts again past its bound instead of growing', () => {
		const { db } = open(2);
		const a = db.prepare('select 1');
		db.prepare('select 2');
		expect(db.prepare('select 1')).toBe(a);
		db.prepare('select 3');
		expect(db.prepare('select 1')).not.toBe(a);
	});

	it('sees a column added after the statement was kept', () => {
		const { sqlite, db } = open();
		expect(db.prepare('select * from t limit 1').all([])).toEqual([{ n: 1 }]);
		sqlite.exec('alter table t add column m integer default 7');
		expect(db.prepare('select * from t limit 1').all([])).toEqual([{ n: 1, m: 7 }]);
	});
});
