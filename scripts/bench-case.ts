/**
 * Part of `npm run bench` (issue 11), run through tsx before the app opens the benchmark database:
 *  - the fixture school 12ZC00 takes reports (an aanspreekpunt on its profile);
 *  - one staff member there, aanspreekpunt and coordinator, signed in with the second factor done;
 *  - two reports, and one case of them with 200 events in its chronology (actions added and done, notes, moves),
 *    built through the case service, for the case page (/school/<code>/zaken/<case>).
 * The inbox with 2 000 reports is another school's (scripts/bench-inbox.ts).
 * Prints one JSON line: the school code, the staff session cookie and the case id.
 *
 * Usage: node --import tsx scripts/bench-case.ts --seed <DATA_DIR>
 */
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase, type Db } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { createVerifiedUser } from '../src/lib/server/auth/account.service';
import { createSession } from '../src/lib/server/auth/session.service';
import { findUserById, insertRole, updateUser } from '../src/lib/server/auth/user.repository';
import { loadActor } from '../src/lib/server/auth/current-actor';
import { newId, nowIso } from '../src/lib/server/auth/tokens';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { ensureDataKey, schoolScope } from '../src/lib/server/crypto/data-key.service';
import { addAction, completeAction, openCase, transitionCase } from '../src/lib/server/cases/case.service';
import { addNote } from '../src/lib/server/cases/case-notes';
import { addDays } from '../src/lib/cases/school-days';
import { todayInNetherlands } from '../src/lib/i18n/locale';
import { BULLYING_FORMS } from '../src/lib/dossier/dossier';

export const BENCH_REPORT_SCHOOL = '12ZC00';
const REPORTS = 2;
const CASE_EVENTS = 200;
const CHANNELS = ['online', 'online', 'online', 'in_person', 'phone', 'email', 'paper'] as const;
const TEXT = 'In de pauze pakken ze mijn tas af en gooien hem over het hek. Daarna lachen ze me uit. ';

async function addReports(db: Db, schoolId: string): Promise<string[]> {
	const key = await ensureDataKey(db, schoolScope(schoolId));
	const today = todayInNetherlands();
	const ids: string[] = [];
	for (let i = 0; i < REPORTS; i++) {
		const id = newId();
		ids.push(id);
		const anonymous = i % 3 !== 0;
		await db
			.insertInto('report')
			.values({
				id,
				school_id: schoolId,
				channel: CHANNELS[i % CHANNELS.length]!,
				reporter_kind: i % 4 === 0 ? 'parent' : 'pupil',
				anonymous: anonymous ? 1 : 0,
				received_on: addDays(today, -Math.floor((i * 365) / REPORTS)),
				what_happened: key.seal(TEXT.repeat(1 + (i % 3)).trim()),
				place: key.seal(i % 2 ? 'Schoolplein' : 'Groepsapp van de klas'),
				people_involved: key.seal('Twee jongens uit groep 8'),
				reporter_name: anonymous ? null : key.seal(`Leerling ${i}`),
				contact: anonymous ? null : key.seal('groep 7b'),
				occurred_on: null,
				occurred_around: 'this_week',
				forms: JSON.stringify([BULLYING_FORMS[i % BULLYING_FORMS.length]]),
				motives: JSON.stringify(i % 5 === 0 ? ['appearance'] : []),
				ongoing: i % 2 ? 'yes' : 'unknown',
				status: 'new',
				receipt_lookup: null,
				passphrase_hash: null,
				child_id: null,
				reporter_user_id: null
			})
			.execute();
	}
	return ids;
}

async function seed(dataDir: string): Promise<void> {
	const cfg = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	setConfigForTests(cfg);
	if (cfg.database.kind !== 'sqlite') throw new Error('The benchmark seeds SQLite only.');
	const handle = openDatabase(cfg.database);
	try {
		const db = handle.db;
		await migrateToLatest(db);
		const school = await db.selectFrom('school').select(['id', 'vestigingscode']).where('vestigingscode', '=', BENCH_REPORT_SCHOOL).executeTakeFirstOrThrow();
		const now = nowIso();
		await db
			.insertInto('school_contact')
			.values({ id: newId(), school_id: school.id, kind: 'aanspreekpunt', user_id: null, name: 'Mevrouw Jansen', job_title: null, email: null, phone: null, hours: null, public: 1, updated_at: now })
			.execute();
		const user = await createVerifiedUser(db, { email: `bench-staff-${newId()}@example.nl`, password: 'paarse olifant danst', displayName: 'Mevrouw Jansen', locale: 'nl' });
		await updateUser(db, user.id, { totp_enabled_at: now });
		for (const role of ['aanspreekpunt', 'coordinator'] as const) await insertRole(db, { id: newId(), user_id: user.id, role, school_id: school.id, board_id: null, created_at: now });
		const { token } = await createSession(db, user.id, { pendingSecondFactor: false, policy: cfg.session });
		const actor = await loadActor(db, (await findUserById(db, user.id))!);

		const reportIds = await addReports(db, school.id);
		const { id: caseId } = await openCase(db, actor, school.vestigingscode, { reportIds: reportIds.slice(0, 2) });
		await transitionCase(db, actor, school.vestigingscode, caseId, { to: 'intake' });
		await transitionCase(db, actor, school.vestigingscode, caseId, { to: 'in_progress' });
		const countEvents = async () => Number((await db.selectFrom('case_event').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow()).n);
		let day = 0;
		while ((await countEvents()) < CASE_EVENTS) {
			const { id } = await addAction(db, actor, school.vestigingscode, caseId, { kind: day % 3 === 0 ? 'agreement' : 'action', ownerUserId: user.id, dueOn: addDays(todayInNetherlands(), 14 + (day % 20)), text: `Gesprek met de klas, ronde ${day + 1}.` });
			if (day % 2 === 0) await completeAction(db, actor, school.vestigingscode, caseId, id);
			await addNote(db, actor, school.vestigingscode, caseId, 'internal_note', `Gesproken met de mentor, ronde ${day + 1}. Het gaat iets beter.`);
			day++;
		}
		console.log(JSON.stringify({ school: school.vestigingscode, cookie: `${sessionCookieName()}=${token}`, caseId, reports: REPORTS, caseEvents: await countEvents() }));
	} finally {
		await handle.close();
	}
}

const [flag, dataDir] = process.argv.slice(2);
if (flag !== '--seed' || !dataDir) {
	console.error('Usage: node --import tsx scripts/bench-case.ts --seed <DATA_DIR>');
	process.exit(2);
}
seed(dataDir).catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
});
