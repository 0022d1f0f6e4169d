import * as m from '$lib/paraglide/messages';

/** The name of a role in the user's language (GLOSSARY.md). */
export function roleName(role: string): string {
	switch (role) {
		case 'parent':
			return m.role_parent();
		case 'school_admin':
			return m.role_school_admin();
		case 'aanspreekpunt':
			return m.role_aanspreekpunt();
		case 'coordinator':
			return m.role_coordinator();
		case 'vertrouwenspersoon':
			return m.role_vertrouwenspersoon();
		case 'mentor':
			return m.role_mentor();
		case 'zorgcoordinator':
			return m.role_zorgcoordinator();
		case 'board_analyst':
			return m.role_board_analyst();
		case 'platform_admin':
			return m.role_platform_admin();
		default:
			return role;
	}
}
