import type {InstalledEvidence} from '../../domain/inventory-advice.js';
import {outcomesKnown} from '../../domain/metrics.js';
import {interruptedAdvice, rarelyPickedAdvice, worseVersionAdvice, type OutcomeAdvice} from '../../domain/outcome-advice.js';
import type {Database} from '../store/database.js';
import {projectFilter, type Scope} from './scope.js';
import type {SkillRow} from './top.js';
import {skillVersions} from './versions/versions.js';

/*
 * recommend's advice from outcomes and versions (issue 20; rules: domain/outcome-advice.ts): a
 * latest version worse than the one before it, a skill often interrupted, an installed skill the
 * model may call that the user types nearly every time.
 */

/** Skills of the scope with two texts or more: the only ones whose versions can differ. */
async function editedSkills(database: Database, scope: Scope): Promise<string[]> {
	const filter = projectFilter(scope, 'u');
	const rows = await database.all<{skill_name: string}>(
		`SELECT skill_name FROM skill_usage u WHERE ${filter.sql} AND source = 'claude-code' AND fingerprint IS NOT NULL
		GROUP BY skill_name HAVING count(DISTINCT fingerprint) >= 2 ORDER BY skill_name`,
		filter.params,
	);
	return rows.map(row => row.skill_name);
}

/** The version in use now against the one before it: advice when it is worse (an earlier worse version was since replaced). */
async function worseVersions(database: Database, scope: Scope, installed: readonly InstalledEvidence[]): Promise<OutcomeAdvice[]> {
	const found: OutcomeAdvice[] = [];
	for (const skill of await editedSkills(database, scope)) {
		const runsCommands = installed.some(file => file.skill_name === skill && file.runs_commands === true);
		const {versions} = await skillVersions(database, skill, {scope, runsCommands, lineChanges: false});
		const latest = versions.at(-1);
		const previous = versions.at(-2);
		if (!latest || !previous || latest.verdict !== 'worse' || latest.clean_rate === null || previous.clean_rate === null) continue;
		found.push(worseVersionAdvice(skill, {
			label: latest.label,
			compared_with: previous.label,
			clean_rate: latest.clean_rate,
			previous_clean_rate: previous.clean_rate,
			p_value: latest.p_value!,
			diffable: latest.fingerprint !== null && previous.fingerprint !== null,
		}));
	}

	return found;
}

/** Per skill, its finished uses read from transcripts and how many of them the user typed. */
async function typedUses(database: Database, scope: Scope): Promise<Map<string, {typed: number; uses: number}>> {
	const filter = projectFilter(scope, 'u');
	const rows = await database.all<{skill_name: string; typed: number; uses: number}>(
		`SELECT skill_name, count(*) FILTER (WHERE trigger = 'user')::INTEGER AS typed, count(*)::INTEGER AS uses
		FROM skill_usage u WHERE ${filter.sql} AND source = 'claude-code' AND status <> 'pending' GROUP BY skill_name`,
		filter.params,
	);
	return new Map(rows.map(row => [row.skill_name, {typed: row.typed, uses: row.uses}]));
}

export async function outcomeRecommendations(database: Database, options: {scope: Scope; skills: readonly SkillRow[]; installed?: readonly InstalledEvidence[]}): Promise<OutcomeAdvice[]> {
	const installed = options.installed ?? [];
	const found = await worseVersions(database, options.scope, installed);
	for (const row of options.skills) {
		const advice = interruptedAdvice(row.skill_name, row.interrupted, outcomesKnown(row));
		if (advice) found.push(advice);
	}

	if (installed.length === 0) return found;
	const typed = await typedUses(database, options.scope);
	const seen = new Set<string>();
	for (const skill of installed) {
		const uses = typed.get(skill.skill_name);
		if (skill.kind !== 'skill' || skill.model_invocable !== true || !uses || seen.has(skill.skill_name)) continue;
		seen.add(skill.skill_name);
		const advice = rarelyPickedAdvice(skill.skill_name, uses.typed, uses.uses, skill.path);
		if (advice) found.push(advice);
	}

	return found;
}
