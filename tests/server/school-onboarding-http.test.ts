/**
 * School onboarding over HTTP (issue 4), against the built app: who may reach which school page and action
 * (another school's staff gets the same 404 as a school that does not exist, and nothing changes), and
 * invitations from the mail link to a new account with its role.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../src/lib/server/testing/test-database';
import { minimalPdf } from '../../src/lib/server/testing/sample-files';
import { hashToken, newId, nowIso } from '../../src/lib/server/auth/tokens';
import { browserClient, browserHeaders, startApp, type AppServer } from './support/app-server';
import { addPersona, seedPersonas, type Persona, type Seed } from './support/personas';

const SCHOOL = '98ZZ00';
const OTHER_SCHOOL = '97ZZ00';
const NO_SCHOOL = '96ZZ00';

const CONTACT_SLUGS = ['aanspreekpunt', 'coordinator', 'vertrouwenspersoon-intern', 'vertrouwenspersoon-extern', 'zorgcoordinator', 'medezeggenschapsraad'];
const SECTION_SLUGS = ['mentoren', 'klachten', 'instemming-mr', 'programma', 'monitor'];
const DOCUMENT_SLUGS = ['veiligheidsbeleid', 'pestprotocol', 'protocol-online-pesten', 'klachtenregeling', 'schoolgids'];

/** A minimal, well-formed PDF. */
const PDF = Buffer.from(minimalPdf());

let app: AppServer;
let seed: Seed;
let dataDir: string;
/** school_admin of 97ZZ00 (with a second factor): another school's staff. */
let otherAdmin: Persona;
/** board_analyst of a board 98ZZ00 does not belong to. */
let otherBoardAnalyst: Persona;
/** school_admin of 98ZZ00 who has not set up a second factor. */
let adminWithoutSecondFactor: Persona;
/** board_analyst of 98ZZ00's board without a second factor. */
let analystWithoutSecondFactor: Persona;
/** An open invitation of 98ZZ00, for ?/revoke. */
let openInvitationId: string;

beforeAll(async () => {
	dataDir = makeTempDir('pw-onboarding-');
	app = await startApp({ DATA_DIR: dataDir });
	seed = await seedPersonas(dataDir);
	otherAdmin = await addPersona(seed.db, 'school_admin', { schoolId: seed.otherSchoolId });
	const otherBoardId = newId();
	await seed.db.insertInto('board').values({ id: otherBoardId, code: 'B-2', name: 'Stichting Ander', created_at: nowIso() }).execute();
	otherBoardAnalyst = await addPersona(seed.db, 'board_analyst', { boardId: otherBoardId });
	adminWithoutSecondFactor = await addPersona(seed.db, 'school_admin', { schoolId: seed.schoolId }, { secondFactor: false });
	analystWithoutSecondFactor = await addPersona(seed.db, 'board_analyst', { boardId: seed.boardId }, { secondFactor: false });

	// Something at 98ZZ00 that a successful attack would change: a person, a document, an open invitation.
	const now = nowIso();
	await seed.db
		.insertInto('school_contact')
		.values({ id: newId(), school_id: seed.schoolId, kind: 'aanspreekpunt', user_id: null, name: 'Echte Persoon', job_title: null, email: 'echt@testschool-a.nl', phone: null, hours: null, public: 1, updated_at: now })
		.execute();
	await seed.db
		.insertInto('school_document')
		.values({ id: newId(), school_id: seed.schoolId, kind: 'safety_policy', status: 'link', url: 'https://testschool-a.nl/beleid.pdf', file_key: null, file_size: null, file_sha256: null, updated_at: now })
		.execute();
	openInvitationId = newId();
	await seed.db
		.insertInto('invitation')
		.values({
			id: openInvitationId,
			token_hash: hashToken(crypto.randomBytes(32).toString('base64url')),
			email: `open-${newId()}@example.nl`,
			display_name: 'Open Uitnodiging',
			role: 'mentor',
			school_id: seed.schoolId,
			board_id: null,
			invited_by_user_id: seed.personas.school_admin.userId,
			locale: 'nl',
			created_at: now,
			expires_at: new Date(Date.now() + 86_400_000).toISOString(),
			accepted_at: null,
			accepted_user_id: null,
			revoked_at: null
		})
		.execute();
});

