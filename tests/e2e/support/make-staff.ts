/**
 * Makes staff accounts of a test's own at a school, with two-step log-in already set up, straight in the test
 * server's database (run by staff.ts through tsx, as the CLI runs). Prints JSON: role, e-mail, password and the TOTP
 * secret for the test's authenticator. Arguments: <school code> <role>:<e-mail> …
 */
import { config } from '../../../src/lib/server/config';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { createVerifiedUser } from '../../../src/lib/server/auth/account.service';
import { insertRole, updateUser } from '../../../src/lib/server/auth/user.repository';
import { beginTotpSetup } from '../../../src/lib/server/auth/two-factor.service';
import { newId, nowIso } from '../../../src/lib/server/auth/tokens';
import { isSchoolRole } from '../../../src/lib/auth/roles';

const PASSWORD = 'paarse olifanten dansen op het dak';

async function main(): Promise<void> {
	const [code, ...people] = process.argv.slice(2);
	const handle = openDatabase(config().database);
	try {
		const school = await handle.db.selectFrom('school').select('id').where('vestigingscode', '=', code ?? '').executeTakeFirstOrThrow();
		const made = [];
		for (const person of people) {
			const [role, email] = person.split(':');
			if (!role || !email || !isSchoolRole(role)) throw new Error(`not a school role and address: ${person}`);
			const user = await createVerifiedUser(handle.db, { email, password: PASSWORD, displayName: `${role} ${email.split('@')[0]}`, locale: 'nl' });
			await insertRole(handle.db, { id: newId(), user_id: user.id, role, school_id: school.id, board_id: null, created_at: nowIso() });
			const { secret } = await beginTotpSetup(handle.db, user.id);
			await updateUser(handle.db, user.id, { totp_enabled_at: nowIso() });
			made.push({ role, email, password: PASSWORD, secret, displayName: `${role} ${email.split('@')[0]}` });
		}
		process.stdout.write(JSON.stringify(made));
	} finally {
		await handle.close();
	}
}

await main();
