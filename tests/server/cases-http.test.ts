/**
 * The case pages over HTTP (issue 11, items 5, 6, 8 and 9), against the built app: every case route answers 200 for
 * a handler and the coordinator, and the same 404 — the page of a case that does not exist — for the school admin,
 * the board analyst, a mentor who does not handle the case, another school's coordinator and a parent, on pages and
 * on form posts alike; a confidential note is in its author's page only; bad input answers 400 with the message at
 * its field and the input kept; an old case asks for the second factor and opens with a valid TOTP code; the case as a
 * PDF download for the same readers, with the same 404 and the same second factor, audited.
 *
 * The tests in this file share one app and run in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { addAanspreekpunt } from '../../src/lib/server/testing/school-rows';
import { todayInNetherlands } from '../../src/lib/i18n/locale';
import { addDays } from '../../src/lib/cases/school-days';
import { config } from '../../src/lib/server/config';
import { seal } from '../../src/lib/server/auth/secret-box';
import { updateUser, findUserById } from '../../src/lib/server/auth/user.repository';
import { loadActor } from '../../src/lib/server/auth/current-actor';
import { assignHandler, openCase, transitionCase } from '../../src/lib/server/cases/case.service';
import { inspectPdf } from '../../src/lib/server/pdf/pdf-inspect';
import { submitReport } from '../../src/lib/server/reports/report.service';
import { browserClient, startApp, type AppServer } from './support/app-server';
import { SEEDED_CASE, SEEDED_REPORT, addPersona, seedPersonas, type Persona, type Seed } from './support/personas';

const nl = JSON.parse(fs.readFileSync(path.resolve('messages/nl.json'), 'utf8')) as Record<string, string>;
const CODE = '98ZZ00';
const OTHER_CODE = '97ZZ00';
const ABSENT = '00000000-0000-4000-8000-00000000dead';
const CANARY = { confidential: 'kanarie-vertrouwelijk-c4se', internal: 'kanarie-intern-c4se' };

let app: AppServer;
let seed: Seed;
let mentorOther: Persona;
let coordinatorB: Persona;

const { get, post } = browserClient(() => app.origin);
const caseUrl = (id: string, code = CODE) => `/school/${code}/zaken/${id}`;
const routes = (id: string) => [`/school/${CODE}/zaken`, `/school/${CODE}/zaken/overzicht`, `/school/${CODE}/zaken/nieuw`, caseUrl(id)];

beforeAll(async () => {
	const dataDir = makeTempDir('pw-cases-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	mentorOther = await addPersona(seed.db, 'mentor', { schoolId: seed.schoolId });
	coordinatorB = await addPersona(seed.db, 'coordinator', { schoolId: seed.otherSchoolId });
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

const p = () => seed.personas;

async function actorOf(persona: Persona) {
	return loadActor(seed.db, (await findUserById(seed.db, persona.userId))!);
}

function errorSummary(html: string): string {
	return html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0] ?? '';
}

function expectRefused(html: string, field: string, messageKey: string): void {
	const summary = errorSummary(html);
	expect(summary, 'error summary').toContain(nl[messageKey]!);
	expect(summary).toContain(`href="#${field}"`);
	expect(html).toMatch(/<title>Fout: /);
}

function textareaOf(html: string, name: string): string | undefined {
	return html.match(new RegExp(`<textarea\\b[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`))?.[1];
}

function valueOf(html: string, name: string): string | undefined {
	return [...html.matchAll(/<input\b(?:[^>"]|"[^"]*")*>/g)].map((m) => m[0]).find((tag) => tag.includes(` name="${name}"`))?.match(/\svalue="([^"]*)"/)?.[1];
}

/** A page without what differs per request (the CSP nonce, the address in the language form), to compare two answers. */
function normalised(html: string): string {
	return html.replace(/nonce="[^"]*"/g, 'nonce=""').replaceAll(SEEDED_CASE.id, '<case>').replaceAll(ABSENT, '<case>');
}

