import * as m from '$lib/paraglide/messages';
import type { HelpAudience, HelpTopic } from '$lib/help/help-directory';

/** Names of the help directory's audiences and topics in the user's language. */
export const audienceName: Record<HelpAudience, () => string> = {
	child: m.help_audience_child,
	young_person: m.help_audience_young_person,
	parent: m.help_audience_parent,
	school: m.help_audience_school
};

export const topicName: Record<HelpTopic, () => string> = {
	bullying: m.help_topic_bullying,
	online: m.help_topic_online,
	violence: m.help_topic_violence,
	sexual_images: m.help_topic_sexual_images,
	suicidal_thoughts: m.help_topic_suicidal_thoughts,
	complaint_school: m.help_topic_complaint_school
};
