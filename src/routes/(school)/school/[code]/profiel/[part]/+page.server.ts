/** One part of the school profile: a person (chosen from the team or typed in) or one of the other sections. */
import { error, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import * as m from '$lib/paraglide/messages';
import { paths } from '$lib/paths';
import {
	complaintsSchema,
	contactSchema,
	monitorSchema,
	mrConsentSchema,
	mentorsSchema,
	profilePartFromSlug,
	programmeSchema,
	type ProfilePart
} from '$lib/schools/school-profile';
import { database } from '$lib/server/db';
import { PROGRAMMES } from '$lib/server/reference-data/reference-data';
import { clearContact, getProfileForEdit, saveContact, saveSection, type ProfileForEdit, type SectionInput } from '$lib/server/schools/school-profile.service';
import { parseForm, withRules } from '$lib/server/http/form';
import { orHttpError } from '$lib/server/http/respond';
import type { Actions, PageServerLoad } from './$types';

function partOf(slug: string): ProfilePart {
	const part = profilePartFromSlug(slug);
	if (!part) error(404, m.error_not_found_text());
	return part;
}

function dateValues(name: string, iso: string | null | undefined): Record<string, string> {
	if (!iso) return {};
	const [year, month, day] = iso.split('-');
	return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
}

/** What the form shows before anything was posted: the profile as it is. */
function currentValues(part: ProfilePart, data: ProfileForEdit): Record<string, string> {
	const p = data.profile;
	if (part.type === 'contact') {
		const c = data.contacts[part.kind];
		return {
			member: c ? (c.userId ?? 'other') : '',
			name: c && !c.userId ? c.name : '',
			jobTitle: c?.jobTitle ?? '',
			email: c?.email ?? '',
			phone: c?.phone ?? '',
			hours: c?.hours ?? '',
			// A new person is published by default: naming them publicly is the point of the profile.
			public: !c || c.public ? 'on' : '',
			alsoCoordinator: p?.coordinator_is_aanspreekpunt ?? ''
		};
	}
	switch (part.section) {
		case 'mentors':
			return { mentorText: p?.mentor_text ?? '' };
		case 'complaints':
			return {
				commission: p?.complaints_commission ?? '',
				commissionName: p?.complaints_commission_name ?? '',
				commissionUrl: p?.complaints_commission_url ?? '',
				complaintsText: p?.complaints_text ?? ''
			};
		case 'mr_consent':
			return { consent: p?.mr_consent_safety_policy ?? '', ...dateValues('consentOn', p?.mr_consent_on) };
		case 'programme':
			return {
				choice: p?.programme_choice === 'catalogue' ? `catalogue:${p.programme_name}` : (p?.programme_choice ?? ''),
				otherName: p?.programme_choice === 'other' ? (p.programme_name ?? '') : '',
				sinceYear: p?.programme_since_year ? String(p.programme_since_year) : ''
			};
		case 'monitor':
			return { instrument: p?.monitor_instrument ?? '', ...dateValues('monitorOn', p?.monitor_on) };
	}
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const part = partOf(params.part);
	const data = await orHttpError(() => getProfileForEdit(database(), locals.actor, params.code));
	return {
		part,
		school: { name: data.school.name, vestigingscode: data.school.vestigingscode, sector: data.school.sector },
		current: currentValues(part, data),
		exists: part.type === 'contact' && data.contacts[part.kind] !== undefined,
		team: part.type === 'contact' ? data.team.map((t) => ({ userId: t.userId, name: t.name, roles: t.roles })) : [],
		programmes: PROGRAMMES.map((p) => ({ name: p.name, schoolTypes: p.school_types }))
	};
};

const SECTION_SCHEMAS = {
	mentors: mentorsSchema,
	complaints: complaintsSchema,
	mr_consent: mrConsentSchema,
	programme: programmeSchema,
	monitor: monitorSchema
} as const;

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const part = partOf(params.part);
		const db = database();
		if (part.type === 'contact') {
			const form = await parseForm(request, contactSchema);
			if (!form.ok) return form.failure;
			const result = await withRules(form.values, () =>
				orHttpError(() => db.transaction().execute((trx) => saveContact(trx, locals.actor, params.code, part.kind, form.data)))
			);
			if (!result.ok) return result.failure;
		} else {
			const form = await parseForm(request, SECTION_SCHEMAS[part.section] as v.GenericSchema<unknown, Record<string, unknown>>);
			if (!form.ok) return form.failure;
			const input = { ...form.data, section: part.section } as SectionInput;
			const names = PROGRAMMES.map((p) => p.name);
			const result = await withRules(form.values, () =>
				orHttpError(() => db.transaction().execute((trx) => saveSection(trx, locals.actor, params.code, input, names)))
			);
			if (!result.ok) return result.failure;
		}
		redirect(303, `${paths.schoolProfile(params.code)}?opgeslagen=1`);
	},
	clear: async ({ locals, params }) => {
		const part = partOf(params.part);
		if (part.type !== 'contact') error(404, m.error_not_found_text());
		await orHttpError(() => database().transaction().execute((trx) => clearContact(trx, locals.actor, params.code, part.kind)));
		redirect(303, `${paths.schoolProfile(params.code)}?opgeslagen=1`);
	}
};
