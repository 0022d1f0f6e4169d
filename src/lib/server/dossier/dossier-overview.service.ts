/**
 * What the dossier page of one child shows: the child, a page of its timeline with the summary, and the contacts
 * with school. One access check and one data key for the three (each service on its own would check and unwrap
 * again), and only what the page shows is read and opened: this page is the one a parent opens most.
 */
import type { Db } from '../db/connect';
import type { Actor } from '../auth/actor';
import type { TimelineFilter } from '../../dossier/dossier';
import { requireChild } from './dossier-access';
import { childViewOf, type ChildView } from './child.service';
import { timelinePageOf, type TimelinePage, type TimelinePaging } from './incident.service';
import { contactsOf, type ContactView } from './contact.service';

export interface DossierOverview {
	child: ChildView;
	timeline: TimelinePage;
	contacts: ContactView[];
}

export async function getDossierOverview(db: Db, actor: Actor | undefined, childId: string, filter: TimelineFilter, paging: TimelinePaging): Promise<DossierOverview> {
	const child = await requireChild(db, actor, childId);
	const [timeline, contacts] = await Promise.all([timelinePageOf(db, child, filter, paging), contactsOf(db, child)]);
	return { child: await childViewOf(db, child, timeline.summary.count), timeline, contacts };
}