describe('who reaches the case pages', () => {
	it('a handler and the coordinator get 200 on every case route; the overview is the coordinator’s', async () => {
		for (const url of routes(SEEDED_CASE.id)) {
			const asCoordinator = await get(url, p().coordinator.cookie);
			expect(asCoordinator.status, url).toBe(200);
			const asHandler = await get(url, p().aanspreekpunt.cookie);
			expect(asHandler.status, url).toBe(url.endsWith('/overzicht') ? 404 : 200);
		}
		for (const persona of [p().mentor, p().vertrouwenspersoon, p().zorgcoordinator]) {
			expect((await get(caseUrl(SEEDED_CASE.id), persona.cookie)).status).toBe(200);
			expect((await get(`/school/${CODE}/zaken`, persona.cookie)).status).toBe(200);
		}
		const list = await (await get(`/school/${CODE}/zaken`, p().mentor.cookie)).text();
		expect(list).toContain(`href="${caseUrl(SEEDED_CASE.id)}"`);
		const home = await (await get(`/school/${CODE}`, p().coordinator.cookie)).text();
		expect(home).toContain(`href="/school/${CODE}/zaken"`);
		expect(home).toContain(`href="/school/${CODE}/zaken/overzicht"`);
		const adminHome = await (await get(`/school/${CODE}`, p().school_admin.cookie)).text();
		expect(adminHome).not.toContain('/zaken');
	});

	it('everyone without need to know gets the same 404 as for a case that does not exist, on pages and posts', async () => {
		const outsiders: [string, Persona, string][] = [
			['school admin', p().school_admin, CODE],
			['board analyst', p().board_analyst, CODE],
			['mentor not assigned', mentorOther, CODE],
			['parent', p().parent, CODE],
			["another school's coordinator", coordinatorB, CODE],
			["another school's coordinator at their own school", coordinatorB, OTHER_CODE]
		];
		for (const [who, persona, code] of outsiders) {
			const absent = await get(caseUrl(ABSENT, code), persona.cookie);
			expect(absent.status, who).toBe(404);
			const absentPage = normalised(await absent.text());
			const seeded = await get(caseUrl(SEEDED_CASE.id, code), persona.cookie);
			expect(seeded.status, who).toBe(404);
			expect(normalised(await seeded.text()), who).toBe(absentPage);
			for (const url of [`/school/${code}/zaken`, `/school/${code}/zaken/overzicht`, `/school/${code}/zaken/nieuw`]) {
				// Another school's coordinator reaches their own school's pages; the rest have no cases anywhere.
				if (code === OTHER_CODE) continue;
				const response = await get(url, persona.cookie);
				if (persona === mentorOther && url.endsWith('/zaken')) {
					// A mentor has a list (of the cases they handle): this one is not in it, not even as a count.
					expect(response.status).toBe(200);
					const html = await response.text();
					expect(html).not.toContain(SEEDED_CASE.id);
					expect(html).toContain(nl.case_list_none!);
				} else expect(response.status, `${who} ${url}`).toBe(404);
			}
			// Not even the step-up question: the same 404.
			expect((await post(`${caseUrl(SEEDED_CASE.id, code)}?/stepUp`, { code: '123456' }, persona.cookie)).status, who).toBe(404);
			const notes = (await seed.db.selectFrom('case_note').select('id').execute()).length;
			const posted = await post(`${caseUrl(SEEDED_CASE.id, code)}?/note`, { noteBody: 'mag niet' }, persona.cookie);
			expect(posted.status, who).toBe(404);
			const opened = await post(`/school/${code}/zaken/nieuw`, {}, persona.cookie);
			if (code === CODE) expect(opened.status, who).toBe(404);
			expect((await seed.db.selectFrom('case_note').select('id').execute()).length).toBe(notes);
		}
	});

	it('an anonymous visitor is sent to log in', async () => {
		const response = await get(caseUrl(SEEDED_CASE.id));
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/inloggen\?terug=/);
	});
});

