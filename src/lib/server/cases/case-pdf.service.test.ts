/**
 * The case PDF (issue 11, item 10) on both databases, read back with pdf/pdf-inspect.ts from an uncompressed file: a
 * tagged PDF with /Lang, the title shown and fonts embedded; everything the case page shows this reader (state and
 * days, codes, handlers, pupils, reports by their facts, actions, notes, the chronology); the confidential note in
 * its author's PDF only; the same need to know and the same second factor as the case page; one audit event with
 * no content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import { createTestAccount } from '../testing/accounts';
import type { Actor } from '../auth/actor';
import { NotFoundError, UnauthenticatedError } from '../errors';
import { hashToken, newId, nowIso } from '../auth/tokens';
import { createSession } from '../auth/session.service';
import { regenerateRecoveryCodes } from '../auth/two-factor.service';
import { verifyAuditChain } from '../audit/audit.service';
import { flattenStructure, inspectPdf, type InspectedPdf } from '../pdf/pdf-inspect';
import { addDays } from '../../cases/school-days';
import { formatDate, todayInNetherlands, type Locale } from '../../i18n/locale';
import type { ReportInput } from '../../reports/report-form';
import { storeReport } from '../reports/report.service';
import { addNote } from './case-notes';
import { confirmStepUp } from './case-step-up';
import { addAction, addPupil, assignHandler, completeAction, openCase, setLegalHold, transitionCase } from './case.service';
import { buildCasePdf, casePdfFileName } from './case-pdf.service';

const CODE = '55EE00';
const OTHER_CODE = '66FF00';
const SESSION = { sessionId: 'no-step-up-needed' };
const DAY_MS = 24 * 60 * 60 * 1000;
const CANARY = {
	confidential: 'kanarie-vertrouwelijk-pdf-3b7a',
	otherConfidential: 'kanarie-andere-vp-pdf-91d4',
	internal: 'kanarie-intern-pdf-0c55',
	hold: 'kanarie-bewaren-pdf-6e2f',
	report: 'kanarie-melding-pdf-a1b2'
};

const reportInput: ReportInput = {
	reporterKind: 'pupil',
	whatHappened: `Ze pakken mijn tas af ${CANARY.report}`,
	occurredOn: null,
	occurredAround: 'this_week',
	place: null,
	peopleInvolved: null,
	forms: ['belongings'],
	motives: ['appearance'],
	ongoing: 'yes',
	anonymous: true,
	reporterName: null,
	contact: null
};

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each(testDatabaseKinds())('the case PDF on %s', (kind) => {
	let t: TestDatabase;
	const schoolId = newId();
	const otherSchoolId = newId();
	const boardId = newId();
	const who: Record<string, Actor> = {};
	let caseId: string;
	const today = todayInNetherlands();

	const build = (actor: Actor | undefined, id = caseId, options: { locale?: Locale; code?: string; session?: { sessionId: string }; now?: Date } = {}) =>
		buildCasePdf(t.db, actor, options.code ?? CODE, id, options.session ?? SESSION, { locale: options.locale ?? 'nl', compress: false, now: options.now });
	async function read(actor: Actor, options: Parameters<typeof build>[2] = {}): Promise<InspectedPdf> {
		const result = await build(actor, caseId, options);
		if (!result.ok) throw new Error('step-up asked');
		return inspectPdf(result.bytes);
	}
	const exports = async (id = caseId) => t.db.selectFrom('audit_event').select(['actor_user_id', 'detail']).where('subject_id', '=', id).where('action', '=', 'case.export.pdf').orderBy('seq').execute();

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardId, code: 'BP', name: 'Stichting P', created_at: now }).execute();
		const school = (id: string, code: string, name: string) => ({ id, vestigingscode: code, instellingscode: code.slice(0, 4), name, place: 'Leiden', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now });
		await t.db.insertInto('school').values([school(schoolId, CODE, 'OBS De Linde'), school(otherSchoolId, OTHER_CODE, 'De Eik')]).execute();
		const at = (role: 'aanspreekpunt' | 'coordinator' | 'mentor' | 'vertrouwenspersoon' | 'school_admin', school = schoolId) => [{ role, school }];
		who.aanspreekpunt = await createTestAccount(t.db, 'ap@linde.test', at('aanspreekpunt'), { name: 'Mevrouw Aydin' });
		who.coordinator = await createTestAccount(t.db, 'co@linde.test', at('coordinator'), { name: 'Meneer Claes' });
		who.mentor = await createTestAccount(t.db, 'mentor@linde.test', at('mentor'), { name: 'Juf Mila' });
		who.mentorOther = await createTestAccount(t.db, 'mentor2@linde.test', at('mentor'), { name: 'Meester Otto' });
		who.vpAuthor = await createTestAccount(t.db, 'vp@linde.test', at('vertrouwenspersoon'), { name: 'Mevrouw Vos' });
		who.vpOther = await createTestAccount(t.db, 'vp2@linde.test', at('vertrouwenspersoon'), { name: 'Meneer Valk' });
		who.schoolAdmin = await createTestAccount(t.db, 'admin@linde.test', at('school_admin'), { name: 'Beheerder' });
		who.boardAnalyst = await createTestAccount(t.db, 'analist@linde.test', [{ role: 'board_analyst', board: boardId }]);
		who.coordinatorOther = await createTestAccount(t.db, 'co@eik.test', at('coordinator', otherSchoolId));
		who.platformAdmin = await createTestAccount(t.db, 'pa@pestwijzer.test', [{ role: 'platform_admin' }]);

		const online = (await storeReport(t.db, schoolId, reportInput, [], { channel: 'online', receivedOn: addDays(today, -3), enteredBy: null, withReceipt: true })).reportId;
		const phoned = (await storeReport(t.db, schoolId, { ...reportInput, reporterKind: 'parent' }, [], { channel: 'phone', receivedOn: addDays(today, -2), enteredBy: who.aanspreekpunt!.userId, withReceipt: false })).reportId;
		caseId = (await openCase(t.db, who.aanspreekpunt, CODE, { reportIds: [online, phoned], place: 'playground', timeOfDay: 'break' }, new Date(Date.now() - 5 * DAY_MS))).id;
		await assignHandler(t.db, who.aanspreekpunt, CODE, caseId, who.mentor!.userId, 'mentor');
		await assignHandler(t.db, who.aanspreekpunt, CODE, caseId, who.vpAuthor!.userId, 'vertrouwenspersoon');
		await assignHandler(t.db, who.aanspreekpunt, CODE, caseId, who.vpOther!.userId, 'vertrouwenspersoon');
		await addPupil(t.db, who.aanspreekpunt, CODE, caseId, { role: 'target', name: 'Sanne de Wit', className: '7b' });
		await addPupil(t.db, who.aanspreekpunt, CODE, caseId, { role: 'pupil_who_bullies', description: 'Lange jongen uit groep 8 met een rode jas' });
		await addAction(t.db, who.aanspreekpunt, CODE, caseId, { kind: 'agreement', ownerUserId: who.mentor!.userId, dueOn: addDays(today, 14), text: 'Gesprek met de ouders van Sanne' });
		const done = await addAction(t.db, who.aanspreekpunt, CODE, caseId, { kind: 'action', ownerUserId: who.aanspreekpunt!.userId, dueOn: addDays(today, -1), text: 'Klassengesprek in 7b' });
		await completeAction(t.db, who.aanspreekpunt, CODE, caseId, done.id);
		await addAction(t.db, who.aanspreekpunt, CODE, caseId, { kind: 'referral', referralKind: 'veiligThuis', ownerUserId: who.coordinator!.userId, dueOn: addDays(today, -2), text: 'Advies vragen' });
		await addNote(t.db, who.aanspreekpunt, CODE, caseId, 'internal_note', `Overleg met de mentor ${CANARY.internal}`);
		await addNote(t.db, who.vpAuthor, CODE, caseId, 'confidential_note', `Gesprek met Sanne ${CANARY.confidential}`);
		await addNote(t.db, who.vpOther, CODE, caseId, 'confidential_note', `Andere notitie ${CANARY.otherConfidential}`);
		await setLegalHold(t.db, who.coordinator, CODE, caseId, `Klacht bij de LKC ${CANARY.hold}`);
	});
	afterAll(async () => t?.dispose());

	it('is a tagged PDF 1.7 with the language, the title shown and embedded fonts, every block in the tree', async () => {
		const result = await build(who.mentor);
		if (!result.ok) throw new Error('step-up asked');
		expect(result.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
		const pdf = inspectPdf(result.bytes);
		expect(pdf.lang).toBe('nl');
		expect(pdf.info.Title).toBe(`Zaak ${caseId.slice(0, 8)}`);
		expect(pdf.info.Subject).toBe('Eigen dossier van de school over een zaak van pesten. Vertrouwelijk.');
		expect(pdf.catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
		const viewer = pdf.objects.get(Number(/\/ViewerPreferences (\d+) 0 R/.exec(pdf.catalog)![1]))!.dict;
		expect(viewer).toContain('/DisplayDocTitle true');
		const fonts = [...pdf.objects.values()].filter((o) => /\/Type \/Font\b/.test(o.dict) && /\/Subtype \/Type0/.test(o.dict));
		expect(fonts.length).toBeGreaterThanOrEqual(2);
		expect([...pdf.objects.values()].filter((o) => /\/FontFile2 \d+ 0 R/.test(o.dict))).toHaveLength(fonts.length);
		expect(result.bytes.toString('latin1')).not.toMatch(/\/URI|\/JavaScript|\/JS |\/Launch/);

		const types = flattenStructure(pdf.structure).map((n) => n.type);
		expect(pdf.structure.map((n) => n.type)).toEqual(['Document']);
		expect(types.filter((x) => x === 'H1')).toHaveLength(1);
		const headings = types.filter((x) => /^H\d$/.test(x)).map((x) => Number(x.slice(1)));
		headings.forEach((level, i) => expect(level - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1));
		for (const type of ['H2', 'P', 'L', 'LI', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Sect']) expect(types, type).toContain(type);
		expect([...pdf.objects.values()].filter((o) => /\/S \/TH/.test(o.dict)).every((o) => /\/Scope \/Column/.test(o.dict))).toBe(true);
		expect(pdf.untagged).toEqual({ text: [], images: 0 });
		expect(pdf.unbalancedPages).toEqual([]);
	});

	it('holds what the case page shows: state, days, codes, handlers, pupils, reports, actions, notes, chronology', async () => {
		const pdf = await read(who.mentor!);
		const text = flat(pdf.text);
		const day = (d: string) => formatDate(d, 'nl');
		// The first line says what this is, before any name.
		expect(text.indexOf('Vertrouwelijk. Dit is het eigen dossier van de school over deze zaak.')).toBeLessThan(text.indexOf('Sanne'));
		for (const s of [
			'School: OBS De Linde, Leiden',
			'Stand: Nieuw',
			`Geopend op: ${day(addDays(today, -5))}`,
			'Waar gebeurde het vooral?: Op het schoolplein',
			'Wanneer op de dag?: In de pauze',
			'Vormen van pesten: Spullen afpakken of kapotmaken',
			'Gebeurt het om wie iemand is?: Om hoe iemand eruitziet',
			'Bewaren voor een procedure: Ja. De zaak wordt niet verwijderd.',
			`Gemaakt op ${day(today)} door Juf Mila, met Pestwijzer.`,
			// Handlers with their roles.
			'Mevrouw Aydin: Aanspreekpunt pesten',
			'Juf Mila: Mentor',
			'Mevrouw Vos: Vertrouwenspersoon',
			// Pupils: by name and class, or by description.
			'Sanne de Wit',
			'Rol: Wordt gepest',
			'Klas of groep: 7b',
			'Naam onbekend',
			'Rol: Pest',
			'Beschrijving: Lange jongen uit groep 8 met een rode jas',
			// Reports by their facts.
			`${day(addDays(today, -3))} Online Een leerling`,
			`${day(addDays(today, -2))} Telefoon Een ouder of verzorger`,
			// Actions with owner, due and done days.
			'Afspraak Gesprek met de ouders van Sanne Wie: Juf Mila',
			`Klaar op: ${day(addDays(today, 14))} Nog niet gedaan`,
			`Gedaan op ${day(today)}`,
			'Doorverwijzing naar Veilig Thuis Advies vragen Wie: Meneer Claes',
			'Nog niet gedaan, en de datum is voorbij',
			// Notes and the chronology.
			CANARY.internal,
			'Zaak geopend',
			'Juf Mila toegevoegd als Mentor',
			'Leerling toegevoegd (Wordt gepest)',
			'Afspraak toegevoegd voor Juf Mila',
			'Actie of afspraak gedaan',
			'Interne notitie geschreven',
			'Bewaren voor een procedure aangezet'
		])
			expect(text, s).toContain(s);
		// Reports by their facts only: not what the reporter wrote. The legal hold's reason is the coordinator's.
		expect(text).not.toContain(CANARY.report);
		expect(text).not.toContain(CANARY.hold);
		// The footer on every page, outside the content.
		for (let page = 1; page <= pdf.pageCount; page++) expect(pdf.artifactText).toContain(`Vertrouwelijk – eigen dossier van de school – pagina ${page} van ${pdf.pageCount}`);
		expect(pdf.text).not.toContain('pagina 1 van');
	});

	it("has a vertrouwenspersoon's confidential note in their own PDF only, never another's", async () => {
		const author = flat((await read(who.vpAuthor!)).text);
		expect(author).toContain(CANARY.confidential);
		expect(author).toContain('Vertrouwelijke notities');
		expect(author).toContain('Alleen voor u.');
		expect(author).not.toContain(CANARY.otherConfidential);
		const other = flat((await read(who.vpOther!)).text);
		expect(other).toContain(CANARY.otherConfidential);
		expect(other).not.toContain(CANARY.confidential);
		for (const actor of [who.coordinator!, who.aanspreekpunt!, who.mentor!]) {
			const text = flat((await read(actor)).text);
			expect(text).toContain(CANARY.internal);
			for (const canary of [CANARY.confidential, CANARY.otherConfidential]) expect(text).not.toContain(canary);
			// Not even the heading: nothing hints that a confidential note exists.
			expect(text).not.toContain('Vertrouwelijke notities');
		}
	});

	it('speaks English when asked', async () => {
		const pdf = await read(who.coordinator!, { locale: 'en' });
		const text = flat(pdf.text);
		expect(pdf.lang).toBe('en');
		expect(pdf.info.Title).toBe(`Case ${caseId.slice(0, 8)}`);
		expect(text).toContain("Confidential. This is the school's own record of this case.");
		expect(text).toContain('Referral to Veilig Thuis');
		expect(text).toContain('Case opened');
		expect(pdf.artifactText).toContain(`Confidential – the school's own record – page 1 of ${pdf.pageCount}`);
	});

	it('gives the same NotFound as the case page to everyone without need to know', async () => {
		for (const actor of [who.mentorOther, who.schoolAdmin, who.boardAnalyst, who.coordinatorOther, who.platformAdmin]) {
			await expect(build(actor)).rejects.toBeInstanceOf(NotFoundError);
			await expect(build(actor, newId())).rejects.toBeInstanceOf(NotFoundError);
		}
		await expect(build(who.coordinatorOther, caseId, { code: OTHER_CODE })).rejects.toBeInstanceOf(NotFoundError);
		await expect(build(who.coordinator, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
		await expect(build(undefined)).rejects.toBeInstanceOf(UnauthenticatedError);
		const actors = new Set((await exports()).map((e) => e.actor_user_id));
		for (const actor of [who.mentorOther, who.schoolAdmin, who.boardAnalyst, who.coordinatorOther, who.platformAdmin]) expect(actors.has(actor!.userId)).toBe(false);
	});

	it('asks for the second factor again for a closed or old case, and then gives it with its closing', async () => {
		const closed = (await openCase(t.db, who.coordinator, CODE, { reportIds: [] }, new Date(Date.now() - 20 * DAY_MS))).id;
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(t.db, who.coordinator, CODE, closed, { to });
		await transitionCase(t.db, who.coordinator, CODE, closed, { to: 'closed', evaluation: { stopped: 'partly', checkedAfterWeeks: 2, checkedOn: today, targetAsked: true } });
		const old = (await openCase(t.db, who.coordinator, CODE, { reportIds: [] }, new Date(Date.now() - 31 * DAY_MS))).id;

		const { token } = await createSession(t.db, who.coordinator!.userId, { pendingSecondFactor: false, policy: t.config.session });
		const session = { sessionId: hashToken(token) };
		expect(await build(who.coordinator, closed, { session })).toEqual({ ok: false, stepUp: { required: true, reason: 'closed', validMinutes: 15 } });
		expect(await build(who.coordinator, old, { session })).toEqual({ ok: false, stepUp: { required: true, reason: 'older_than_30_days', validMinutes: 15 } });
		// Nothing was exported, so nothing is on record as exported.
		expect(await exports(closed)).toEqual([]);
		// Need to know first: someone without it learns nothing, not even that a step-up would be asked.
		await expect(build(who.mentorOther, closed, { session })).rejects.toBeInstanceOf(NotFoundError);

		const [recoveryCode] = await regenerateRecoveryCodes(t.db, who.coordinator!.userId);
		const stepped = await confirmStepUp(t.db, who.coordinator, session.sessionId, recoveryCode!);
		if (!stepped.ok) throw new Error('step-up refused');
		const result = await build(who.coordinator, closed, { session: { sessionId: hashToken(stepped.token) } });
		if (!result.ok) throw new Error('step-up asked again');
		const text = flat(inspectPdf(result.bytes).text);
		expect(text).toContain('Stand: Gesloten');
		expect(text).toContain(`Gesloten op: ${formatDate(today, 'nl')}`);
		expect(text).toContain(`Afsluiting: Gestopt: Gedeeltelijk (minder, of op een andere manier). Nagevraagd na 2 weken, op ${formatDate(today, 'nl')}.`);
		expect(text).toContain('Van Volgen naar Gesloten');
		expect(text).toContain('Geen: de school heeft de zaak zelf geopend');
		expect(await exports(closed)).toHaveLength(1);
	});

	it('records each export as case.export.pdf, with no content in the audit log', async () => {
		const before = (await exports()).length;
		await read(who.vpAuthor!);
		const after = await exports();
		expect(after).toHaveLength(before + 1);
		expect(after.at(-1)).toEqual({ actor_user_id: who.vpAuthor!.userId, detail: '{}' });
		const audit = JSON.stringify(await t.db.selectFrom('audit_event').selectAll().execute());
		for (const canary of Object.values(CANARY)) expect(audit).not.toContain(canary);
		expect(audit).not.toContain('Sanne');
		expect(await verifyAuditChain(t.db)).toEqual({ ok: true });
	});

	it('names the download by the short reference only', () => {
		expect(casePdfFileName('5eed0000-0000-4000-8000-0000000ca5e1')).toBe('zaak-5eed0000.pdf');
		expect(casePdfFileName('"; rm -rf /')).toBe('zaak-f.pdf');
	});
});
