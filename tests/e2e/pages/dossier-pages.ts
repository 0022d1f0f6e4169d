/**
 * Page objects of the parent dossier (issue 5, part 1): the list of children, adding a child, one child's page with
 * its summary, timeline and contacts, writing down and completing an incident, its evidence, contacts with school
 * and their agreements, the step plan, letters, the PDF for the talk, and deleting the dossier. Texts come from messages/nl.json, addresses from src/lib/paths.ts.
 * Every page is also checked for sideways scrolling: the dossier is meant for a phone.
 */
import fs from 'node:fs';
import type { Locator, Page, Response } from '@playwright/test';
import { paths } from '../../../src/lib/paths';
import { formatDate, todayInNetherlands } from '../../../src/lib/i18n/locale';
import { expect } from '../support/fixtures';
import { t } from '../support/messages';
import { arrive, submit } from './common';
import { AccountPage } from './account-pages';
import { expectNoSidewaysScroll, logIn } from './flows';

const main = (page: Page): Locator => page.getByRole('main');

/** Matches exactly this text (Playwright's hasText otherwise matches a part). */
const exactly = (text: string): RegExp => new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');

/** A dossier page: the usual arrival (h1 + checkA11y), and nothing sticks out sideways on a phone. */
async function arriveOnPhone(page: Page, path: string, heading: string): Promise<void> {
	await arrive(page, path, heading);
	await expectNoSidewaysScroll(page);
}

/** The one school in fixtures/duo in Zwolle: a search for the place finds only it. Children only refer to it. */
export const ZWOLLE_SCHOOL = { code: '12ZC00', name: 'Basisschool Het Kompas', place: 'Zwolle' };

// Dates, as the Dutch calendar has them (the app and the browser both use Europe/Amsterdam).