afterAll(async () => {
	await seed?.close();
	await app?.stop();
});

// Helpers

/** Every table a school page or action could change (sessions left out: they record their own use). */
const WATCHED_TABLES = ['app_user', 'role_assignment', 'board', 'school', 'school_profile', 'school_contact', 'school_document', 'invitation', 'mail_outbox', 'audit_event', 'rate_limit'] as const;

function filesOnDisk(): string[] {
	const dir = path.join(dataDir, 'files');
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

async function snapshot(): Promise<string> {
	const tables: Record<string, unknown[]> = {};
	for (const table of WATCHED_TABLES) tables[table] = await seed.db.selectFrom(table).selectAll().execute();
	return JSON.stringify({ tables, files: filesOnDisk() });
}

const { get, post } = browserClient(() => app.origin);

function postMultipart(url: string, data: Record<string, string>, file: Blob | undefined, cookie?: string): Promise<Response> {
	const body = new FormData();
	for (const [key, value] of Object.entries(data)) body.set(key, value);
	if (file) body.set('file', file, 'beleid.pdf');
	return fetch(app.origin + url, { method: 'POST', redirect: 'manual', headers: browserHeaders(app.origin, cookie), body });
}

/** A valid save for each part, so only the access check can refuse it. */
function validSave(slug: string): Record<string, string> {
	switch (slug) {
		case 'mentoren':
			return { mentorText: 'Overgenomen door een andere school' };
		case 'klachten':
			return { commission: 'lkc' };
		case 'instemming-mr':
			return { consent: 'no' };
		case 'programma':
			return { choice: 'none' };
		case 'monitor':
			return { instrument: 'Vragenlijst', 'monitorOn-day': '1', 'monitorOn-month': '9', 'monitorOn-year': '2026' };
		default:
			return { member: 'other', name: 'Indringer', email: 'indringer@example.nl', public: 'on', ...(slug === 'aanspreekpunt' ? { alsoCoordinator: 'yes' } : {}) };
	}
}

interface Call {
	label: string;
	send: (code: string, cookie: string) => Promise<Response>;
}

/** Every issue-4 school route (GET) and every action (POST), for a school code. */
function schoolCalls(): Call[] {
	const gets = [
		'',
		'/team',
		'/profiel',
		...[...CONTACT_SLUGS, ...SECTION_SLUGS].map((s) => `/profiel/${s}`),
		...DOCUMENT_SLUGS.map((k) => `/profiel/documenten/${k}`),
		'/wettelijke-taken'
	].map((p): Call => ({ label: `GET /school/:code${p}`, send: (code, cookie) => get(`/school/${code}${p}`, cookie) }));
	const posts: Call[] = [
		{
			label: 'POST team ?/invite (mentor)',
			send: (code, cookie) => post(`/school/${code}/team?/invite`, { displayName: 'Stiekem', email: `stiekem-${newId()}@example.nl`, locale: 'nl', role: 'mentor' }, cookie)
		},
		{
			label: 'POST team ?/invite (school_admin)',
			send: (code, cookie) => post(`/school/${code}/team?/invite`, { displayName: 'Stiekem', email: `stiekem-${newId()}@example.nl`, locale: 'nl', role: 'school_admin' }, cookie)
		},
		{ label: 'POST team ?/revoke', send: (code, cookie) => post(`/school/${code}/team?/revoke`, { id: openInvitationId }, cookie) },
		{ label: 'POST team ?/remove', send: (code, cookie) => post(`/school/${code}/team?/remove`, { userId: seed.personas.mentor.userId, role: 'mentor' }, cookie) },
		{ label: 'POST team ?/invite (empty form)', send: (code, cookie) => post(`/school/${code}/team?/invite`, {}, cookie) },
		...[...CONTACT_SLUGS, ...SECTION_SLUGS].map(
			(slug): Call => ({ label: `POST profiel/${slug} ?/save`, send: (code, cookie) => post(`/school/${code}/profiel/${slug}?/save`, validSave(slug), cookie) })
		),
		...CONTACT_SLUGS.map((slug): Call => ({ label: `POST profiel/${slug} ?/clear`, send: (code, cookie) => post(`/school/${code}/profiel/${slug}?/clear`, {}, cookie) })),
		{ label: 'POST profiel/aanspreekpunt ?/save (invalid)', send: (code, cookie) => post(`/school/${code}/profiel/aanspreekpunt?/save`, { email: 'geen-adres' }, cookie) },
		...DOCUMENT_SLUGS.flatMap((kind): Call[] => [
			{ label: `POST documenten/${kind} (absent)`, send: (code, cookie) => postMultipart(`/school/${code}/profiel/documenten/${kind}`, { status: 'absent' }, undefined, cookie) },
			{ label: `POST documenten/${kind} (unknown)`, send: (code, cookie) => postMultipart(`/school/${code}/profiel/documenten/${kind}`, { status: 'unknown' }, undefined, cookie) },
			{
				label: `POST documenten/${kind} (link)`,
				send: (code, cookie) => postMultipart(`/school/${code}/profiel/documenten/${kind}`, { status: 'link', url: 'https://evil.example.nl/x.pdf' }, undefined, cookie)
			},
			{
				label: `POST documenten/${kind} (file)`,
				send: (code, cookie) => postMultipart(`/school/${code}/profiel/documenten/${kind}`, { status: 'file' }, new Blob([PDF], { type: 'application/pdf' }), cookie)
			}
		])
	];
	return [...gets, ...posts];
}

const ALL_CALLS = schoolCalls();
/** The pages and actions only a school admin may use (the route table leaves out mentors and boards). */
const ADMIN_ONLY_CALLS = ALL_CALLS.filter((c) => !/^GET \/school\/:code$/.test(c.label) && !c.label.includes('wettelijke-taken'));

/** The answer with the school code taken out (the page links back to its own address for the language switch). */
const stripBody = (html: string) => html.replaceAll(SCHOOL, ':code').replaceAll(NO_SCHOOL, ':code').replace(/\s+/g, ' ');

// Tests

describe('another school’s admin', () => {
	it('gets the nonexistent-school 404 for every school page and action of 98ZZ00, and nothing changes', async () => {
		const before = await snapshot();
		const problems: string[] = [];
		for (const call of ALL_CALLS) {
			const response = await call.send(SCHOOL, otherAdmin.cookie);
			const absent = await call.send(NO_SCHOOL, otherAdmin.cookie);
			const [body, absentBody] = [await response.text(), await absent.text()];
			if (response.status !== 404) problems.push(`${call.label}: ${response.status}, expected 404`);
			if (response.status !== absent.status) problems.push(`${call.label}: ${response.status} for 98ZZ00, ${absent.status} for a school that does not exist`);
			if (stripBody(body) !== stripBody(absentBody)) problems.push(`${call.label}: the answer differs from the one for a school that does not exist`);
			if (body.includes('Testschool A') || body.includes('Echte Persoon')) problems.push(`${call.label}: shows 98ZZ00's data`);
		}
		expect(problems).toEqual([]);
		expect(await snapshot()).toBe(before);
	});

	it('still reaches its own school (the 404 is about the school, not the account)', async () => {
		for (const url of [`/school/${OTHER_SCHOOL}`, `/school/${OTHER_SCHOOL}/team`, `/school/${OTHER_SCHOOL}/profiel`, `/school/${OTHER_SCHOOL}/wettelijke-taken`]) {
			const response = await get(url, otherAdmin.cookie);
			expect(response.status, url).toBe(200);
			expect(await response.text(), url).toContain('Testschool B');
		}
	});

	it('cannot choose 98ZZ00 team members or reach 98ZZ00 through a lower-case code', async () => {
		const before = await snapshot();
		const lower = await get(`/school/${SCHOOL.toLowerCase()}/team`, otherAdmin.cookie);
		expect(lower.status).toBe(404);
		const member = await post(`/school/${OTHER_SCHOOL}/profiel/coordinator?/save`, { member: seed.personas.coordinator.userId, public: 'on' }, otherAdmin.cookie);
		expect(member.status).toBe(400);
		expect(await member.text()).toContain('Deze persoon hoort niet bij het team. Kies opnieuw.');
		expect(await snapshot()).toBe(before);
	});
});

describe('boards', () => {
	it('a board analyst of another board gets the nonexistent-school 404 on 98ZZ00', async () => {
		for (const p of ['', '/wettelijke-taken']) {
			const response = await get(`/school/${SCHOOL}${p}`, otherBoardAnalyst.cookie);
			const absent = await get(`/school/${NO_SCHOOL}${p}`, otherBoardAnalyst.cookie);
			expect(response.status, p).toBe(404);
			const body = await response.text();
			expect(stripBody(body)).toBe(stripBody(await absent.text()));
			expect(body).not.toContain('Testschool A');
		}
	});

	it('a board analyst of another board does not see 98ZZ00 on /bestuur', async () => {
		const response = await get('/bestuur', otherBoardAnalyst.cookie);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Stichting Ander');
		expect(html).not.toContain('Testschool A');
	});

	it('the board analyst of 98ZZ00’s own board reads the duties (200) but gets 403 on team and profile, and changes nothing', async () => {
		const analyst = seed.personas.board_analyst;
		const duties = await get(`/school/${SCHOOL}/wettelijke-taken`, analyst.cookie);
		expect(duties.status).toBe(200);
		const html = await duties.text();
		expect(html).toContain('Testschool A');
		// Read-only: no links to fill in the profile.
		expect(html).not.toContain('Vul dit in');
		const before = await snapshot();
		const problems: string[] = [];
		for (const call of ADMIN_ONLY_CALLS) {
			const response = await call.send(SCHOOL, analyst.cookie);
			if (response.status !== 403 && response.status !== 404) problems.push(`${call.label}: ${response.status}`);
			if (response.status === 403 && !(await response.text()).includes('Geen toegang')) problems.push(`${call.label}: 403 without the Geen toegang page`);
		}
		expect(problems).toEqual([]);
		expect(await snapshot()).toBe(before);
	});
});

describe('a mentor of 98ZZ00', () => {
	it('gets 403 on every team and profile page and action, and nothing changes', async () => {
		const before = await snapshot();
		const problems: string[] = [];
		for (const call of ADMIN_ONLY_CALLS) {
			const response = await call.send(SCHOOL, seed.personas.mentor.cookie);
			if (response.status !== 403) problems.push(`${call.label}: ${response.status}, expected 403`);
			else if (!(await response.text()).includes('Geen toegang')) problems.push(`${call.label}: no Geen toegang page`);
		}
		expect(problems).toEqual([]);
		expect(await snapshot()).toBe(before);
	});

	it('sees the school home page but not the duties', async () => {
		expect((await get(`/school/${SCHOOL}`, seed.personas.mentor.cookie)).status).toBe(200);
		expect((await get(`/school/${SCHOOL}/wettelijke-taken`, seed.personas.mentor.cookie)).status).toBe(403);
	});
});

describe('platform onboarding pages', () => {
	const adminCalls: Call[] = [
		{ label: 'GET /beheer/scholen', send: (_, cookie) => get('/beheer/scholen?q=Testschool', cookie) },
		{ label: 'GET /beheer/scholen/:code', send: (code, cookie) => get(`/beheer/scholen/${code}`, cookie) },
		{
			label: 'POST ?/inviteSchoolAdmin',
			send: (code, cookie) => post(`/beheer/scholen/${code}?/inviteSchoolAdmin`, { displayName: 'Stiekem', email: `stiekem-${newId()}@example.nl`, locale: 'nl', role: 'school_admin' }, cookie)
		},
		{
			label: 'POST ?/inviteBoard',
			send: (code, cookie) => post(`/beheer/scholen/${code}?/inviteBoard`, { displayName: 'Stiekem', email: `stiekem-${newId()}@example.nl`, locale: 'nl' }, cookie)
		}
	];

	it.each([
		['the admin of the school itself', () => seed.personas.school_admin],
		['another school’s admin', () => otherAdmin],
		['a board analyst', () => seed.personas.board_analyst]
	])('are closed to %s (403), and nothing changes', async (_, who) => {
		const persona = who();
		const before = await snapshot();
		for (const call of adminCalls) {
			for (const code of [SCHOOL, OTHER_SCHOOL]) {
				const response = await call.send(code, persona.cookie);
				expect(response.status, `${call.label} ${code}`).toBe(403);
				expect(await response.text()).toContain('Geen toegang');
			}
		}
		expect(await snapshot()).toBe(before);
	});

	it('let the platform admin invite a school admin and a board account', async () => {
		const admin = seed.personas.platform_admin;
		const page = await get(`/beheer/scholen/${SCHOOL}`, admin.cookie);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Stichting Test');
		const schoolAdminEmail = `eerste-beheerder-${newId()}@example.nl`;
		const invited = await post(`/beheer/scholen/${OTHER_SCHOOL}?/inviteSchoolAdmin`, { displayName: 'Eerste Beheerder', email: schoolAdminEmail, locale: 'nl', role: 'mentor' }, admin.cookie);
		expect(invited.status).toBe(200);
		// Whatever role the form says, this action invites a school admin.
		const row = await seed.db.selectFrom('invitation').selectAll().where('email', '=', schoolAdminEmail).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ role: 'school_admin', school_id: seed.otherSchoolId, board_id: null });
		const boardEmail = `bestuur-${newId()}@example.nl`;
		const board = await post(`/beheer/scholen/${SCHOOL}?/inviteBoard`, { displayName: 'Bestuurder', email: boardEmail, locale: 'nl' }, admin.cookie);
		expect(board.status).toBe(200);
		const boardRow = await seed.db.selectFrom('invitation').selectAll().where('email', '=', boardEmail).executeTakeFirstOrThrow();
		expect(boardRow).toMatchObject({ role: 'board_analyst', school_id: null, board_id: seed.boardId });
		const mails = await seed.db.selectFrom('mail_outbox').select('to_address').where('to_address', 'in', [schoolAdminEmail, boardEmail]).execute();
		expect(mails).toHaveLength(2);
		// 97ZZ00 has no board: nothing to invite.
		const noBoard = await post(`/beheer/scholen/${OTHER_SCHOOL}?/inviteBoard`, { displayName: 'Bestuurder', email: `geen-bestuur-${newId()}@example.nl`, locale: 'nl' }, admin.cookie);
		expect(noBoard.status).toBe(404);
	});
});

