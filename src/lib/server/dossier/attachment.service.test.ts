/**
 * Evidence attachments (issue 5) on both databases: only the child's own guardians reach them, every file is
 * decided on its own (the rest kept), the per-upload and per-dossier limits, and the audit log with ids only.
 * Children, guardians and incidents are seeded with plain inserts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { createVerifiedUser } from '../auth/account.service';
import { loadActor } from '../auth/current-actor';
import { findUserById, insertRole, updateUser } from '../auth/user.repository';
import { verifyAuditChain } from '../audit/audit.service';
import { deleteFile, getFile } from '../files/file-store';
import { minimalPdf } from '../testing/sample-files';
import { checkEvidence } from '../files/evidence-check';
import type { Role } from '../../auth/roles';
import {
	addAttachments,
	deleteAttachment,
	displayNameOf,
	downloadNames,
	getAttachmentFile,
	listAttachments,
	MAX_DOSSIER_BYTES,
	MAX_FILES_PER_UPLOAD,
	type UploadedFile
} from './attachment.service';
import { insertChild, insertSealed, incidentRow } from '../testing/dossier-rows';
import { dossierScope, loadDataKey } from '../crypto/data-key.service';

const text = (s: string) => new TextEncoder().encode(s);
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** A small PNG of its own colour, so every one has different bytes. */
async function png(n: number): Promise<Uint8Array> {
	return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: n % 256, g: (n * 7) % 256, b: (n * 13) % 256 } } })
		.png()
		.toBuffer();
}

