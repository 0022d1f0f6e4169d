/**
 * Part of `npm run bench`, run through tsx (it uses our TypeScript): a signed-in parent with two children in the
 * benchmark app's database, before the app opens it.
 *  - "Lange lijst": 200 incidents, for the dossier page (/dossier/<child>) with a long timeline;
 *  - "Met foto's": 50 incidents, 20 of them with a photo or a screenshot (issue 5: the PDF of 50 incidents with
 *    20 images in under 1 s). The images are as the upload stores them: re-encoded full-size JPEG photos
 *    (1600 × 1200) and PNG phone screenshots (1170 × 2532), encrypted in the file store.
 * Prints one JSON line: the session cookie and the children's ids.
 *
 * Usage: node --import tsx scripts/bench-dossier.ts --seed <DATA_DIR>
 */
import crypto from 'node:crypto';
import sharp from 'sharp';
import { loadConfig, setConfigForTests } from '../src/lib/server/config';
import { openDatabase, type Db } from '../src/lib/server/db/connect';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { createVerifiedUser } from '../src/lib/server/auth/account.service';
import { createSession } from '../src/lib/server/auth/session.service';
import { insertRole } from '../src/lib/server/auth/user.repository';
import { newId, nowIso } from '../src/lib/server/auth/tokens';
import { sessionCookieName } from '../src/lib/server/auth/session-cookie';
import { putFile } from '../src/lib/server/files/file-store';
import { dossierScope, loadDataKey } from '../src/lib/server/crypto/data-key.service';
import { insertChild, insertSealed } from '../src/lib/server/testing/dossier-rows';
import { BULLYING_FORMS, PLACES } from '../src/lib/dossier/dossier';

const PAGE_INCIDENTS = 200;
const PDF_INCIDENTS = 50;
const PDF_IMAGES = 20;

const TEXT = 'Ze zeiden weer dat ze niet mee mocht doen. Daarna lachten ze haar uit in de klas. De juf zag het niet. ';

async function addChild(db: Db, parentId: string, name: string): Promise<string> {
	const now = nowIso();
	const id = newId();
	// With its data key and its text sealed, as the app writes a dossier (decision 0015).
	await insertChild(db, { id, name, birth_year: 2015, year_group: 'groep-6', school_id: null, school_name: 'De Regenboog', created_at: now, updated_at: now });
	await db.insertInto('child_guardian').values({ child_id: id, user_id: parentId, created_at: now }).execute();
	return id;
}

/** `count` incidents on different days, every field filled in, as a parent who writes a lot would. */
async function addIncidents(db: Db, childId: string, count: number): Promise<string[]> {
	const now = nowIso();
	const start = Date.parse('2024-09-02T00:00:00Z');
	const rows = Array.from({ length: count }, (_, i) => ({
		id: newId(),
		child_id: childId,
		occurred_on: new Date(start + Math.floor((i * 400) / count) * 86_400_000).toISOString().slice(0, 10),
		occurred_time: i % 2 ? '12:30' : null,
		approximate: i % 7 === 0 ? 1 : 0,
		place: PLACES[i % PLACES.length]!,
		place_detail: i % 3 ? 'bij de fietsenstalling' : null,
		online_platform: null,
		forms: JSON.stringify([BULLYING_FORMS[i % BULLYING_FORMS.length], BULLYING_FORMS[(i + 3) % BULLYING_FORMS.length]]),
		perpetrators: 'Drie kinderen uit groep 7',
		witnesses: 'Een klasgenoot',
		what_happened: TEXT.repeat(1 + (i % 4)).trim(),
		child_response: 'Ze liep weg en ging naar de juf.',
		adults_knew: 'De overblijfmoeder',
		impact_emotional: 'Verdrietig en bang',
		impact_physical: i % 5 === 0 ? 'Buikpijn' : null,
		absence_days: i % 10 === 0 ? 1 : null,
		physical_violence: i % 6 === 0 ? 1 : 0,
		created_at: now,
		updated_at: now
	}));
	for (const row of rows) await insertSealed(db, 'incident', row);
	return rows.map((r) => r.id);
}

/** A photo or a screenshot with noise in it, so it compresses like a real one (not like a flat colour). */
async function image(n: number): Promise<{ bytes: Buffer; type: 'image/jpeg' | 'image/png'; width: number; height: number }> {
	const screenshot = n % 3 === 2;
	const width = screenshot ? 1170 : 1600;
	const height = screenshot ? 2532 : 1200;
	const base = sharp({ create: { width, height, channels: 3, background: { r: 40 + n * 9, g: 120, b: 200 - n * 5 }, noise: { type: 'gaussian', mean: 0, sigma: screenshot ? 6 : 25 } } });
	const bytes = screenshot ? await base.png().toBuffer() : await base.jpeg({ quality: 90 }).toBuffer();
	return { bytes, type: screenshot ? 'image/png' : 'image/jpeg', width, height };
}

async function seed(dataDir: string): Promise<void> {
	const cfg = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
	setConfigForTests(cfg);
	if (cfg.database.kind !== 'sqlite') throw new Error('The benchmark seeds SQLite only.');
	const handle = openDatabase(cfg.database);
	try {
		const db = handle.db;
		await migrateToLatest(db);
		const user = await createVerifiedUser(db, { email: `bench-parent-${newId()}@example.nl`, password: 'paarse olifant danst', displayName: 'Ouder', locale: 'nl' });
		await insertRole(db, { id: newId(), user_id: user.id, role: 'parent', school_id: null, board_id: null, created_at: nowIso() });
		const { token } = await createSession(db, user.id, { pendingSecondFactor: false, policy: cfg.session });

		const pageChild = await addChild(db, user.id, 'Lange lijst');
		await addIncidents(db, pageChild, PAGE_INCIDENTS);

		const pdfChild = await addChild(db, user.id, "Met foto's");
		const incidents = await addIncidents(db, pdfChild, PDF_INCIDENTS);
		let bytesStored = 0;
		for (let n = 0; n < PDF_IMAGES; n++) {
			const file = await image(n);
			const fileKey = newId();
			await putFile(fileKey, file.bytes, await loadDataKey(db, dossierScope(pdfChild)));
			bytesStored += file.bytes.byteLength;
			await insertSealed(db, 'attachment', {
				id: newId(),
				// Spread over the incidents, two on some, as evidence tends to be.
				incident_id: incidents[(n * 3) % incidents.length]!,
				child_id: pdfChild,
				content_type: file.type,
				display_name: `${file.type === 'image/png' ? 'schermafbeelding' : 'foto'}-${n + 1}.${file.type === 'image/png' ? 'png' : 'jpg'}`,
				size: file.bytes.byteLength,
				sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
				width: file.width,
				height: file.height,
				file_key: fileKey,
				received_at: nowIso()
			});
		}
		console.log(
			JSON.stringify({
				cookie: `${sessionCookieName()}=${token}`,
				pageChild,
				pageIncidents: PAGE_INCIDENTS,
				pdfChild,
				pdfIncidents: PDF_INCIDENTS,
				pdfImages: PDF_IMAGES,
				imageMegabytes: Math.round(bytesStored / 1024 / 102.4) / 10
			})
		);
	} finally {
		await handle.close();
	}
}

const args = process.argv.slice(2);
if (args[0] !== '--seed' || !args[1]) {
	console.error('Usage: node --import tsx scripts/bench-dossier.ts --seed <DATA_DIR>');
	process.exit(2);
}
await seed(args[1]);
