/**
 * The personal step plan of one child: the facts from the dossier go into planSteps (src/lib/dossier/step-plan.ts),
 * and each step is filled with the real people the child's school published (school profile), or with the help
 * directory for steps outside the school. Where nothing is known, the page says what to ask for instead.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import { NotFoundError } from '../errors';
import { nowIso } from '../auth/tokens';
import { recordAudit } from '../audit/audit.service';
import { requireChild } from './dossier-access';
import { findPublicHelp } from '../help/help-directory.service';
import { findPublicProfile, type PublicContact, type PublicProfile } from '../schools/school-profile.service';
import { BULLYING_FORMS, type BullyingForm } from '../../dossier/dossier';
import { isOverdue } from '../../dossier/contacts';
import { isLadderStep, planSteps, schoolHandlingFacts, type LadderStep, type ReportHandling, type StepPlan } from '../../dossier/step-plan';
import { todayInNetherlands, type Locale } from '../../i18n/locale';
import type { PublicHelpResource } from '../../help/help-directory';

/** Which help directory record helps with a step outside the school (ids of ../shared/data/help-directory.json). */
const HELP_FOR_STEP: Partial<Record<LadderStep, string[]>> = {
	vertrouwensinspecteur: ['vertrouwensinspecteurs'],
	kinderombudsman: ['kinderombudsman'],
	politie: ['politie'],
	inspectie: ['loket-onderwijsinspectie'],
	klacht: ['onderwijsgeschillen-lkc']
};

/** Which published person of the school a step is about. */
function schoolPerson(step: LadderStep, profile: PublicProfile | undefined): PublicContact | undefined {
	const find = (kind: PublicContact['kind']) => profile?.contacts.find((c) => c.kind === kind);
	switch (step) {
		case 'aanspreekpunt':
			return find('aanspreekpunt');
		case 'vertrouwenspersoon':
			return find('vertrouwenspersoon_internal');
		case 'vertrouwenspersoon_extern':
			return find('vertrouwenspersoon_external');
		case 'zorgcoordinator':
			return find('zorgcoordinator');
		case 'coordinator':
			return profile?.coordinatorIsAanspreekpunt ? find('aanspreekpunt') : find('coordinator');
		case 'mr':
			return find('mr');
		default:
			return undefined;
	}
}

export interface StepPlanView extends StepPlan {
	school: { code: string; name: string } | null;
	people: Partial<Record<LadderStep, PublicContact>>;
	help: Partial<Record<LadderStep, PublicHelpResource[]>>;
	/** Helpwanted, for private images shared (shown with the images reason). */
	imagesHelp: PublicHelpResource | undefined;
	complaints: PublicProfile['complaints'];
}

/**
 * `reports` is what the school did with the reports sent from this dossier (cases/case-for-reporter.ts, read by the
 * caller, as the dossier does not reach into the school's cases): how many there are, and each that became a case.
 */
export async function getStepPlan(
	db: Db,
	actor: Actor | undefined,
	childId: string,
	locale: Locale,
	reports: { count: number; cases: readonly ReportHandling[] } = { count: 0, cases: [] }
): Promise<StepPlanView> {
	const child = await requireChild(db, actor, childId);
	const [incidents, contacts, agreements, skips, school] = await Promise.all([
		db.selectFrom('incident').select(['occurred_on', 'forms', 'physical_violence', 'impact_physical', 'absence_days']).where('child_id', '=', child.id).execute(),
		db.selectFrom('dossier_contact').select('rung').where('child_id', '=', child.id).execute(),
		db.selectFrom('agreement').select(['status', 'follow_up_on']).where('child_id', '=', child.id).execute(),
		db.selectFrom('step_skip').select('step').where('child_id', '=', child.id).execute(),
		child.school_id ? db.selectFrom('school').select(['vestigingscode', 'name', 'sector']).where('id', '=', child.school_id).executeTakeFirst() : undefined
	]);
	const forms = new Set<BullyingForm>();
	for (const incident of incidents) {
		try {
			for (const form of JSON.parse(incident.forms) as string[]) if ((BULLYING_FORMS as readonly string[]).includes(form)) forms.add(form as BullyingForm);
		} catch {
			// A damaged list counts as no forms.
		}
	}
	const today = todayInNetherlands();
	const plan = planSteps({
		incidentCount: incidents.length,
		physicalViolence: incidents.some((i) => Number(i.physical_violence) === 1),
		physicalComplaints: incidents.some((i) => Boolean(i.impact_physical)),
		absenceDays: incidents.reduce((sum, i) => sum + Number(i.absence_days ?? 0), 0),
		forms: [...forms],
		contactRungs: contacts.map((c) => c.rung as never),
		agreementNotKept: agreements.some((a) => a.status === 'broken' || isOverdue({ status: a.status, followUpOn: a.follow_up_on }, today)),
		skipped: skips.map((s) => s.step).filter(isLadderStep),
		secondary: school?.sector === 'vo' || /^klas-/.test(child.year_group ?? ''),
		school: schoolHandlingFacts(
			reports.count,
			reports.cases,
			incidents.map((i) => i.occurred_on)
		)
	});
	const profile = school ? await findPublicProfile(db, school.vestigingscode) : undefined;
	const people: StepPlanView['people'] = {};
	const help: StepPlanView['help'] = {};
	for (const { step } of plan.steps) {
		const person = schoolPerson(step, profile);
		if (person) people[step] = person;
		const ids = HELP_FOR_STEP[step];
		if (ids) help[step] = (await Promise.all(ids.map((id) => findPublicHelp(db, id, locale)))).filter((h): h is PublicHelpResource => h !== undefined);
	}
	return {
		...plan,
		school: school ? { code: school.vestigingscode, name: school.name } : null,
		people,
		help,
		imagesHelp: forms.has('online_private_images') ? await findPublicHelp(db, 'helpwanted', locale) : undefined,
		complaints: profile?.complaints ?? null
	};
}

/** Marks a step "not for us", or takes that back. */
export async function setStepSkipped(db: Db, actor: Actor | undefined, childId: string, step: string, skipped: boolean): Promise<void> {
	const child = await requireChild(db, actor, childId);
	if (!isLadderStep(step)) throw new NotFoundError();
	if (skipped) {
		await db.insertInto('step_skip').values({ child_id: child.id, step, created_at: nowIso() }).onConflict((oc) => oc.columns(['child_id', 'step']).doNothing()).execute();
	} else {
		await db.deleteFrom('step_skip').where('child_id', '=', child.id).where('step', '=', step).execute();
	}
	await recordAudit(db, { actorUserId: actor!.userId, action: skipped ? 'step.skip' : 'step.unskip', subjectType: 'child', subjectId: child.id, detail: { step } });
}
