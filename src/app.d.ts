import type { Actor } from '$lib/server/auth/actor';
import type { Locale } from '$lib/i18n/locale';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Correlation id, shown on the error page and written in the log. */
			id?: string;
			kind?: 'unavailable';
		}
		interface Locals {
			requestId: string;
			locale: Locale;
			/** The signed-in account, when the session is complete. */
			actor?: Actor;
			/** The session id (hash), for log-out and rotation. */
			sessionId?: string;
			/** The account that still owes its second factor at log-in. */
			pendingUserId?: string;
			/** Set when a request failed because the database could not be reached. */
			unavailable?: boolean;
		}
	}
}

export {};