describe('staff without a second factor', () => {
	it('a school admin is sent to set it up from every school page and action, and nothing changes', async () => {
		const before = await snapshot();
		const problems: string[] = [];
		for (const call of ALL_CALLS) {
			const response = await call.send(SCHOOL, adminWithoutSecondFactor.cookie);
			if (response.status !== 303 || response.headers.get('location') !== '/account/tweestapsverificatie') {
				problems.push(`${call.label}: ${response.status} ${response.headers.get('location')}`);
			}
		}
		expect(problems).toEqual([]);
		expect(await snapshot()).toBe(before);
	});

	it('a board analyst is sent to set it up from /bestuur and the duties', async () => {
		for (const url of ['/bestuur', `/school/${SCHOOL}/wettelijke-taken`]) {
			const response = await get(url, analystWithoutSecondFactor.cookie);
			expect(response.status, url).toBe(303);
			expect(response.headers.get('location'), url).toBe('/account/tweestapsverificatie');
		}
	});
});

describe('invitations', () => {
	async function invite(email: string, role = 'mentor'): Promise<{ token: string; id: string; response: Response }> {
		const response = await post(`/school/${SCHOOL}/team?/invite`, { displayName: 'Nieuwe Collega', email, locale: 'nl', role }, seed.personas.school_admin.cookie);
		const mail = await seed.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('created_at', 'desc').executeTakeFirst();
		const link = mail?.text_body.match(/(https?:\/\/\S+\/uitnodiging\?token=([A-Za-z0-9_%-]+))/);
		const row = await seed.db.selectFrom('invitation').select('id').where('email', '=', email).orderBy('created_at', 'desc').executeTakeFirst();
		return { token: link ? decodeURIComponent(link[2]!) : '', id: row?.id ?? '', response };
	}

	it('a school admin’s invitation goes out by mail with a working link, and opening it changes nothing', async () => {
		const email = `collega-${newId()}@example.nl`;
		const { token, response } = await invite(email);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(`We hebben een uitnodiging gestuurd naar ${email}.`);
		const mail = await seed.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).executeTakeFirstOrThrow();
		expect(mail.text_body).toContain(`${app.origin}/uitnodiging?token=`);
		expect(mail.subject).toContain('Testschool A');
		expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);

		const before = await snapshot();
		const page = await get(`/uitnodiging?token=${encodeURIComponent(token)}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Testschool A');
		expect(html).toContain(`De uitnodiging is voor ${email}.`);
		expect(html).toContain('Maak uw account');
		expect(page.headers.get('set-cookie')).toBeNull();
		expect(await snapshot()).toBe(before);
	});

	it('the invitee makes an account once: 303 to the second-factor set-up, a session, the role; the link then stops working', async () => {
		const email = `nieuw-${newId()}@example.nl`;
		const { token } = await invite(email, 'coordinator');
		const account = { displayName: 'Nieuwe Coördinator', password: 'groene giraf fietst', passwordConfirm: 'groene giraf fietst', locale: 'nl' };
		const created = await post(`/uitnodiging?token=${encodeURIComponent(token)}&/create`, account);
		expect(created.status).toBe(303);
		expect(created.headers.get('location')).toBe('/account/tweestapsverificatie');
		const cookie = (created.headers.get('set-cookie') ?? '').match(/pw_session=[A-Za-z0-9_-]+/)?.[0];
		expect(cookie).toBeDefined();

		const user = await seed.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
		expect(user.display_name).toBe('Nieuwe Coördinator');
		expect(user.email_verified_at).not.toBeNull();
		const roles = await seed.db.selectFrom('role_assignment').select(['role', 'school_id', 'board_id']).where('user_id', '=', user.id).execute();
		expect(roles).toEqual([{ role: 'coordinator', school_id: seed.schoolId, board_id: null }]);
		// The session works, and the new staff member must set up the second factor first.
		const home = await get(`/school/${SCHOOL}`, cookie);
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toBe('/account/tweestapsverificatie');
		expect((await get('/account/tweestapsverificatie', cookie)).status).toBe(200);

		const users = (await seed.db.selectFrom('app_user').select('id').execute()).length;
		const again = await post(`/uitnodiging?token=${encodeURIComponent(token)}&/create`, { ...account, displayName: 'Iemand Anders' });
		expect(again.status).toBe(400);
		expect(await again.text()).toContain('Deze uitnodiging werkt niet meer.');
		expect(again.headers.get('set-cookie') ?? '').not.toMatch(/pw_session=[A-Za-z0-9_-]{20,}/);
		expect((await seed.db.selectFrom('app_user').select('id').execute()).length).toBe(users);
		const used = await get(`/uitnodiging?token=${encodeURIComponent(token)}`);
		expect(await used.text()).toContain('Deze uitnodiging is al gebruikt.');
	});

	it('a revoked invitation’s link shows the unknown state and cannot be used', async () => {
		const email = `ingetrokken-${newId()}@example.nl`;
		const { token, id } = await invite(email);
		const revoked = await post(`/school/${SCHOOL}/team?/revoke`, { id }, seed.personas.school_admin.cookie);
		expect(revoked.status).toBe(200);
		expect(await revoked.text()).toContain('De link in de uitnodiging werkt niet meer.');
		const page = await get(`/uitnodiging?token=${encodeURIComponent(token)}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Deze link werkt niet.');
		expect(html).not.toContain(email);
		expect(html).not.toContain('Maak uw account');
		const create = await post(`/uitnodiging?token=${encodeURIComponent(token)}&/create`, { displayName: 'Te Laat', password: 'groene giraf fietst', passwordConfirm: 'groene giraf fietst', locale: 'nl' });
		expect(create.status).toBe(400);
		expect(await seed.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
	});

	it.each([
		['no token', ''],
		['a short token', 'abc'],
		['a well-formed unknown token', crypto.randomBytes(32).toString('base64url')],
		['a very long token', 'A'.repeat(5000)],
		['markup', '<script>alert(1)</script>'],
		['a NUL byte', 'abc%00def'],
		['path traversal', '../../etc/passwd'],
		['a broken percent escape', '%E0%A4%A']
	])('%s shows the unknown state (200, no 500)', async (_, token) => {
		const response = await fetch(`${app.origin}/uitnodiging?token=${token.includes('%') ? token : encodeURIComponent(token)}`, { redirect: 'manual', headers: browserHeaders(app.origin) });
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Deze link werkt niet.');
		expect(html).not.toContain('<script>alert');
	});
});
