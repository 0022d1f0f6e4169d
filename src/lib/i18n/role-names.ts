import * as m from '../paraglide/messages.js';
import type { Locale } from './locale';

/** The name of a role in the user's language (GLOSSARY.md). */
export function roleName(role: string, locale?: Locale): string {
	const o = locale ? { locale } : {};
	switch (role) {
		case 'parent':
			return m.role_parent({}, o);
		case 'school_admin':
			return m.role_school_admin({}, o);
		case 'aanspreekpunt':
			return m.role_aanspreekpunt({}, o);
		case 'coordinator':
			return m.role_coordinator({}, o);
		case 'vertrouwenspersoon':
			return m.role_vertrouwenspersoon({}, o);
		case 'mentor':
			return m.role_mentor({}, o);
		case 'zorgcoordinator':
			return m.role_zorgcoordinator({}, o);
		case 'board_analyst':
			return m.role_board_analyst({}, o);
		case 'platform_admin':
			return m.role_platform_admin({}, o);
		default:
			return role;
	}
}
