/**
 * Part of `npm run bench`, run through tsx: a school with 2 000 reports and its aanspreekpunt signed in (with a
 * second factor, as staff must have), in the benchmark app's database, before the app opens it. For issue 11's
 * "the inbox with 2 000 reports, p99 under 100 ms at 10 connections" and one report's page with its duplicate
 * suggestions over the school year. Reports are stored through storeReport, so they are sealed as the app seals
 * them; a fifth of them acknowledged, days spread over the school year, names drawn from a small set so the
 * suggestions have work to do.
 * Prints one JSON line: the session cookie, the school code, a report id and the number of reports.
 *
 * Usage: node --import tsx scripts/bench-inbox.ts --seed <DATA_DIR>
 */
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { createVerifiedUser } from '../src/lib/server/auth/account.service';
import { createSession } from '../src/lib/server/auth/session.service';
import { insertRole, updateUser } from '../src/lib/server/auth/user.repository';
import { newId, nowIso } from '../src/lib/server/auth/tokens';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { storeReport } from '../src/lib/server/reports/report.service';
import { addDays } from '../src/lib/cases/school-days';
import { schoolYearOf } from '../src/lib/schools/legal-duties';
import { todayInNetherlands } from '../src/lib/i18n/locale';

const REPORTS = 2_000;
const SCHOOL_CODE = '96ZZ00';
const FIRST = ['Sem', 'Noor', 'Daan', 'Lotte', 'Ayoub', 'Fleur', 'Milan', 'Sara', 'Finn', 'Yara', 'Liam', 'Emma'];
const LAST = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'El Amrani', 'Yilmaz', 'Mulder', 'Bos', 'van Dijk', 'Peters'];
const PLACES = ['Het schoolplein', 'De gang bij de trap', 'De gymzaal', 'Het fietsenhok', 'In de bus', 'Op WhatsApp'];

async function seed(dataDir: string): Promise<void> {
	const cfg = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	setConfigForTests(cfg);
	if (cfg.database.kind !== 'sqlite') throw new Error('The benchmark seeds SQLite only.');
	const handle = openDatabase(cfg.database);
	try {
		const db = handle.db;
		await migrateToLatest(db);
		const now = nowIso();
		const schoolId = newId();
		await db.insertInto('school').values({ id: schoolId, vestigingscode: SCHOOL_CODE, instellingscode: '96ZZ', name: 'Benchschool De Meldingen', place: 'Utrecht', postcode: null, sector: 'po', board_id: null, created_at: now, updated_at: now }).execute();
		const user = await createVerifiedUser(db, { email: `bench-aanspreekpunt-${newId()}@example.nl`, password: 'paarse olifant danst', displayName: 'Aanspreekpunt', locale: 'nl' });
		await insertRole(db, { id: newId(), user_id: user.id, role: 'aanspreekpunt', school_id: schoolId, board_id: null, created_at: now });
		await updateUser(db, user.id, { totp_enabled_at: now });
		const { token } = await createSession(db, user.id, { pendingSecondFactor: false, policy: cfg.session });

		const today = todayInNetherlands();
		const start = schoolYearOf(today).start;
		const span = Math.max(1, Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000));
		let sample = '';
		for (let i = 0; i < REPORTS; i++) {
			const day = addDays(start, i % (span + 1));
			const named = i % 3 === 0;
			const { reportId } = await storeReport(
				db,
				schoolId,
				{
					reporterKind: i % 4 === 0 ? 'parent' : 'pupil',
					whatHappened: 'In de pauze pakken ze mijn tas af en lachen ze me uit. Het gebeurt bijna elke dag. '.repeat(3),
					occurredOn: i % 2 === 0 ? day : null,
					occurredAround: i % 2 === 0 ? null : 'this_week',
					place: PLACES[i % PLACES.length]!,
					peopleInvolved: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}, ${FIRST[(i * 5 + 3) % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`,
					forms: ['verbal', 'belongings'],
					motives: [],
					ongoing: 'yes',
					anonymous: !named,
					reporterName: named ? 'Een ouder' : null,
					contact: null
				},
				[],
				{ channel: i % 5 === 0 ? 'phone' : 'online', receivedOn: day, enteredBy: null, withReceipt: false }
			);
			if (i % 5 === 1) await db.updateTable('report').set({ status: 'acknowledged', acknowledged_on: day }).where('id', '=', reportId).execute();
			if (i === REPORTS / 2) sample = reportId;
		}
		console.log(JSON.stringify({ cookie: `${sessionCookieName()}=${token}`, schoolCode: SCHOOL_CODE, reportId: sample, reports: REPORTS }));
	} finally {
		await handle.close();
	}
}

const args = process.argv.slice(2);
if (args[0] !== '--seed' || !args[1]) {
	console.error('Usage: node --import tsx scripts/bench-inbox.ts --seed <DATA_DIR>');
	process.exit(2);
}
await seed(args[1]);
