/** The help directory: who can help, for whom, about what. Browser-safe types, filters and form schema. */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { todayInNetherlands } from '../i18n/locale';

export const HELP_AUDIENCES = ['child', 'young_person', 'parent', 'school'] as const;
export type HelpAudience = (typeof HELP_AUDIENCES)[number];

export const HELP_TOPICS = ['bullying', 'online', 'violence', 'sexual_images', 'suicidal_thoughts', 'complaint_school'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

/** A record as the public page may show it: fields that are not verified are already left out. */
export interface PublicHelpResource {
	id: string;
	name: string;
	description: string;
	/** True when the text is Dutch on an English page (no English text entered yet). */
	descriptionInDutch: boolean;
	whenToUse: string;
	phone: string | undefined;
	website: string | undefined;
	hours: string | undefined;
	openNow: boolean;
	ages: string | undefined;
	channels: string[];
	audiences: HelpAudience[];
	topics: HelpTopic[];
	sourceUrl: string;
	lastChecked: string;
}

export interface PhonePart {
	text: string;
	/** Digits to dial, for a tel: link; absent for words between numbers. */
	dial?: string;
}

/** Splits "112 (spoed) / 0900-8844 (geen spoed)" into the numbers (to call) and the words around them. */
export function phoneParts(phone: string): PhonePart[] {
	const parts: PhonePart[] = [];
	let last = 0;
	for (const match of phone.matchAll(/(?<![\d])(?:0\d[\d -]{6,12}\d|1\d{2})(?![\d])/g)) {
		if (match.index > last) parts.push({ text: phone.slice(last, match.index) });
		parts.push({ text: match[0], dial: match[0].replace(/\D/g, '') });
		last = match.index + match[0].length;
	}
	if (last < phone.length) parts.push({ text: phone.slice(last) });
	return parts;
}

const optionalText = (max: number) =>
	v.optional(v.pipe(textField({ max, tooLong: 'help_error_too_long', invalid: 'help_error_invalid_text' }), v.transform((s) => s || null)), '');
const multiline = (max: number, required?: string) => textField({ max, multiline: true, required, tooLong: 'help_error_too_long', invalid: 'help_error_invalid_text' });
const httpsUrl = v.pipe(
	textField({ max: 500, tooLong: 'help_error_too_long', invalid: 'help_error_invalid_text' }),
	v.check((s) => s === '' || /^https:\/\/[^\s/]+\.[^\s]+$/.test(s), 'help_error_url')
);
const flag = v.pipe(v.optional(v.string(), ''), v.transform((s) => (s === 'on' || s === '1' || s === 'true' ? 1 : 0) as 0 | 1));
const list = <T extends string>(options: readonly T[], message: string) =>
	v.pipe(
		v.optional(v.union([v.string(), v.array(v.string())]), []),
		v.transform((value) => (Array.isArray(value) ? value : value ? [value] : [])),
		v.check((values) => values.every((x) => (options as readonly string[]).includes(x)), message),
		v.transform((values) => values as T[])
	);

/** The admin form. Phone numbers only as digits, spaces, dashes and the words around them ("113 of 0800-0113"). */
export const helpResourceSchema = v.object({
	name: textField({ max: 120, required: 'help_error_name_required', tooLong: 'help_error_too_long', invalid: 'help_error_invalid_text' }),
	descriptionNl: multiline(2000, 'help_error_description_required'),
	descriptionEn: v.optional(v.pipe(multiline(2000), v.transform((s) => s || null)), ''),
	whenToUseNl: multiline(1000, 'help_error_when_required'),
	whenToUseEn: v.optional(v.pipe(multiline(1000), v.transform((s) => s || null)), ''),
	phone: v.pipe(
		optionalText(80),
		v.check((s) => s === null || /^[\p{L}\d ()/+.,-]+$/u.test(s), 'help_error_phone')
	),
	phoneVerified: flag,
	website: v.optional(v.pipe(httpsUrl, v.transform((s) => s || null)), ''),
	websiteVerified: flag,
	hours: optionalText(200),
	hoursVerified: flag,
	alwaysOpen: flag,
	ages: optionalText(80),
	channels: v.pipe(optionalText(200), v.transform((s) => (s ? s.split(',').map((c) => c.trim()).filter(Boolean) : []))),
	audiences: v.pipe(list(HELP_AUDIENCES, 'help_error_audiences'), v.minLength(1, 'help_error_audiences')),
	topics: list(HELP_TOPICS, 'help_error_topics'),
	sourceUrl: v.pipe(httpsUrl, v.check((s) => s !== '', 'help_error_source_required')),
	caveats: v.optional(v.pipe(multiline(2000), v.transform((s) => s || null)), ''),
	lastChecked: v.pipe(v.string(), v.isoDate('help_error_date'), v.check((s) => s <= todayInNetherlands(), 'help_error_date_future'))
});

export type HelpResourceInput = v.InferOutput<typeof helpResourceSchema>;
