/**
 * Rendered pages in memory, least recently used first out, bounded by total bytes: a crawler that walks every
 * filter combination of the help directory can fill it, never grow it.
 */
export interface StoredPage {
	/** The page as rendered, and gzipped once for the browsers that take it (most do: fewer bytes on a phone). */
	body: Uint8Array<ArrayBuffer>;
	gzip: Uint8Array<ArrayBuffer>;
	/** Response headers as rendered (content type, CSP), without the cache's own. */
	headers: [string, string][];
	/** A strong ETag per representation (RFC 9110 8.8.3): the same bytes, the same tag. */
	etag: string;
	gzipEtag: string;
	/** The route, for the request log. */
	routeId: string;
}

export class PageStore {
	// A Map keeps insertion order: re-inserting on every hit makes its first key the least recently used.
	private readonly pages = new Map<string, StoredPage>();
	private bytes = 0;

	constructor(
		private readonly maxBytes: number,
		/** Larger pages are not kept at all: one page must not push out hundreds. */
		private readonly maxPageBytes: number
	) {}

	get(key: string): StoredPage | undefined {
		const page = this.pages.get(key);
		if (page) {
			this.pages.delete(key);
			this.pages.set(key, page);
		}
		return page;
	}

	set(key: string, page: StoredPage): void {
		const size = sizeOf(key, page);
		if (size > this.maxPageBytes) return;
		this.delete(key);
		this.pages.set(key, page);
		this.bytes += size;
		for (const [oldest, old] of this.pages) {
			if (this.bytes <= this.maxBytes) break;
			this.pages.delete(oldest);
			this.bytes -= sizeOf(oldest, old);
		}
	}

	/** Drops every page whose key does not start with the prefix (an old content version or day). */
	keepOnly(prefix: string): void {
		for (const [key, page] of this.pages) {
			if (!key.startsWith(prefix)) {
				this.pages.delete(key);
				this.bytes -= sizeOf(key, page);
			}
		}
	}

	get size(): { pages: number; bytes: number } {
		return { pages: this.pages.size, bytes: this.bytes };
	}

	private delete(key: string): void {
		const old = this.pages.get(key);
		if (old) {
			this.pages.delete(key);
			this.bytes -= sizeOf(key, old);
		}
	}
}

function sizeOf(key: string, page: StoredPage): number {
	// Strings count twice their length (UTF-16); a rough figure is enough for a bound.
	const strings = key.length + page.etag.length + page.gzipEtag.length + page.routeId.length + page.headers.reduce((sum, [name, value]) => sum + name.length + value.length, 0);
	return page.body.byteLength + page.gzip.byteLength + 2 * strings;
}
