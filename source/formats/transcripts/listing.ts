import {isObject, timestampMs} from './lines.js';

type Json = Record<string, unknown>;

/**
 * What the model was offered (transcripts.md, "skill_listing"): each `- name: description` line of
 * a listing is one skill, and a description that ends with `…` was cut to fit the listing budget.
 */
export interface Listed {
	/** The session (a subagent's file: its parent's): a session's listed skills are the union of its listings. */
	sessionId: string;
	skillName: string;
	cut: boolean;
	atMs: number | null;
}

export function listedSkills(line: Json): Listed[] {
	const attachment = line.attachment;
	if (!isObject(attachment) || attachment.type !== 'skill_listing' || typeof attachment.content !== 'string') return [];
	if (typeof line.sessionId !== 'string') return [];
	const sessionId = line.sessionId;
	const atMs = timestampMs(line) ?? null;
	return attachment.content.split('\n').flatMap(text => {
		if (!text.startsWith('- ')) return [];
		const entry = text.slice(2);
		const colon = entry.indexOf(': ');
		const skillName = (colon < 0 ? entry : entry.slice(0, colon)).trim();
		if (skillName === '' || skillName.length > 200) return [];
		return [{sessionId, skillName, cut: colon >= 0 && entry.trimEnd().endsWith('…'), atMs}];
	});
}
