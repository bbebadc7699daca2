import type {InstalledFile} from '../../formats/skills/files.js';

/*
 * The inventory's rules (issue 13), pure: a skill's state from its last use, which of two
 * installed entries of one name wins, and what the skill listing of every session costs.
 */

export const STALE_DAYS = 30;
/** Claude Code stops listing skills past roughly this many characters of descriptions. */
export const LISTING_BUDGET = 15_000;

export const STATES = ['active', 'stale', 'never-picked', 'never-used'] as const;
export type SkillState = (typeof STATES)[number];

const DAY_MS = 86_400_000;

/**
 * Never used → never-used; listed to the model in sessions that recorded a listing and never
 * picked by it there (only typed: issue 21) → never-picked; last used more than 30 days before
 * `now` → stale; else active. Never-used comes first: it says more (neither you nor the model).
 */
export function stateOf(invocations: number, lastUsed: string | null, now: Date, exposure: {sessions_listed: number; sessions_model_invoked: number} = {sessions_listed: 0, sessions_model_invoked: 0}): SkillState {
	if (invocations === 0 || lastUsed === null) return 'never-used';
	if (exposure.sessions_listed > 0 && exposure.sessions_model_invoked === 0) return 'never-picked';
	return Date.parse(lastUsed) < now.getTime() - STALE_DAYS * DAY_MS ? 'stale' : 'active';
}

/** Characters as a person counts them (code points, not UTF-16 units). */
export const charCount = (text: string | null) => (text === null ? 0 : [...text].length);

/** What every session carries: the descriptions of the user and plugin skills. */
export function listingChars(files: readonly InstalledFile[]): number {
	return files.filter(file => file.kind === 'skill' && file.scope !== 'project').reduce((sum, file) => sum + charCount(file.description), 0);
}

/*
 * Precedence, as Claude Code documents it: a skill beats a command of the same name, and a
 * personal (user) entry beats a project one. Plugin names carry their plugin's prefix, so they
 * meet only the same plugin installed twice, where the first install listed is taken.
 */
const SCOPE_RANK = {user: 0, project: 1, plugin: 2} as const;
const rank = (file: InstalledFile) => (file.kind === 'skill' ? 0 : 10) + SCOPE_RANK[file.scope];
const PRECEDENCE = 'a skill wins over a command, then user over project';

/** Entries that can be in one session: project entries meet those of their own project only. */
const meet = (a: InstalledFile, b: InstalledFile) => a.scope !== 'project' || b.scope !== 'project' || a.project === b.project;

function describe(file: InstalledFile, projectName: (key: string) => string): string {
	const where = file.scope === 'project' && file.project !== null ? `project ${projectName(file.project)}` : file.scope;
	return `the ${where} ${file.kind} at ${file.path}`;
}

/** Adds a `same_name` problem to every entry that shares its name with another it can meet, saying which wins. */
export function markSameNames(files: readonly InstalledFile[], projectName: (key: string) => string): void {
	const byName = new Map<string, InstalledFile[]>();
	for (const file of files) byName.set(file.skill_name, [...(byName.get(file.skill_name) ?? []), file]);
	for (const group of byName.values()) {
		if (group.length < 2) continue;
		for (const file of group) {
			const rivals = group.filter(other => other !== file && meet(file, other));
			if (rivals.length === 0) continue;
			const winner = group.filter(other => other === file || meet(file, other)).reduce((best, other) => (rank(other) < rank(best) ? other : best));
			const message = winner === file
				? `"${file.skill_name}" is also ${rivals.map(other => describe(other, projectName)).join(', ')}; this one wins (${PRECEDENCE})`
				: `"${file.skill_name}" is also ${describe(winner, projectName)}, which wins (${PRECEDENCE})`;
			file.problems.push({type: 'same_name', message});
		}
	}
}
