import { emailOnlySchema } from '$lib/auth/forms';
import { database } from '$lib/server/db';
import { requestPasswordReset } from '$lib/server/auth/account.service';
import { parseForm } from '$lib/server/http/form';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await parseForm(request, emailOnlySchema);
		if (!form.ok) return form.failure;
		await database()
			.transaction()
			.execute((trx) => requestPasswordReset(trx, form.data.email));
		// The same answer for every address (no enumeration).
		return { sent: true, values: form.values };
	}
};
