/**
 * Contacts with school (GLOSSARY: contact) and the agreements made in them (GLOSSARY: agreement). Browser-safe:
 * kinds, form schemas and the one rule everybody needs: is an agreement overdue?
 */
import * as v from 'valibot';
import { textField } from '../forms/text';
import { dateFromParts } from '../schools/school-profile';

/** Who the parent spoke to, as rungs of the ladder (../shared/data/escalation-ladder.md), in ladder order. */
export const CONTACT_RUNGS = ['leerkracht', 'aanspreekpunt', 'mentor', 'vertrouwenspersoon', 'zorgcoordinator', 'directie', 'bestuur', 'outside'] as const;
export type ContactRung = (typeof CONTACT_RUNGS)[number];

export const CONTACT_CHANNELS = ['talk', 'phone', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const AGREEMENT_STATUSES = ['open', 'kept', 'broken'] as const;
export type AgreementStatusValue = (typeof AGREEMENT_STATUSES)[number];

/** Agreement slots on the form for a new contact; more can be added on the contact's page. */
export const AGREEMENT_SLOTS = 3;

const invalid = 'dossier_error_invalid_text';
const tooLong = 'dossier_error_too_long';
const optionalLine = (max: number) => v.pipe(v.optional(textField({ max, invalid, tooLong }), ''), v.transform((s) => s || null));
const optionalText = (max: number) => v.pipe(v.optional(textField({ max, multiline: true, invalid, tooLong }), ''), v.transform((s) => s || null));
const choice = <T extends string>(options: readonly T[], required: string) =>
	v.pipe(v.optional(v.string(), ''), v.nonEmpty(required), v.check((s) => (options as readonly string[]).includes(s), 'dossier_error_choose'), v.transform((s) => s as T));

type Issue = { key: string; message: string };

/** A date from day/month/year fields, or the error for the field. `required` says whether it may be empty. */
function readDate(input: Record<string, unknown>, name: string, options: { required: boolean; future: boolean }): { value: string | null } | Issue {
	const result = dateFromParts(input, name);
	if ('error' in result) {
		// A follow-up date is meant to be in the future: only the contact's own date must not be.
		if (result.error === 'profile_error_date_future' && options.future) return { value: futureDate(input, name) };
		return { key: name, message: result.error === 'profile_error_date_future' ? 'dossier_error_date_future' : 'dossier_error_date' };
	}
	if (result.value === null && options.required) return { key: name, message: 'dossier_error_date_required' };
	return result;
}

function futureDate(input: Record<string, unknown>, name: string): string {
	const part = (suffix: string) => String(input[`${name}-${suffix}`] ?? '').trim();
	return `${part('year')}-${part('month').padStart(2, '0')}-${part('day').padStart(2, '0')}`;
}

function addDateIssues<T extends Record<string, unknown>>(dates: { name: string; required: boolean; future: boolean }[]) {
	return v.rawTransform<T, T & Record<string, string | null>>(({ dataset, addIssue, NEVER }) => {
		const out: Record<string, unknown> = { ...dataset.value };
		let failed = false;
		for (const date of dates) {
			const result = readDate(dataset.value, date.name, date);
			if ('message' in result) {
				addIssue({ message: result.message, path: [{ type: 'object', origin: 'value', input: dataset.value, key: result.key, value: undefined }] });
				failed = true;
			} else out[date.name] = result.value;
		}
		return failed ? NEVER : (out as T & Record<string, string | null>);
	});
}

const slots = Array.from({ length: AGREEMENT_SLOTS }, (_, i) => i + 1);

const contactFields = v.looseObject({
	personName: optionalLine(120),
	rung: choice(CONTACT_RUNGS, 'dossier_error_rung_required'),
	channel: choice(CONTACT_CHANNELS, 'dossier_error_channel_required'),
	summary: optionalText(5000),
	...Object.fromEntries(slots.map((n) => [`agreement${n}`, optionalText(1000)]))
});

export const contactSchema = v.pipe(
	contactFields,
	addDateIssues<v.InferOutput<typeof contactFields>>([
		{ name: 'contactedOn', required: true, future: false },
		...slots.map((n) => ({ name: `followUp${n}`, required: false, future: true }))
	]),
	v.transform((input) => ({
		contactedOn: input.contactedOn as string,
		personName: input.personName as string | null,
		rung: input.rung as ContactRung,
		channel: input.channel as ContactChannel,
		summary: input.summary as string | null,
		agreements: slots
			.map((n) => ({ description: input[`agreement${n}`] as string | null, followUpOn: input[`followUp${n}`] as string | null }))
			.filter((a): a is { description: string; followUpOn: string | null } => Boolean(a.description))
	}))
);
export type ContactInput = v.InferOutput<typeof contactSchema>;

const agreementFields = v.looseObject({ description: v.pipe(textField({ max: 1000, multiline: true, invalid, tooLong, required: 'dossier_error_agreement_required' })) });
export const agreementSchema = v.pipe(agreementFields, addDateIssues<v.InferOutput<typeof agreementFields>>([{ name: 'followUpOn', required: false, future: true }]));

export const agreementStatusSchema = v.object({
	id: v.pipe(v.string(), v.uuid('form_error_invalid')),
	status: choice(AGREEMENT_STATUSES, 'dossier_error_choose')
});

/** An open agreement whose follow-up day has passed: the school did not (yet) do what it promised. */
export function isOverdue(agreement: { status: string; followUpOn: string | null }, today: string): boolean {
	return agreement.status === 'open' && agreement.followUpOn !== null && agreement.followUpOn < today;
}
