import type { Db } from '../db/connect';
import type { MailOutboxEntry } from '../db/schema';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { listOutbox } from './mailer';

/** The outbox (mail kept when no SMTP server is configured), for platform admins only. */
export async function readOutbox(db: Db, actor: Actor | undefined): Promise<MailOutboxEntry[]> {
	requireRole(actor, ['platform_admin']);
	return listOutbox(db, 200);
}
