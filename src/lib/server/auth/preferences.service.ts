import type { Db } from '../db/connect';
import type { Locale } from '../../i18n/locale';
import type { Actor } from './actor';
import { nowIso } from './tokens';
import { updateUser } from './user.repository';

/** Remembers the language on the account, so mail is written in it too. */
export async function setPreferredLocale(db: Db, actor: Actor, locale: Locale): Promise<void> {
	if (actor.locale === locale) return;
	await updateUser(db, actor.userId, { locale, updated_at: nowIso() });
}
