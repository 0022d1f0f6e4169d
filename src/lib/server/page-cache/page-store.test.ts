import { describe, expect, it } from 'vitest';
import { PageStore, type StoredPage } from './page-store';

const page = (bytes: number, etag = '"x"'): StoredPage => ({ body: new Uint8Array(bytes), gzip: new Uint8Array(0), headers: [], etag, gzipEtag: etag, routeId: '/' });

describe('the page store', () => {
	it('keeps pages and gives them back', () => {
		const store = new PageStore(10_000, 5_000);
		store.set('a', page(100, '"a"'));
		expect(store.get('a')?.etag).toBe('"a"');
		expect(store.get('b')).toBeUndefined();
	});

	it('never holds more than its bound, and lets the least recently used go first', () => {
		const store = new PageStore(3_000, 2_000);
		store.set('a', page(900));
		store.set('b', page(900));
		store.set('c', page(900));
		store.get('a');
		store.set('d', page(900));
		expect(store.size.bytes).toBeLessThanOrEqual(3_000);
		expect(store.get('b')).toBeUndefined();
		expect(store.get('a')).toBeDefined();
		expect(store.get('d')).toBeDefined();
		for (let i = 0; i < 1_000; i++) store.set(`crawler-${i}`, page(500));
		expect(store.size.bytes).toBeLessThanOrEqual(3_000);
		expect(store.size.pages).toBeLessThanOrEqual(6);
	});

	it('does not keep a page larger than the page bound', () => {
		const store = new PageStore(10_000, 1_000);
		store.set('big', page(2_000));
		expect(store.get('big')).toBeUndefined();
		expect(store.size).toEqual({ pages: 0, bytes: 0 });
	});

	it('replacing a page counts its bytes once', () => {
		const store = new PageStore(10_000, 5_000);
		store.set('a', page(1_000));
		const once = store.size.bytes;
		store.set('a', page(1_000));
		expect(store.size.bytes).toBe(once);
	});

	it('drops everything of an old version or day', () => {
		const store = new PageStore(10_000, 5_000);
		store.set('1|2026-12-06|/hulp', page(100));
		store.set('2|2026-12-06|/hulp', page(100));
		store.keepOnly('2|2026-12-06|');
		expect(store.get('1|2026-12-06|/hulp')).toBeUndefined();
		expect(store.get('2|2026-12-06|/hulp')).toBeDefined();
		expect(store.size.pages).toBe(1);
	});
});