/** yyyy-mm-dd, `days` days before today in the Netherlands. */
export function daysAgo(days: number): string {
	const date = new Date(`${todayInNetherlands()}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() - days);
	return date.toISOString().slice(0, 10);
}

/** yyyy-mm-dd: day `day` of the month before this one. */
export function dayOfLastMonth(day: number): string {
	const [year, month] = todayInNetherlands().split('-').map(Number) as [number, number];
	const date = new Date(Date.UTC(year, month - 2, day, 12));
	return date.toISOString().slice(0, 10);
}

/** The date as the app shows it: "26 november 2026". */
export function shownDate(iso: string): string {
	return formatDate(iso, 'nl');
}

/** Fills in a three-field date (Dag, Maand, Jaar) inside `group`. */
export async function fillDate(group: Locator, iso: string): Promise<void> {
	const [year, month, day] = iso.split('-');
	await group.getByLabel(t('form_date_day'), { exact: true }).fill(String(Number(day)));
	await group.getByLabel(t('form_date_month'), { exact: true }).fill(String(Number(month)));
	await group.getByLabel(t('form_date_year'), { exact: true }).fill(year ?? '');
}

/** The three fields of a date, as they are filled in now. */
export async function dateValue(group: Locator): Promise<{ day: string; month: string; year: string }> {
	return {
		day: await group.getByLabel(t('form_date_day'), { exact: true }).inputValue(),
		month: await group.getByLabel(t('form_date_month'), { exact: true }).inputValue(),
		year: await group.getByLabel(t('form_date_year'), { exact: true }).inputValue()
	};
}

/** The last part of a link's path: the id of a child, incident, contact or attachment. */
export async function idFromLink(link: Locator): Promise<string> {
	const href = await link.getAttribute('href');
	if (!href) throw new Error('The link has no href.');
	return new URL(href, 'http://localhost').pathname.split('/').pop() ?? '';
}

/**
 * The GPS entries of a JPEG's EXIF block (sharp's `metadata().exif`), read by hand: tag number → value (text or
 * rational numbers). Empty when there is no EXIF or no GPS directory. Enough to see a position went in or came out.
 */
export function gpsEntries(exif: Buffer | undefined): Map<number, string | number[]> {
	const found = new Map<number, string | number[]>();
	if (!exif || exif.length < 14) return found;
	const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
	const le = tiff.subarray(0, 2).toString('latin1') === 'II';
	const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
	const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
	const entries = (ifd: number) =>
		Array.from({ length: u16(ifd) }, (_, i) => {
			const at = ifd + 2 + i * 12;
			return { tag: u16(at), type: u16(at + 2), count: u32(at + 4), value: at + 8 };
		});
	const pointer = entries(u32(4)).find((e) => e.tag === 0x8825);
	if (!pointer) return found;
	for (const entry of entries(u32(pointer.value))) {
		if (entry.type === 2) {
			const start = entry.count <= 4 ? entry.value : u32(entry.value);
			found.set(entry.tag, tiff.subarray(start, start + entry.count).toString('latin1').replace(/\0+$/, ''));
		} else if (entry.type === 5) {
			const start = u32(entry.value);
			found.set(entry.tag, Array.from({ length: entry.count }, (_, i) => u32(start + i * 8) / u32(start + i * 8 + 4)));
		}
	}
	return found;
}

/** Logs in (a parent needs no second step), presses "Mijn dossier" on the account page and ends on /dossier. */
export async function openDossier(page: Page, parent: { email: string; password: string }): Promise<DossierPage> {
	await logIn(page, parent.email, parent.password);
	await new AccountPage(page).expectLoaded();
	await main(page).getByRole('link', { name: t('dossier_title'), exact: true }).click();
	const dossier = new DossierPage(page);
	await dossier.expectLoaded();
	return dossier;
}

// The dossier and its children

/** /dossier: the parent's children, each with a link to their dossier. */
export class DossierPage {
	constructor(private readonly page: Page) {}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossier, t('dossier_title'));
	}

	/** The card of a child: a region named by the child's name. */
	child(name: string): Locator {
		return main(this.page).getByRole('region', { name, exact: true });
	}

	async addChild(): Promise<AddChildPage> {
		await main(this.page).getByRole('link', { name: t('dossier_add_child'), exact: true }).click();
		const form = new AddChildPage(this.page);
		await form.expectLoaded();
		return form;
	}

	async openChild(child: { id: string; name: string }): Promise<ChildPage> {
		await this.child(child.name).getByRole('link', { name: child.name, exact: true }).click();
		const page = new ChildPage(this.page, child);
		await page.expectLoaded();
		return page;
	}
}

/** /dossier/kind-toevoegen: name, birth year, year group, and a school found with the search button in the form. */
export class AddChildPage {
	readonly name: Locator;
	readonly birthYear: Locator;
	readonly yearGroup: Locator;
	readonly schoolQuery: Locator;
	readonly schoolChoice: Locator;

	constructor(private readonly page: Page) {
		this.name = page.getByLabel(t('dossier_field_child_name'), { exact: true });
		this.birthYear = page.getByLabel(t('dossier_field_birth_year'), { exact: true });
		this.yearGroup = page.getByLabel(t('dossier_field_year_group'), { exact: true });
		this.schoolQuery = page.getByLabel(t('dossier_field_school_query'), { exact: true });
		this.schoolChoice = page.getByRole('group', { name: t('dossier_field_school_choice'), exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierAddChild, t('dossier_add_child'));
	}

	/** "Zoek de school": a post of the whole form that comes back with the schools found and everything typed kept. */
	async findSchool(query: string): Promise<Response> {
		await this.schoolQuery.fill(query);
		const response = await submit(this.page, main(this.page).getByRole('button', { name: t('dossier_find_school'), exact: true }));
		await this.expectLoaded();
		return response;
	}

	school(school: { name: string; place: string }): Locator {
		return this.schoolChoice.getByRole('radio', { name: `${school.name}, ${school.place}`, exact: true });
	}

	async add(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('dossier_add_child'), exact: true }));
	}
}

/** /dossier/<child>: banners, what to do, the summary, the timeline of incidents (newest first) and the contacts. */
export class ChildPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string }
	) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.dossierChild(this.child.id));
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierChild(this.child.id), t('dossier_child_title', { name: this.child.name }));
	}

	/** The line under the title: year group and school. */
	lead(): Locator {
		return main(this.page).locator('p.lead');
	}

	/** The banner "Afspraken om na te kijken" (a region, not an alert: it is no answer to something just done). */
	overdueBanner(): Locator {
		return main(this.page).getByRole('region', { name: t('dossier_overdue_title'), exact: true });
	}

	/** The lines of the summary ("Overzicht"). */
	summary(): Locator {
		return main(this.page).locator('h2', { hasText: exactly(t('dossier_summary_title')) }).locator('xpath=following-sibling::ul[1]').getByRole('listitem');
	}

	/** The incidents of the timeline, as their headings (the date, "rond" for an approximate one), in page order. */
	timeline(): Locator {
		return main(this.page)
			.locator('h2', { hasText: exactly(t('dossier_timeline_title')) })
			.locator('xpath=following-sibling::ol[1]')
			.getByRole('heading', { level: 3 });
	}

	/** One incident of the timeline, by its heading. */
	incident(heading: string): Locator {
		return main(this.page).getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 3, name: heading, exact: true }) });
	}

	/** The contacts with school, as their headings ("<date>: Leerkracht of docent (name)"). */
	contacts(): Locator {
		return main(this.page)
			.locator('h2', { hasText: exactly(t('dossier_contacts_title')) })
			.locator('xpath=following-sibling::ol[1]')
			.getByRole('listitem');
	}

	/** The filter form above the timeline (GET: vorm, van, tot). */
	filterForm(): Locator {
		return main(this.page).getByRole('form', { name: t('dossier_filter_label') });
	}

	async filterByForm(formLabel: string): Promise<void> {
		const form = this.filterForm();
		await form.getByLabel(t('dossier_filter_form'), { exact: true }).selectOption({ label: formLabel });
		await form.getByRole('button', { name: t('dossier_filter_button'), exact: true }).click();
		await expect(this.page).toHaveURL((url) => url.pathname === paths.dossierChild(this.child.id) && url.searchParams.has('vorm'));
		await this.expectLoaded();
	}

	async clearFilter(): Promise<void> {
		await this.filterForm().getByRole('link', { name: t('dossier_filter_clear'), exact: true }).click();
		await expect(this.page).toHaveURL((url) => url.pathname === paths.dossierChild(this.child.id) && url.search === '');
		await this.expectLoaded();
	}

	async newIncident(): Promise<NewIncidentPage> {
		await main(this.page).getByRole('link', { name: t('dossier_incident_new'), exact: true }).click();
		const form = new NewIncidentPage(this.page, this.child);
		await form.expectLoaded();
		return form;
	}

	async openIncident(heading: string, date: string): Promise<IncidentPage> {
		const link = main(this.page).getByRole('link', { name: heading, exact: true });
		const id = await idFromLink(link);
		await link.click();
		const incident = new IncidentPage(this.page, this.child, id, date);
		await incident.expectLoaded();
		return incident;
	}

	async newContact(): Promise<NewContactPage> {
		await main(this.page).getByRole('link', { name: t('dossier_contact_new'), exact: true }).click();
		const form = new NewContactPage(this.page, this.child);
		await form.expectLoaded();
		return form;
	}

	async openStepPlan(): Promise<StepPlanPage> {
		await main(this.page).getByRole('link', { name: t('step_plan'), exact: true }).click();
		const plan = new StepPlanPage(this.page, this.child);
		await plan.expectLoaded();
		return plan;
	}

	async openLetters(): Promise<LettersPage> {
		await main(this.page).getByRole('link', { name: t('dossier_letters_link'), exact: true }).click();
		const letters = new LettersPage(this.page, this.child);
		await letters.expectLoaded();
		return letters;
	}

	async openPdf(): Promise<DossierPdfPage> {
		await main(this.page).getByRole('link', { name: t('dossier_pdf_link'), exact: true }).click();
		const pdf = new DossierPdfPage(this.page, this.child);
		await pdf.expectLoaded();
		return pdf;
	}

	/** "Download alles als zip-bestand": a link with the download attribute. */
	async downloadExport(): Promise<Downloaded> {
		return download(this.page, main(this.page).getByRole('link', { name: t('dossier_export'), exact: true }));
	}

	async openDelete(): Promise<DeleteDossierPage> {
		await main(this.page).getByRole('link', { name: t('dossier_delete_link', { name: this.child.name }), exact: true }).click();
		const form = new DeleteDossierPage(this.page, this.child);
		await form.expectLoaded();
		return form;
	}
}

/** A file the browser saved: its suggested name and its bytes. */
export interface Downloaded {
	name: string;
	bytes: Buffer;
}

/** Clicks a link or button that answers with an attachment, and reads the file the browser saved. */
export async function download(page: Page, trigger: Locator): Promise<Downloaded> {
	const started = page.waitForEvent('download');
	await trigger.click();
	const file = await started;
	const saved = await file.path();
	return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
}

// Incidents

/** /dossier/<child>/voorval/nieuw: the quick entry. */
export class NewIncidentPage {
	readonly date: Locator;
	readonly approximate: Locator;
	readonly whatHappened: Locator;

	constructor(
		private readonly page: Page,
		private readonly child: { id: string; name: string }
	) {
		this.date = page.getByRole('group', { name: t('dossier_field_date'), exact: true });
		this.approximate = page.getByRole('checkbox', { name: t('dossier_field_approximate'), exact: true });
		this.whatHappened = page.getByLabel(t('dossier_field_what_happened'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierIncidentNew(this.child.id), t('dossier_incident_new_title', { name: this.child.name }));
	}

	form(formLabel: string): Locator {
		return this.page.getByRole('group', { name: t('dossier_field_forms'), exact: true }).getByRole('checkbox', { name: formLabel, exact: true });
	}

	physicalViolence(answer: 'yes' | 'no'): Locator {
		return this.page
			.getByRole('group', { name: t('dossier_field_physical_violence'), exact: true })
			.getByRole('radio', { name: t(answer === 'yes' ? 'form_yes' : 'form_no'), exact: true });
	}

	async save(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('dossier_incident_save'), exact: true }));
	}
}

/** /dossier/<child>/voorval/<id>: what is known, as a summary list, and the way to more details and evidence. */
export class IncidentPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string },
		readonly id: string,
		/** The heading's date: "15 oktober 2026", or "rond …" for an approximate one. */
		readonly shown: string
	) {}

	async goto(): Promise<void> {
		await this.page.goto(paths.dossierIncident(this.child.id, this.id));
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierIncident(this.child.id, this.id), t('dossier_incident_title', { date: this.shown }));
	}

	value(key: string): Locator {
		return main(this.page)
			.locator('.summary-list__row', { has: this.page.locator('dt', { hasText: exactly(key) }) })
			.locator('.summary-list__value');
	}

	async edit(): Promise<EditIncidentPage> {
		await main(this.page).getByRole('link', { name: t('dossier_incident_edit'), exact: true }).click();
		const form = new EditIncidentPage(this.page, this.child, this.id);
		await form.expectLoaded();
		return form;
	}

	/** "Bewijs toevoegen", or "Bewijs: n" once there is some. */
	evidenceLink(): Locator {
		return main(this.page).getByRole('link', { name: new RegExp(`^(${t('dossier_attachments_add')}|${t('dossier_attachments_count', { count: '\\d+' })})$`) });
	}

	async openEvidence(): Promise<EvidencePage> {
		await this.evidenceLink().click();
		const evidence = new EvidencePage(this.page, this.child, this.id);
		await evidence.expectLoaded();
		return evidence;
	}
}

/** /dossier/<child>/voorval/<id>/wijzigen: every detail of an incident. */
export class EditIncidentPage {
	readonly date: Locator;
	readonly perpetrators: Locator;
	readonly absenceDays: Locator;

	constructor(
		private readonly page: Page,
		private readonly child: { id: string; name: string },
		private readonly id: string
	) {
		this.date = page.getByRole('group', { name: t('dossier_field_date'), exact: true });
		this.perpetrators = page.getByLabel(t('dossier_field_perpetrators'), { exact: true });
		this.absenceDays = page.getByLabel(t('dossier_field_absence_days'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierIncidentEdit(this.child.id, this.id), t('dossier_incident_edit'));
	}

	place(label: string): Locator {
		return this.page.getByRole('group', { name: t('dossier_field_place'), exact: true }).getByRole('radio', { name: label, exact: true });
	}

	async save(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('profile_save'), exact: true }));
	}

	async cancel(): Promise<void> {
		await main(this.page).getByRole('link', { name: t('profile_cancel'), exact: true }).click();
	}
}

/** /dossier/<child>/voorval/<id>/bijlagen: the evidence files and the upload form. */
export class EvidencePage {
	readonly files: Locator;

	constructor(
		private readonly page: Page,
		private readonly child: { id: string },
		private readonly incidentId: string
	) {
		this.files = page.getByLabel(t('evidence_field_files'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierAttachments(this.child.id, this.incidentId), t('evidence_title'));
	}

	async upload(files: string[]): Promise<Response> {
		await this.files.setInputFiles(files);
		const response = await submit(this.page, main(this.page).getByRole('button', { name: t('evidence_upload_button'), exact: true }));
		await this.expectLoaded();
		return response;
	}

	/** The list item of a stored file, by its name. */
	item(name: string): Locator {
		return main(this.page).getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 3, name, exact: true }) });
	}

	fact(name: string, key: string): Locator {
		return this.item(name)
			.locator('.summary-list__row', { has: this.page.locator('dt', { hasText: exactly(key) }) })
			.locator('.summary-list__value');
	}

	downloadLink(name: string): Locator {
		return this.item(name).getByRole('link', { name: `${t('evidence_download')} ${name}`, exact: true });
	}

	/** The thumbnail has alt="" (the name is the heading beside it), so it has no role to find it by. */
	thumbnail(name: string): Locator {
		return this.item(name).locator('img');
	}
}

// Contacts with school

/** /dossier/<child>/contact/nieuw: who, how, what was said, and up to three agreements with a follow-up day. */
export class NewContactPage {
	readonly date: Locator;
	readonly personName: Locator;
	readonly summary: Locator;

	constructor(
		private readonly page: Page,
		private readonly child: { id: string; name: string }
	) {
		this.date = page.getByRole('group', { name: t('dossier_field_contact_date'), exact: true });
		this.personName = page.getByLabel(t('dossier_field_person_name'), { exact: true });
		this.summary = page.getByLabel(t('dossier_field_contact_summary'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierContactNew(this.child.id), t('dossier_contact_new'));
	}

	rung(rungKey: string): Locator {
		return this.page.getByRole('group', { name: t('dossier_field_rung'), exact: true }).getByRole('radio', { name: t(`rung_${rungKey}`), exact: true });
	}

	channel(channelKey: string): Locator {
		return this.page.getByRole('group', { name: t('dossier_field_channel'), exact: true }).getByRole('radio', { name: t(`channel_${channelKey}`), exact: true });
	}

	/** Slot `n` (1–3): "Afspraak n". */
	async agreement(n: number, description: string, followUp?: string): Promise<void> {
		const slot = this.page.getByRole('group', { name: t('dossier_agreement_number', { n }), exact: true });
		await slot.getByLabel(t('dossier_field_agreement'), { exact: true }).fill(description);
		if (followUp) await fillDate(slot.getByRole('group', { name: t('dossier_field_follow_up'), exact: true }), followUp);
	}

	async save(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('dossier_incident_save'), exact: true }));
	}
}

/** /dossier/<child>/contact/<id>: the contact, each agreement with its state and a calendar file. */
export class ContactPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string },
		readonly id: string,
		private readonly contactedOn: string
	) {}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierContact(this.child.id, this.id), t('dossier_contact_title', { date: shownDate(this.contactedOn) }));
	}

	value(key: string): Locator {
		return main(this.page)
			.locator('.summary-list__row', { has: this.page.locator('dt', { hasText: exactly(key) }) })
			.locator('.summary-list__value');
	}

	/** Agreement `n` (1-based): a region named "Afspraak n". */
	agreement(n: number): Locator {
		return main(this.page).getByRole('region', { name: t('dossier_agreement_number', { n }), exact: true });
	}

	status(n: number, statusKey: string): Locator {
		return this.agreement(n)
			.getByRole('group', { name: t('dossier_agreement_status'), exact: true })
			.getByRole('radio', { name: t(`agreement_status_${statusKey}`), exact: true });
	}

	calendarLink(n: number): Locator {
		return this.agreement(n).getByRole('link', { name: t('dossier_agreement_calendar'), exact: true });
	}

	async backToChild(): Promise<ChildPage> {
		await main(this.page).getByRole('navigation', { name: t('breadcrumb_label') }).getByRole('link', { name: this.child.name, exact: true }).click();
		const child = new ChildPage(this.page, this.child);
		await child.expectLoaded();
		return child;
	}
}

// The step plan

/** /dossier/<child>/stappenplan: 113 first, the suggested steps with their reasons, then every step with its state. */
export class StepPlanPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string }
	) {}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierStepPlan(this.child.id), t('step_plan_title', { name: this.child.name }));
	}

	/** The panel "Gaat het heel slecht?" with 113 and 112. */
	urgentPanel(): Locator {
		return main(this.page).getByRole('complementary', { name: t('urgent_title'), exact: true });
	}

	/** The suggested steps under "Wat kunt u nu doen?", as their headings, most urgent first. */
	suggestions(): Locator {
		return main(this.page).locator('section.card').getByRole('heading', { level: 3 });
	}

	/** One suggested step: a region named by the step. */
	suggestion(stepKey: string): Locator {
		return main(this.page).getByRole('region', { name: t(`step_${stepKey}`), exact: true });
	}

	async skip(stepKey: string): Promise<Response> {
		const response = await submit(this.page, this.suggestion(stepKey).getByRole('button', { name: `${t('step_skip')} ${t(`step_${stepKey}`)}`, exact: true }));
		await this.expectLoaded();
		return response;
	}

	/** A step in "Alle stappen", with its state. */
	step(stepKey: string): Locator {
		return main(this.page)
			.locator('ol.step-list > li')
			.filter({ has: this.page.locator('strong', { hasText: exactly(t(`step_${stepKey}`)) }) });
	}
}

// Letters

/** /dossier/<child>/brieven: the six letters, each with when to use it. */
export class LettersPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string }
	) {}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierLetters(this.child.id), t('dossier_letters_title', { name: this.child.name }));
	}

	/** "Schrijf deze brief" in the card of one letter, in the page language (the link's hidden text adds the title). */
	async openLetter(letterId: string): Promise<LetterPage> {
		const title = t(`letter_${letterId.replace(/-/g, '_')}_title`);
		const card = main(this.page).getByRole('listitem').filter({ has: this.page.getByRole('heading', { level: 2, name: title, exact: true }) });
		await card.getByRole('link', { name: t('dossier_letter_write') }).click();
		const letter = new LetterPage(this.page, this.child, letterId, title);
		await letter.expectLoaded();
		return letter;
	}
}

/** /dossier/<child>/brieven/<letter>: the letter filled in, to edit; after "Klaarzetten" the card ready to copy. */
export class LetterPage {
	readonly subject: Locator;
	readonly body: Locator;

	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string },
		readonly letterId: string,
		readonly title: string
	) {
		this.subject = main(page).getByLabel(t('dossier_letter_subject'), { exact: true });
		this.body = main(page).getByLabel(t('dossier_letter_body'), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, `${paths.dossierLetters(this.child.id)}/${this.letterId}`, this.title);
	}

	/** "Klaarzetten om te kopiëren": checks the text and shows it in the ready card. */
	async preview(): Promise<Response> {
		const response = await submit(this.page, main(this.page).getByRole('button', { name: t('dossier_letter_preview'), exact: true }));
		await this.expectLoaded();
		return response;
	}

	/** The card "Klaar om te kopiëren". */
	ready(): Locator {
		return main(this.page).getByRole('region', { name: t('dossier_letter_ready_title'), exact: true });
	}

	readySubject(): Locator {
		return this.ready().getByLabel(t('dossier_letter_ready_subject'), { exact: true });
	}

	readyBody(): Locator {
		return this.ready().getByLabel(t('dossier_letter_ready_body'), { exact: true });
	}

	/** "Download als PDF" in the ready card: the text shown there, as a PDF. */
	async downloadPdf(): Promise<Downloaded> {
		return download(this.page, this.ready().getByRole('button', { name: t('dossier_letter_download_pdf'), exact: true }));
	}
}

// The PDF for the talk, and deleting the dossier

/** /dossier/<child>/pdf: the period and the parts, then "PDF maken" (a download). */
export class DossierPdfPage {
	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string }
	) {}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierPdf(this.child.id), t('dossier_pdf_title'));
	}

	async make(): Promise<Downloaded> {
		return download(this.page, main(this.page).getByRole('button', { name: t('dossier_pdf_button'), exact: true }));
	}
}

/** /dossier/<child>/verwijderen: type the child's name, then "Dossier voorgoed verwijderen". */
export class DeleteDossierPage {
	readonly confirmName: Locator;

	constructor(
		private readonly page: Page,
		readonly child: { id: string; name: string }
	) {
		this.confirmName = main(page).getByLabel(t('dossier_delete_type_name', { name: child.name }), { exact: true });
	}

	async expectLoaded(): Promise<void> {
		await arriveOnPhone(this.page, paths.dossierDelete(this.child.id), t('dossier_delete_title', { name: this.child.name }));
	}

	async delete(): Promise<Response> {
		return submit(this.page, main(this.page).getByRole('button', { name: t('dossier_delete_button'), exact: true }));
	}
}
