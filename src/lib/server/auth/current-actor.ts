import type { Db } from '../db/connect';
import type { User } from '../db/schema';
import { isLocale } from '../../i18n/locale';
import type { Actor } from './actor';
import { findRoles } from './user.repository';

export async function loadActor(db: Db, user: User): Promise<Actor> {
	return {
		userId: user.id,
		email: user.email,
		displayName: user.display_name,
		locale: isLocale(user.locale) ? user.locale : 'nl',
		secondFactorEnabled: user.totp_enabled_at !== null,
		roles: await findRoles(db, user.id)
	};
}
