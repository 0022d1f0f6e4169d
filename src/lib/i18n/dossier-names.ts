import * as m from '../paraglide/messages.js';
import type { Locale } from './locale';
import type { BullyingForm, Place } from '../dossier/dossier';
import type { AgreementStatusValue, ContactChannel, ContactRung } from '../dossier/contacts';

/** "groep-5" → "groep 5" / "year 5 (primary)"; "klas-2" → "klas 2" / "year 2 (secondary)". */
export function yearGroupName(group: string): string {
	const [kind, number] = group.split('-');
	return kind === 'groep' ? m.dossier_year_group_primary({ n: number ?? '' }) : m.dossier_year_group_secondary({ n: number ?? '' });
}

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** In the page's language, or in `locale` (a letter can be in another language than the page). */
export function bullyingFormName(form: BullyingForm, locale?: Locale): string {
	const names: Record<BullyingForm, Message> = {
		verbal: m.form_kind_verbal,
		physical: m.form_kind_physical,
		exclusion: m.form_kind_exclusion,
		threats: m.form_kind_threats,
		rumours: m.form_kind_rumours,
		belongings: m.form_kind_belongings,
		online_fake_profile: m.form_kind_online_fake_profile,
		online_threats: m.form_kind_online_threats,
		online_private_images: m.form_kind_online_private_images,
		online_group_exclusion: m.form_kind_online_group_exclusion
	};
	return names[form]({}, locale ? { locale } : {});
}

export function placeName(place: Place): string {
	const names: Record<Place, () => string> = {
		class: m.place_class,
		playground: m.place_playground,
		corridor: m.place_corridor,
		gym: m.place_gym,
		way_to_school: m.place_way_to_school,
		online: m.place_online,
		elsewhere: m.place_elsewhere
	};
	return names[place]();
}

export function rungName(rung: ContactRung, locale?: Locale): string {
	const names: Record<ContactRung, Message> = {
		leerkracht: m.rung_leerkracht,
		aanspreekpunt: m.rung_aanspreekpunt,
		mentor: m.rung_mentor,
		vertrouwenspersoon: m.rung_vertrouwenspersoon,
		zorgcoordinator: m.rung_zorgcoordinator,
		directie: m.rung_directie,
		bestuur: m.rung_bestuur,
		outside: m.rung_outside
	};
	return names[rung]({}, locale ? { locale } : {});
}

export function channelName(channel: ContactChannel): string {
	return channel === 'talk' ? m.channel_talk() : channel === 'phone' ? m.channel_phone() : m.channel_email();
}

export function agreementStatusName(status: AgreementStatusValue): string {
	return status === 'open' ? m.agreement_status_open() : status === 'kept' ? m.agreement_status_kept() : m.agreement_status_broken();
}