describe('writing in a case', () => {
	let caseId = '';

	it('the aanspreekpunt opens a case directly (303 to its page) and moves it to intake', async () => {
		const opened = await post(`/school/${CODE}/zaken/nieuw`, { place: 'playground', timeOfDay: 'break', forms: ['verbal', 'exclusion'] }, p().aanspreekpunt.cookie);
		expect(opened.status).toBe(303);
		const match = (opened.headers.get('location') ?? '').match(/^\/school\/98ZZ00\/zaken\/([0-9a-f-]{36})\?geopend=1$/);
		expect(match, opened.headers.get('location') ?? '').not.toBeNull();
		caseId = match![1]!;
		const moved = await post(`${caseUrl(caseId)}?/transition`, { to: 'intake' }, p().aanspreekpunt.cookie);
		expect(moved.status).toBe(303);
		expect((await seed.db.selectFrom('case').select(['state', 'place']).where('id', '=', caseId).executeTakeFirstOrThrow())).toEqual({ state: 'intake', place: 'playground' });
		// A move the rules do not allow is refused with a message, not a 500.
		const skip = await post(`${caseUrl(caseId)}?/transition`, { to: 'closed' }, p().aanspreekpunt.cookie);
		expect(skip.status).toBe(400);
		expectRefused(await skip.text(), 'to', 'case_error_not_allowed');
	});

	it('the opening page takes report ids from the address and refuses ids of no report with 404', async () => {
		const page = await get(`/school/${CODE}/zaken/nieuw?melding=${ABSENT}`, p().aanspreekpunt.cookie);
		expect(page.status).toBe(200);
		expect(valueOf(await page.text(), 'melding')).toBe(ABSENT);
		expect((await post(`/school/${CODE}/zaken/nieuw`, { melding: ABSENT }, p().aanspreekpunt.cookie)).status).toBe(404);
	});

	it('a confidential note is in its author’s page only', async () => {
		const vp = p().vertrouwenspersoon;
		const own = await get(caseUrl(SEEDED_CASE.id), vp.cookie);
		expect(await own.text()).toContain(nl.case_confidential_only_you!);
		expect((await post(`${caseUrl(SEEDED_CASE.id)}?/confidential`, { confidentialBody: `Gesprek: ${CANARY.confidential}` }, vp.cookie)).status).toBe(303);
		expect((await post(`${caseUrl(SEEDED_CASE.id)}?/note`, { noteBody: `Overleg: ${CANARY.internal}` }, p().aanspreekpunt.cookie)).status).toBe(303);

		const author = await (await get(caseUrl(SEEDED_CASE.id), vp.cookie)).text();
		expect(author).toContain(CANARY.confidential);
		expect(author).toContain(CANARY.internal);
		for (const persona of [p().coordinator, p().aanspreekpunt, p().mentor, p().zorgcoordinator]) {
			const html = await (await get(caseUrl(SEEDED_CASE.id), persona.cookie)).text();
			expect(html, persona.role).toContain(CANARY.internal);
			expect(html, persona.role).not.toContain(CANARY.confidential);
			// Nobody else is even shown the section.
			expect(html, persona.role).not.toContain(nl.case_confidential_only_you!);
		}
		for (const persona of [vp, p().coordinator, p().school_admin, p().board_analyst]) {
			for (const url of [`/school/${CODE}`, `/school/${CODE}/zaken`, `/school/${CODE}/zaken/overzicht`, `/school/${CODE}/zaken/nieuw`, `/school/${CODE}/team`]) {
				expect(await (await get(url, persona.cookie)).text(), `${persona.role} ${url}`).not.toContain(CANARY.confidential);
			}
		}
		// Only a vertrouwenspersoon who handles the case may write one: for the coordinator it is NotFound.
		expect((await post(`${caseUrl(SEEDED_CASE.id)}?/confidential`, { confidentialBody: 'niet van mij' }, p().coordinator.cookie)).status).toBe(404);
	});

	it('1 MB of text and control characters: 400 with the message at the field and the input kept', async () => {
		const long = 'a'.repeat(1_000_000);
		const tooLong = await post(`${caseUrl(caseId)}?/note`, { noteBody: long }, p().aanspreekpunt.cookie);
		expect(tooLong.status).toBe(400);
		const html = await tooLong.text();
		expectRefused(html, 'noteBody', 'case_error_text_too_long');
		expect(textareaOf(html, 'noteBody')).toBe(long);

		const control = await post(`${caseUrl(caseId)}?/action`, { actionKind: 'action', actionOwner: p().aanspreekpunt.userId, actionText: 'bel\u0007 ouders', 'actionDue-day': '1', 'actionDue-month': '1', 'actionDue-year': String(Number(todayInNetherlands().slice(0, 4)) + 1) }, p().aanspreekpunt.cookie);
		expect(control.status).toBe(400);
		const controlHtml = await control.text();
		expectRefused(controlHtml, 'actionText', 'case_error_text_invalid');
		expect(valueOf(controlHtml, 'actionDue-day')).toBe('1');
		expect((await seed.db.selectFrom('case_note').select('id').where('case_id', '=', caseId).execute()).length).toBe(0);
		expect((await seed.db.selectFrom('case_action').select('id').where('case_id', '=', caseId).execute()).length).toBe(0);
	});

	it('markup: refused in a pupil’s name with the input kept escaped; in a note kept as text, never as markup', async () => {
		const name = await post(`${caseUrl(caseId)}?/pupil`, { pupilRole: 'target', pupilName: '<script>alert(1)</script>', pupilClass: '7b' }, p().aanspreekpunt.cookie);
		expect(name.status).toBe(400);
		const html = await name.text();
		expectRefused(html, 'pupilName', 'case_error_pupil_name_invalid');
		expect(valueOf(html, 'pupilName')).toBe('&lt;script>alert(1)&lt;/script>');
		expect(valueOf(html, 'pupilClass')).toBe('7b');
		expect(html).not.toMatch(/<script>alert/);

		expect((await post(`${caseUrl(caseId)}?/note`, { noteBody: '<img src=x onerror=alert(1)> zei: "<b>stop</b>"' }, p().aanspreekpunt.cookie)).status).toBe(303);
		const page = await (await get(caseUrl(caseId), p().aanspreekpunt.cookie)).text();
		expect(page).toContain('&lt;img src=x onerror=alert(1)> zei: "&lt;b>stop&lt;/b>"');
		expect(page).not.toContain('<img src=x');
	});

	it('dates: an impossible due date and a future check day are refused at their fields, the input kept', async () => {
		const impossible = await post(
			`${caseUrl(caseId)}?/action`,
			{ actionKind: 'agreement', actionOwner: p().aanspreekpunt.userId, actionText: 'Pauzetoezicht', 'actionDue-day': '31', 'actionDue-month': '2', 'actionDue-year': '2027' },
			p().aanspreekpunt.cookie
		);
		expect(impossible.status).toBe(400);
		const html = await impossible.text();
		expectRefused(html, 'actionDue', 'case_error_date_invalid');
		expect(textareaOf(html, 'actionText')).toBe('Pauzetoezicht');

		const actor = await actorOf(p().coordinator);
		const monitored = (await openCase(seed.db, actor, CODE, { reportIds: [] }, new Date(Date.now() - 20 * 86_400_000))).id;
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(seed.db, actor, CODE, monitored, { to });
		const future = addDays(todayInNetherlands(), 7).split('-');
		const closing = await post(
			`${caseUrl(monitored)}?/transition`,
			{ to: 'closed', evalStopped: 'yes', evalWeeks: '2', 'evalCheckedOn-day': String(Number(future[2])), 'evalCheckedOn-month': String(Number(future[1])), 'evalCheckedOn-year': future[0]!, evalTargetAsked: 'yes' },
			p().coordinator.cookie
		);
		expect(closing.status).toBe(400);
		const closingHtml = await closing.text();
		expectRefused(closingHtml, 'evalCheckedOn', 'case_error_date_future');
		expect(valueOf(closingHtml, 'evalWeeks')).toBe('2');
		expect((await seed.db.selectFrom('case').select('state').where('id', '=', monitored).executeTakeFirstOrThrow()).state).toBe('monitoring');
	});
});

