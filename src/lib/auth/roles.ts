/** The roles of Pestwijzer (GLOSSARY.md). Browser-safe. */

export const SCHOOL_ROLES = [
	'school_admin',
	'aanspreekpunt',
	'coordinator',
	'vertrouwenspersoon',
	'mentor',
	'zorgcoordinator'
] as const;
export const BOARD_ROLES = ['board_analyst'] as const;
export const PLATFORM_ROLES = ['platform_admin'] as const;
export const ROLES = ['parent', ...SCHOOL_ROLES, ...BOARD_ROLES, ...PLATFORM_ROLES] as const;

export type SchoolRole = (typeof SCHOOL_ROLES)[number];
export type BoardRole = (typeof BOARD_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isSchoolRole(role: string): role is SchoolRole {
	return (SCHOOL_ROLES as readonly string[]).includes(role);
}

export function isBoardRole(role: string): role is BoardRole {
	return (BOARD_ROLES as readonly string[]).includes(role);
}

export function isRole(role: string): role is Role {
	return (ROLES as readonly string[]).includes(role);
}

/** Roles for which a second factor is required before anything else can be seen (SECURITY.md: TOTP for every staff role). */
export function requiresSecondFactor(role: Role): boolean {
	return role !== 'parent';
}
