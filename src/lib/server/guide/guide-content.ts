/**
 * Reads the guide from content/guide/<slug>/<locale>.md: YAML front matter (checked with valibot) and a
 * Markdown body. Vite bundles the files into the server build, so the built app needs no content folder.
 */
import { Marked, type Tokens } from 'marked';
import { localePath } from '$lib/paths';
import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { AUDIENCES, headingId, type GuideHeading, type GuidePage } from '../../guide/guide';
import { LOCALES, type Locale } from '../../i18n/locale';

const frontMatter = v.object({
	title: v.pipe(v.string(), v.minLength(3), v.maxLength(90)),
	summary: v.pipe(v.string(), v.minLength(10), v.maxLength(160)),
	lastReviewed: v.pipe(v.string(), v.isoDate()),
	audience: v.picklist(AUDIENCES),
	order: v.pipe(v.number(), v.integer()),
	sources: v.array(v.object({ title: v.pipe(v.string(), v.minLength(3)), url: v.pipe(v.string(), v.url(), v.startsWith('http')) }))
});

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Renders one body, collecting its h2 headings. Raw HTML in Markdown is shown as text, never as markup. */
function render(markdown: string, locale: Locale): { html: string; headings: GuideHeading[] } {
	const headings: GuideHeading[] = [];
	const used = new Set<string>();
	const marked = new Marked({ gfm: true, async: false });
	marked.use({
		renderer: {
			heading({ tokens, depth }: Tokens.Heading) {
				const inner = this.parser.parseInline(tokens);
				const plain = tokens.map((t) => ('text' in t ? t.text : '')).join('');
				let id = headingId(plain);
				while (used.has(id)) id = `${id}-2`;
				used.add(id);
				if (depth === 2) headings.push({ id, text: plain });
				return `<h${depth} id="${id}">${inner}</h${depth}>\n`;
			},
			html({ text }: Tokens.HTML | Tokens.Tag) {
				return escapeHtml(text);
			},
			link({ href, tokens }: Tokens.Link) {
				const inner = this.parser.parseInline(tokens);
				// Only links that lead somewhere safe: our own pages, https sites, phone and mail.
				if (!/^(\/(?!\/)|#|https:\/\/|tel:|mailto:)/.test(href)) return inner;
				// Content links to the Dutch address; an English page links to the English one (decision 0016).
				const target = href.startsWith('/') ? localePath(href, locale) : href;
				return `<a href="${escapeHtml(target)}">${inner}</a>`;
			},
			image({ text }: Tokens.Image) {
				return escapeHtml(text);
			}
		}
	});
	return { html: marked.parse(markdown) as string, headings };
}

/** The text a reader reads: Markdown without its marks, one line per paragraph or list item. */
export function plainText(markdown: string): string {
	return markdown
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^#{1,6}\s+/gm, '')
		.replace(/^\s*(?:[-*+]|\d+\.)\s+(?:\[[ x]\]\s+)?/gm, '')
		.replace(/[*_`>]/g, '')
		.replace(/\n{2,}/g, '\n')
		.trim();
}

export class GuideContentError extends Error {
	override name = 'GuideContentError';
}

export function parseGuideFile(path: string, source: string): GuidePage {
	const match = /content\/guide\/([a-z0-9-]+)\/([a-z]{2})\.md$/.exec(path);
	const slug = match?.[1];
	const locale = match?.[2] as Locale | undefined;
	if (!slug || !locale || !LOCALES.includes(locale)) throw new GuideContentError(`${path}: expected content/guide/<slug>/<nl|en>.md`);
	const parts = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source.replace(/\r\n/g, '\n'));
	if (!parts) throw new GuideContentError(`${path}: front matter between --- lines is missing`);
	const meta = v.safeParse(frontMatter, parseYaml(parts[1]!));
	if (!meta.success) {
		throw new GuideContentError(`${path}: ${meta.issues.map((i) => `${v.getDotPath(i) ?? ''} ${i.message}`).join('; ')}`);
	}
	const body = parts[2]!;
	const { html, headings } = render(body, locale);
	return { slug, locale, ...meta.output, html, text: plainText(body), headings };
}

const files = import.meta.glob('/content/guide/*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let pages: GuidePage[] | undefined;

/** Every guide page in every language, parsed once. A broken file stops the app at the first request, and the tests. */
export function allGuidePages(): GuidePage[] {
	pages ??= Object.entries(files)
		.map(([path, source]) => parseGuideFile(path, source))
		.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
	return pages;
}

export function guidePages(locale: Locale): GuidePage[] {
	return allGuidePages().filter((p) => p.locale === locale);
}

export function findGuidePage(slug: string, locale: Locale): GuidePage | undefined {
	return allGuidePages().find((p) => p.slug === slug && p.locale === locale);
}
