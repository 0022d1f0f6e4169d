/**
 * The little of fontkit 2 (pdfkit's own font parser, fonts.ts) that we call: parse a font file once. fontkit ships
 * no types; pdfkit only checks that what it gets has a `layout` function.
 */
declare module 'fontkit' {
	export interface Font {
		postscriptName: string;
		unitsPerEm: number;
		layout(text: string): unknown;
	}
	export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
