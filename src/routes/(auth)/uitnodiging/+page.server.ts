/**
 * Accepting an invitation. Opening the link only shows the invitation (mail scanners fetch links; GET changes nothing).
 * Without an account the invitee makes one here (the address is proven by the link); with one, they log in and accept.
 * Staff roles then require a second factor before anything else (hooks.server.ts sends them there).
 */
import { redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { invitedAccountSchema } from '$lib/auth/forms';
import { paths, loginWithReturn } from '$lib/paths';
import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { acceptAsActor, acceptWithNewAccount, describeInvitation } from '$lib/server/schools/invitation.service';
import { createSession, deleteSession } from '$lib/server/auth/session.service';
import { setSessionCookie } from '$lib/server/auth/session-cookie';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { parseForm, withRules } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

const tokenOf = (url: URL) => (url.searchParams.get('token') ?? '').slice(0, 200);

export const load: PageServerLoad = async ({ url, locals }) => {
	const token = tokenOf(url);
	const invitation = token ? await describeInvitation(database(), token) : undefined;
	return {
		token,
		invitation,
		signedInAs: locals.actor?.email,
		loginHref: loginWithReturn(paths.invitation(token))
	};
};

export const actions: Actions = {
	create: async ({ request, url, cookies, locals }) => {
		const form = await parseForm(request, invitedAccountSchema);
		if (!form.ok) return form.failure;
		const db = database();
		const invitation = await describeInvitation(db, tokenOf(url));
		const result = await withRules(form.values, () => db.transaction().execute((trx) => acceptWithNewAccount(trx, tokenOf(url), form.data)));
		if (!result.ok) return result.failure;
		if (locals.sessionId) await deleteSession(db, locals.sessionId);
		const { token } = await createSession(db, result.value.id, { pendingSecondFactor: false, policy: config().session });
		setSessionCookie(cookies, token);
		setLocaleCookie(cookies, form.data.locale);
		// A parent goes straight to the shared dossier; staff set up their second factor first (the hooks would send them there anyway).
		redirect(303, invitation?.childId ? paths.dossierChild(invitation.childId) : paths.twoFactor);
	},
	accept: async ({ request, url, locals }) => {
		const form = await parseForm(request, v.object({}));
		if (!form.ok) return form.failure;
		const invitation = await describeInvitation(database(), tokenOf(url));
		const result = await withRules(form.values, () => database().transaction().execute((trx) => acceptAsActor(trx, locals.actor, tokenOf(url))));
		if (!result.ok) return result.failure;
		if (invitation?.childId) redirect(303, paths.dossierChild(invitation.childId));
		redirect(303, locals.actor?.secondFactorEnabled ? paths.account : paths.twoFactor);
	}
};