async function gpsJpeg(): Promise<Uint8Array> {
	return sharp({ create: { width: 32, height: 24, channels: 3, background: '#888' } })
		.jpeg()
		.withExif({ IFD0: { ImageDescription: 'home-address-marker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSMapDatum: 'WGS-84' } })
		.toBuffer();
}

describe.each(testDatabaseKinds())('evidence attachments on %s', (kind) => {
	let t: TestDatabase;
	let parentA: Actor;
	let coParentA: Actor;
	let parentB: Actor;
	let schoolAdmin: Actor;
	const childA = newId();
	const childB = newId();
	const incidentA = newId();
	const incidentA2 = newId();
	const incidentB = newId();

	async function account(role: Role): Promise<Actor> {
		const user = await createVerifiedUser(t.db, { email: `${role}-${newId()}@example.nl`, password: 'paarse olifant danst', displayName: role, locale: 'nl' });
		if (role !== 'parent') await updateUser(t.db, user.id, { totp_enabled_at: nowIso() });
		await insertRole(t.db, { id: newId(), user_id: user.id, role, school_id: null, board_id: null, created_at: nowIso() });
		return loadActor(t.db, (await findUserById(t.db, user.id))!);
	}

	async function seedChild(childId: string, guardians: Actor[], incidents: string[]): Promise<void> {
		const now = nowIso();
		await insertChild(t.db, { id: childId, name: 'Sam', birth_year: 2015, year_group: null, school_id: null, school_name: null, created_at: now, updated_at: now });
		for (const guardian of guardians) await t.db.insertInto('child_guardian').values({ child_id: childId, user_id: guardian.userId, created_at: now }).execute();
		for (const id of incidents) {
			await insertSealed(t.db, 'incident', incidentRow(id, childId));
		}
	}

	/** Everything an outsider could change: rows, audit events and the files on disk. */
	async function state(): Promise<string> {
		const rows = await t.db.selectFrom('attachment').selectAll().orderBy('id').execute();
		const audit = await t.db.selectFrom('audit_event').select(['id']).orderBy('seq').execute();
		const dir = path.join(t.config.dataDir, 'files');
		const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];
		return JSON.stringify({ rows, audit, files });
	}

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		parentA = await account('parent');
		coParentA = await account('parent');
		parentB = await account('parent');
		schoolAdmin = await account('school_admin');
		await seedChild(childA, [parentA, coParentA], [incidentA, incidentA2]);
		await seedChild(childB, [parentB], [incidentB]);
	});

	afterAll(async () => {
		await t?.dispose();
	});

	it('stores a re-encoded photo and a PDF, encrypted, with SHA-256 and receive time, for both guardians', async () => {
		const before = Date.now();
		const pdf = minimalPdf('verslag');
		const result = await addAttachments(t.db, parentA, childA, incidentA, [
			{ name: 'C:\\Users\\ouder\\Pictures\\foto.jpg', bytes: await gpsJpeg() },
			{ name: 'verslag.pdf', bytes: pdf }
		]);
		expect(result.refused).toEqual([]);
		expect(result.added.map((a) => [a.name, a.contentType, a.isImage])).toEqual([
			['foto.jpg', 'image/jpeg', true],
			['verslag.pdf', 'application/pdf', false]
		]);
		const [photo, document] = result.added;
		for (const view of result.added) {
			const received = Date.parse(view.receivedAt);
			expect(received).toBeGreaterThanOrEqual(before - 1000);
			expect(received).toBeLessThanOrEqual(Date.now() + 1000);
		}

		// The co-parent sees the same list and gets the same bytes, whose SHA-256 is the one shown.
		const list = await listAttachments(t.db, coParentA, childA, incidentA);
		expect(list.map((a) => a.id)).toEqual([photo!.id, document!.id]);
		const photoFile = await getAttachmentFile(t.db, coParentA, childA, incidentA, photo!.id);
		expect(sha256(photoFile.bytes)).toBe(photo!.sha256);
		expect(photoFile.bytes.byteLength).toBe(photo!.size);
		expect(photoFile.bytes.includes('home-address-marker')).toBe(false);
		expect(photoFile.bytes.includes('WGS-84')).toBe(false);
		expect((await sharp(photoFile.bytes).metadata()).exif).toBeUndefined();
		const pdfFile = await getAttachmentFile(t.db, parentA, childA, incidentA, document!.id);
		expect(pdfFile.bytes.equals(Buffer.from(pdf))).toBe(true);
		expect(document!.sha256).toBe(sha256(pdf));
		expect(pdfFile.downloadName).toEqual({ ascii: 'verslag.pdf', utf8: 'verslag.pdf' });

		// At rest the file is encrypted under a server-made key, not under its name.
		const row = await t.db.selectFrom('attachment').selectAll().where('id', '=', document!.id).executeTakeFirstOrThrow();
		expect(row.file_key).toMatch(/^[0-9a-f-]{36}$/);
		expect(row.file_key).not.toBe(row.id);
		const onDisk = fs.readFileSync(path.join(t.config.dataDir, 'files', row.file_key.slice(0, 2), row.file_key));
		expect(onDisk.includes('%PDF')).toBe(false);
		expect(onDisk.includes('verslag')).toBe(false);
	});

	it('keeps the good files of a mixed upload and refuses each bad one with its own reason', async () => {
		const good1 = await png(1);
		const good2 = minimalPdf('tweede');
		const heic = Uint8Array.from(Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheicmif1heic', 'latin1'), Buffer.alloc(64)]));
		const files: UploadedFile[] = [
			{ name: 'nep.png', bytes: text('geen plaatje') },
			{ name: 'goed.png', bytes: good1 },
			{ name: 'iphone.heic', bytes: heic },
			{ name: 'leeg.jpg', bytes: new Uint8Array(0) },
			{ name: 'tekening.svg', bytes: text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
			{ name: 'goed.pdf', bytes: good2 }
		];
		const result = await addAttachments(t.db, parentA, childA, incidentA2, files);
		expect(result.added.map((a) => a.name)).toEqual(['goed.png', 'goed.pdf']);
		expect(result.refused).toEqual([
			{ name: 'nep.png', reasonKey: 'evidence_refused_type' },
			{ name: 'iphone.heic', reasonKey: 'evidence_refused_heic' },
			{ name: 'leeg.jpg', reasonKey: 'evidence_refused_empty' },
			{ name: 'tekening.svg', reasonKey: 'evidence_refused_type' }
		]);
		// Listed by receive time; files of one upload share it and come by name.
		expect((await listAttachments(t.db, parentA, childA, incidentA2)).map((a) => a.name)).toEqual(['goed.pdf', 'goed.png']);
	});

	it(`takes ${MAX_FILES_PER_UPLOAD} files at once and refuses the rest one by one`, async () => {
		const files = await Promise.all(Array.from({ length: MAX_FILES_PER_UPLOAD + 5 }, async (_, i) => ({ name: `scherm-${i + 1}.png`, bytes: await png(100 + i) })));
		const result = await addAttachments(t.db, parentA, childA, incidentA2, files);
		expect(result.added).toHaveLength(MAX_FILES_PER_UPLOAD);
		expect(result.added.map((a) => a.name)).toEqual(files.slice(0, MAX_FILES_PER_UPLOAD).map((f) => f.name));
		expect(result.refused).toEqual(files.slice(MAX_FILES_PER_UPLOAD).map((f) => ({ name: f.name, reasonKey: 'evidence_refused_too_many_files' })));
	});

	it('refuses what would not fit in one upload, and the same file twice', async () => {
		// Three PDFs of 9 MB: each is under the 10 MB per file, together over the 25 MB of one upload.
		const big = (n: number) => minimalPdf(`${n}`.padEnd(9 * 1024 * 1024, 'x'));
		const result = await addAttachments(t.db, parentA, childA, incidentA, [
			{ name: 'een.pdf', bytes: big(1) },
			{ name: 'twee.pdf', bytes: big(2) },
			{ name: 'drie.pdf', bytes: big(3) },
			{ name: 'klein.png', bytes: await png(7) },
			{ name: 'klein-nog-eens.png', bytes: await png(7) }
		]);
		expect(result.added.map((a) => a.name)).toEqual(['een.pdf', 'twee.pdf', 'klein.png']);
		expect(result.refused).toEqual([
			{ name: 'drie.pdf', reasonKey: 'evidence_refused_upload_total' },
			{ name: 'klein-nog-eens.png', reasonKey: 'evidence_refused_duplicate' }
		]);
		const again = await addAttachments(t.db, parentA, childA, incidentA, [{ name: 'weer.png', bytes: await png(7) }]);
		expect(again).toEqual({ added: [], refused: [{ name: 'weer.png', reasonKey: 'evidence_refused_duplicate' }] });
	});

	it('refuses a file that would take the dossier over its limit, counting every incident of the child', async () => {
		const fresh = newId();
		const otherIncident = newId();
		const incident = newId();
		await seedChild(fresh, [parentA], [otherIncident, incident]);
		const small = await png(3);
		// The limit counts stored bytes, after re-encoding.
		const stored = await checkEvidence(small);
		if (!stored.ok) throw new Error('the test image was refused');
		const larger = minimalPdf('y'.repeat(5000));
		// A large file already in another incident of the same child, with room left for the small file only.
		await insertSealed(t.db, 'attachment', {
				id: newId(),
				incident_id: otherIncident,
				child_id: fresh,
				content_type: 'application/pdf',
				display_name: 'groot.pdf',
				size: MAX_DOSSIER_BYTES - stored.bytes.byteLength - 10,
				sha256: '0'.repeat(64),
				width: null,
				height: null,
				file_key: newId(),
				received_at: nowIso()
			});
		const result = await addAttachments(t.db, parentA, fresh, incident, [
			{ name: 'groter.pdf', bytes: larger },
			{ name: 'klein.png', bytes: small }
		]);
		expect(result.refused).toEqual([{ name: 'groter.pdf', reasonKey: 'evidence_refused_dossier_full' }]);
		expect(result.added.map((a) => a.name)).toEqual(['klein.png']);
		const full = await addAttachments(t.db, parentA, fresh, incident, [{ name: 'nog-een.png', bytes: await png(4) }]);
		expect(full.refused).toEqual([{ name: 'nog-een.png', reasonKey: 'evidence_refused_dossier_full' }]);
		// Another child's dossier is not affected.
		expect((await addAttachments(t.db, parentB, childB, incidentB, [{ name: 'b.png', bytes: await png(5) }])).added).toHaveLength(1);
	});

	it('another family cannot list, read, add or delete, by any combination of ids: 404, and nothing changes', async () => {
		const [attachment] = await listAttachments(t.db, parentA, childA, incidentA);
		const [attachmentB] = await listAttachments(t.db, parentB, childB, incidentB);
		const before = await state();
		const combinations: [string, string, string][] = [
			[childA, incidentA, attachment!.id],
			// Their own child with A's incident, or their own incident with A's attachment.
			[childB, incidentA, attachment!.id],
			[childB, incidentB, attachment!.id],
			[childA, incidentB, attachmentB!.id]
		];
		for (const [child, incident, id] of combinations) {
			if (child !== childB || incident !== incidentB) await expect(listAttachments(t.db, parentB, child, incident)).rejects.toBeInstanceOf(NotFoundError);
			if (child !== childB || incident !== incidentB) await expect(addAttachments(t.db, parentB, child, incident, [{ name: 'x.png', bytes: await png(9) }])).rejects.toBeInstanceOf(NotFoundError);
			await expect(getAttachmentFile(t.db, parentB, child, incident, id)).rejects.toBeInstanceOf(NotFoundError);
			await expect(deleteAttachment(t.db, parentB, child, incident, id)).rejects.toBeInstanceOf(NotFoundError);
		}
		// Parent A cannot reach B's attachment through A's own child either.
		await expect(getAttachmentFile(t.db, parentA, childA, incidentA, attachmentB!.id)).rejects.toBeInstanceOf(NotFoundError);
		for (const bad of ['../../etc/passwd', 'not-an-id', '']) await expect(getAttachmentFile(t.db, parentA, childA, incidentA, bad)).rejects.toBeInstanceOf(NotFoundError);
		expect(await state()).toBe(before);
	});

	it('needs a signed-in parent', async () => {
		await expect(listAttachments(t.db, undefined, childA, incidentA)).rejects.toBeInstanceOf(UnauthenticatedError);
		await expect(listAttachments(t.db, schoolAdmin, childA, incidentA)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(addAttachments(t.db, schoolAdmin, childA, incidentA, [])).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('deletes for a guardian: the row goes, the key comes back for the file to be deleted after the commit', async () => {
		const [first] = await listAttachments(t.db, parentA, childA, incidentA);
		const key = await t.db.transaction().execute((trx) => deleteAttachment(trx, coParentA, childA, incidentA, first!.id));
		const dossierKey = await loadDataKey(t.db, dossierScope(childA));
		expect(await getFile(key, dossierKey)).toBeDefined();
		await deleteFile(key);
		expect(await getFile(key, dossierKey)).toBeUndefined();
		expect((await listAttachments(t.db, parentA, childA, incidentA)).map((a) => a.id)).not.toContain(first!.id);
		await expect(getAttachmentFile(t.db, parentA, childA, incidentA, first!.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('inside a caller transaction that rolls back: no rows, and the written keys are handed back to delete', async () => {
		const stored: string[] = [];
		await expect(
			t.db.transaction().execute(async (trx) => {
				const result = await addAttachments(trx, parentA, childA, incidentA, [{ name: 'terug.png', bytes: await png(42) }], stored);
				expect(result.added).toHaveLength(1);
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(stored).toHaveLength(1);
		expect(await t.db.selectFrom('attachment').select('id').where('file_key', '=', stored[0]!).executeTakeFirst()).toBeUndefined();
		await Promise.all(stored.map((key) => deleteFile(key)));
	});

	it('writes an audit event for every add and delete, with ids only, and the chain holds', async () => {
		const result = await addAttachments(t.db, parentA, childA, incidentA, [{ name: 'geheim-kind-naam.png', bytes: await png(77) }]);
		const [view] = result.added;
		const added = await t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', view!.id).execute();
		expect(added.map((e) => [e.action, e.subject_type, e.actor_user_id])).toEqual([['dossier.attachment.add', 'attachment', parentA.userId]]);
		expect(JSON.parse(added[0]!.detail)).toEqual({ childId: childA, incidentId: incidentA });
		await t.db.transaction().execute((trx) => deleteAttachment(trx, parentA, childA, incidentA, view!.id));
		const events = await t.db.selectFrom('audit_event').selectAll().where('subject_id', '=', view!.id).orderBy('seq').execute();
		expect(events.map((e) => e.action)).toEqual(['dossier.attachment.add', 'dossier.attachment.delete']);
		const all = await t.db.selectFrom('audit_event').selectAll().where('action', 'like', 'dossier.attachment.%').execute();
		expect(all.length).toBeGreaterThan(25);
		for (const event of all) {
			expect(Object.keys(JSON.parse(event.detail)).sort()).toEqual(['childId', 'incidentId']);
			expect(event.detail).not.toMatch(/\.png|\.pdf|\.jpg|geheim|Sam/);
		}
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});
});

describe('names', () => {
	it('shows the last part of the upload name, without control or direction characters, in NFC', () => {
		expect(displayNameOf('../../etc/passwd')).toBe('passwd');
		expect(displayNameOf('C:\\fakepath\\foto.jpg')).toBe('foto.jpg');
		expect(displayNameOf('foto\u202Egpj.exe')).toBe('fotogpj.exe');
		expect(displayNameOf('a\u0000b\u0007c\nd.png')).toBe('abcd.png');
		expect(displayNameOf('  spaties   in   naam .png ')).toBe('spaties in naam .png');
		expect(displayNameOf('Cafe\u0301.png')).toBe('Café.png');
		expect(displayNameOf('half\uD800.png')).toBe('half\uFFFD.png');
		const long = displayNameOf(`${'x'.repeat(300)}.jpeg`);
		expect([...long]).toHaveLength(120);
		expect(long.endsWith('.jpeg')).toBe(true);
	});

	it('downloads under a safe ASCII name with the extension of the stored type', () => {
		expect(downloadNames('verslag.pdf', 'application/pdf')).toEqual({ ascii: 'verslag.pdf', utf8: 'verslag.pdf' });
		expect(downloadNames('Schermafbeelding "chat" 12:30.png', 'image/jpeg').ascii).toBe('Schermafbeelding-chat-12-30.jpg');
		expect(downloadNames('café ü.webp', 'image/webp')).toEqual({ ascii: 'cafe-u.webp', utf8: 'caf%C3%A9%20%C3%BC.webp' });
		expect(downloadNames('script.html', 'image/png').ascii).toBe('script.png');
		expect(downloadNames('😀.png', 'image/png').ascii).toBe('bijlage.png');
		expect(downloadNames('', 'application/pdf')).toEqual({ ascii: 'bijlage.pdf', utf8: 'bijlage.pdf' });
	});
});