describe('a case from reports, and the outcome message', () => {
	it('opens from report ids posted as hidden fields, previews the outcome, sends it; other handlers are told to ask', async () => {
		await addAanspreekpunt(seed.db, seed.schoolId);
		const sent = await submitReport(seed.db, CODE, {
			reporterKind: 'pupil',
			whatHappened: 'Ze pakken steeds mijn tas af.',
			occurredOn: null,
			occurredAround: 'this_week',
			place: 'Schoolplein',
			peopleInvolved: null,
			forms: ['belongings'],
			motives: [],
			ongoing: 'yes',
			anonymous: true,
			reporterName: null,
			contact: null
		});
		expect(sent.ok).toBe(true);
		const reportId = (await seed.db.selectFrom('report').select('id').where('school_id', '=', seed.schoolId).where('id', '!=', SEEDED_REPORT.report).executeTakeFirstOrThrow()).id;

		const form = await (await get(`/school/${CODE}/zaken/nieuw?melding=${reportId}`, p().aanspreekpunt.cookie)).text();
		expect(valueOf(form, 'melding')).toBe(reportId);
		const opened = await post(`/school/${CODE}/zaken/nieuw`, { melding: reportId, place: 'playground' }, p().aanspreekpunt.cookie);
		expect(opened.status).toBe(303);
		const id = (opened.headers.get('location') ?? '').match(/zaken\/([0-9a-f-]{36})/)![1]!;
		expect(await seed.db.selectFrom('case_report').select('report_id').where('case_id', '=', id).execute()).toEqual([{ report_id: reportId }]);
		expect((await seed.db.selectFrom('case').select('forms').where('id', '=', id).executeTakeFirstOrThrow()).forms).toBe('["belongings"]');
		// The same report cannot open a second case.
		const again = await post(`/school/${CODE}/zaken/nieuw`, { melding: reportId }, p().aanspreekpunt.cookie);
		expect(again.status).toBe(400);
		expectRefused(await again.text(), 'melding', 'case_error_report_in_case');

		const none = await post(`${caseUrl(id)}?/preview`, {}, p().aanspreekpunt.cookie);
		expect(none.status).toBe(400);
		expectRefused(await none.text(), 'measures', 'case_error_measures');
		const preview = await post(`${caseUrl(id)}?/preview`, { measures: ['talked_with_pupils', 'keeps_watching'] }, p().aanspreekpunt.cookie);
		expect(preview.status).toBe(200);
		const previewHtml = await preview.text();
		expect(previewHtml).toContain(nl.case_outcome_intro_pupil!);
		expect(previewHtml).toContain(nl.case_outcome_measure_keeps_watching!);
		expect(previewHtml).toMatch(/<input[^>]*name="measures"[^>]*value="keeps_watching"[^>]*checked/);
		expect(await seed.db.selectFrom('report_message').select('id').where('report_id', '=', reportId).execute()).toHaveLength(0);

		const send = await post(`${caseUrl(id)}?/outcome`, { measures: ['talked_with_pupils', 'keeps_watching'] }, p().aanspreekpunt.cookie);
		expect(send.status).toBe(303);
		expect(await seed.db.selectFrom('report_message').select('id').where('report_id', '=', reportId).execute()).toHaveLength(1);
		expect((await seed.db.selectFrom('case_event').select('kind').where('case_id', '=', id).where('kind', '=', 'outcome_sent').execute())).toHaveLength(1);

		// A mentor handling the case reads why they cannot send it, and a post from them is refused the same way.
		const actor = await actorOf(p().aanspreekpunt);
		await assignHandler(seed.db, actor, CODE, id, p().mentor.userId, 'mentor');
		const mentorPage = await (await get(caseUrl(id), p().mentor.cookie)).text();
		expect(mentorPage).toContain(nl.case_error_outcome_by_aanspreekpunt!);
		const refused = await post(`${caseUrl(id)}?/outcome`, { measures: ['keeps_watching'] }, p().mentor.cookie);
		expect(refused.status).toBe(400);
		expect(await seed.db.selectFrom('report_message').select('id').where('report_id', '=', reportId).execute()).toHaveLength(1);
	});
});

describe('step-up for an old case', () => {
	it('asks for the code, changes nothing before it, and opens the case with a valid TOTP code on a new session', async () => {
		const coordinator = await addPersona(seed.db, 'coordinator', { schoolId: seed.schoolId });
		const secret = new Secret({ size: 20 });
		await updateUser(seed.db, coordinator.userId, { totp_secret: seal(secret.base32, config().secretKey) });
		const { id } = await openCase(seed.db, await actorOf(coordinator), CODE, { reportIds: [] });
		await seed.db.updateTable('case').set({ opened_on: addDays(todayInNetherlands(), -40) }).where('id', '=', id).execute();

		const asked = await get(caseUrl(id), coordinator.cookie);
		expect(asked.status).toBe(200);
		const askedHtml = await asked.text();
		expect(askedHtml).toContain(nl.case_step_up_title!);
		expect(askedHtml).toContain(nl.case_step_up_reason_old!);
		expect(askedHtml).not.toContain(nl.case_chronology_title!);
		expect(await seed.db.selectFrom('audit_event').select('id').where('subject_id', '=', id).where('action', '=', 'case.view').execute()).toHaveLength(0);
		// A change waits for the code too: back to the question, nothing written.
		const early = await post(`${caseUrl(id)}?/note`, { noteBody: 'te vroeg' }, coordinator.cookie);
		expect(early.status).toBe(303);
		expect(early.headers.get('location')).toBe(caseUrl(id));
		expect(await seed.db.selectFrom('case_note').select('id').where('case_id', '=', id).execute()).toHaveLength(0);

		const wrong = await post(`${caseUrl(id)}?/stepUp`, { code: '000000' }, coordinator.cookie);
		expect(wrong.status).toBe(400);
		expectRefused(await wrong.text(), 'code', 'auth_error_code_wrong');

		const code = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate();
		const right = await post(`${caseUrl(id)}?/stepUp`, { code }, coordinator.cookie);
		expect(right.status).toBe(303);
		expect(right.headers.get('location')).toBe(caseUrl(id));
		const token = (right.headers.get('set-cookie') ?? '').match(/pw_session=([^;]+)/)?.[1];
		expect(token).toBeTruthy();
		const cookie = `pw_session=${token}`;
		expect(cookie).not.toBe(coordinator.cookie);
		const page = await get(caseUrl(id), cookie);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain(nl.case_chronology_title!);
		// The old session ended with the step-up.
		expect((await get(caseUrl(id), coordinator.cookie)).status).toBe(303);
	});
});

describe('the case as a PDF', () => {
	const pdfUrl = (id: string, code = CODE) => `${caseUrl(id, code)}/pdf`;
	const PDF_CANARY = 'kanarie-vertrouwelijk-pdf-http';
	const exports = async (id: string) => seed.db.selectFrom('audit_event').select(['actor_user_id', 'detail']).where('subject_id', '=', id).where('action', '=', 'case.export.pdf').orderBy('seq').execute();
	const pdfText = async (response: Response) => inspectPdf(Buffer.from(await response.arrayBuffer())).text.replace(/\s+/g, ' ');

	it('the case page links to it; a handler gets a tagged PDF as a download named by the reference only, audited', async () => {
		const page = await (await get(caseUrl(SEEDED_CASE.id), p().mentor.cookie)).text();
		expect(page).toContain(`href="${pdfUrl(SEEDED_CASE.id)}"`);
		expect(page).toContain(nl.case_pdf_download!);

		const before = (await exports(SEEDED_CASE.id)).length;
		const response = await get(pdfUrl(SEEDED_CASE.id), p().mentor.cookie);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="zaak-5eed0000.pdf"');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
		const pdf = inspectPdf(bytes);
		expect(pdf.lang).toBe('nl');
		expect(pdf.info.Title).toBe('Zaak 5eed0000');
		const text = pdf.text.replace(/\s+/g, ' ');
		expect(text).toContain(nl.case_pdf_confidential!);
		expect(text).toContain('Testschool A, Utrecht');
		expect(text).toContain(nl.case_event_opened!);

		const after = await exports(SEEDED_CASE.id);
		expect(after).toHaveLength(before + 1);
		expect(after.at(-1)).toEqual({ actor_user_id: p().mentor.userId, detail: '{}' });
	});

	it('the confidential note of the vertrouwenspersoon is in their own PDF, not in the coordinator’s', async () => {
		const vp = p().vertrouwenspersoon;
		expect((await post(`${caseUrl(SEEDED_CASE.id)}?/confidential`, { confidentialBody: `Gesprek: ${PDF_CANARY}` }, vp.cookie)).status).toBe(303);
		const own = await pdfText(await get(pdfUrl(SEEDED_CASE.id), vp.cookie));
		expect(own).toContain(PDF_CANARY);
		expect(own).toContain(nl.case_confidential_title!);
		for (const persona of [p().coordinator, p().aanspreekpunt, p().mentor]) {
			const text = await pdfText(await get(pdfUrl(SEEDED_CASE.id), persona.cookie));
			expect(text, persona.role).not.toContain(PDF_CANARY);
			expect(text, persona.role).not.toContain(nl.case_confidential_title!);
		}
	});

	it('everyone without need to know gets the same 404 as for a case that does not exist, and nothing is exported', async () => {
		const before = (await exports(SEEDED_CASE.id)).length;
		const outsiders: [string, Persona, string][] = [
			['school admin', p().school_admin, CODE],
			['board analyst', p().board_analyst, CODE],
			['mentor not assigned', mentorOther, CODE],
			['parent', p().parent, CODE],
			["another school's coordinator", coordinatorB, CODE],
			["another school's coordinator at their own school", coordinatorB, OTHER_CODE]
		];
		for (const [who, persona, code] of outsiders) {
			const absent = await get(pdfUrl(ABSENT, code), persona.cookie);
			expect(absent.status, who).toBe(404);
			const seeded = await get(pdfUrl(SEEDED_CASE.id, code), persona.cookie);
			expect(seeded.status, who).toBe(404);
			expect(seeded.headers.get('content-type') ?? '', who).not.toContain('pdf');
			expect(normalised(await seeded.text()), who).toBe(normalised(await absent.text()));
		}
		expect(await exports(SEEDED_CASE.id)).toHaveLength(before);
		const anonymous = await get(pdfUrl(SEEDED_CASE.id));
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/inloggen\?terug=/);
	});

	it('a closed case without a fresh second factor gives no PDF: the browser goes to the question on the case page', async () => {
		const actor = await actorOf(p().coordinator);
		const { id } = await openCase(seed.db, actor, CODE, { reportIds: [] }, new Date(Date.now() - 20 * 86_400_000));
		for (const to of ['intake', 'in_progress', 'monitoring']) await transitionCase(seed.db, actor, CODE, id, { to });
		await transitionCase(seed.db, actor, CODE, id, { to: 'closed', evaluation: { stopped: 'yes', checkedAfterWeeks: 2, checkedOn: todayInNetherlands(), targetAsked: true } });

		const response = await get(pdfUrl(id), p().coordinator.cookie);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(caseUrl(id));
		expect(response.headers.get('content-type') ?? '').not.toContain('pdf');
		expect(await exports(id)).toHaveLength(0);
		const question = await (await get(caseUrl(id), p().coordinator.cookie)).text();
		expect(question).toContain(nl.case_step_up_title!);
		expect(question).not.toContain(pdfUrl(id));
	});
});
