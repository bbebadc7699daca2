import {pluginOf} from '../../formats/transcripts/lines.js';
import type {Database} from '../store/database.js';
import {scopeFilter, type DayRange, type Scope} from './scope.js';

/**
 * Where a skill's invocations come from (transcripts.md): who triggered them, which source
 * recorded them, and whether the name is a skill or a command. From raw rows with a day range,
 * else from the facets the rollups keep (aggregator.ts): the same figures either way.
 */
export interface SkillOrigins {
	kind: string | null;
	plugin: string | null;
	by_trigger: Array<{trigger: string; total_invocations: number; successful_completions: number; pending_invocations: number}>;
	sources: Array<{source: string; total_invocations: number}>;
}

/** `plugin:name` → `plugin`, as transcripts.md splits it. */
export const pluginOfName = pluginOf;

type Counts = {trigger: string; total_invocations: number; successful_completions: number; pending_invocations: number};

export async function rawOrigins(database: Database, skillName: string, scope: Scope, range?: DayRange): Promise<SkillOrigins> {
	const filter = scopeFilter(scope, range);
	const params = {...filter.params, skill: skillName};
	const rows = `SELECT * FROM skill_usage u WHERE u.skill_name = $skill AND ${filter.sql}`;
	const byTrigger = await database.all<Counts & Record<string, unknown>>(
		`SELECT trigger, count(*) FILTER (WHERE status <> 'pending')::INTEGER AS total_invocations,
			count(*) FILTER (WHERE status = 'succeeded')::INTEGER AS successful_completions,
			count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending_invocations
		FROM (${rows}) GROUP BY trigger ORDER BY total_invocations DESC, trigger`,
		params,
	);
	const sources = await database.all<{source: string; total_invocations: number}>(
		`SELECT source, count(*)::INTEGER AS total_invocations FROM (${rows}) WHERE status <> 'pending'
		GROUP BY source ORDER BY total_invocations DESC, source`,
		params,
	);
	const kind = await database.one<{kind: string}>(`SELECT kind FROM (${rows}) GROUP BY kind ORDER BY count(*) DESC, kind LIMIT 1`, params);
	return {kind: kind?.kind ?? null, plugin: pluginOfName(skillName), by_trigger: byTrigger, sources};
}

export async function profileOrigins(database: Database, skillName: string, scope: Scope): Promise<SkillOrigins> {
	const filter = scopeFilter(scope);
	const params = {...filter.params, skill: skillName};
	const facets = await database.all<{facet: string; value: string; count: number}>(
		`SELECT facet, value, sum(count)::INTEGER AS count FROM skill_facets u
		WHERE u.skill_name = $skill AND facet IN ('trigger_total', 'trigger_succeeded', 'trigger_pending', 'source', 'kind') AND ${filter.sql}
		GROUP BY facet, value`,
		params,
	);
	const triggers = new Map<string, Counts>();
	const counts = (trigger: string) => {
		let entry = triggers.get(trigger);
		if (!entry) {
			entry = {trigger, total_invocations: 0, successful_completions: 0, pending_invocations: 0};
			triggers.set(trigger, entry);
		}

		return entry;
	};

	const sources: SkillOrigins['sources'] = [];
	let kind: {value: string; count: number} | undefined;
	for (const {facet, value, count} of facets) {
		if (facet === 'trigger_total') counts(value).total_invocations = count;
		else if (facet === 'trigger_succeeded') counts(value).successful_completions = count;
		else if (facet === 'trigger_pending') counts(value).pending_invocations = count;
		else if (facet === 'source') sources.push({source: value, total_invocations: count});
		else if (!kind || count > kind.count || (count === kind.count && value < kind.value)) kind = {value, count};
	}

	const byCount = <T extends {total_invocations: number}>(key: (row: T) => string) => (a: T, b: T) => b.total_invocations - a.total_invocations || key(a).localeCompare(key(b));
	return {
		kind: kind?.value ?? null,
		plugin: pluginOfName(skillName),
		by_trigger: [...triggers.values()].sort(byCount(row => row.trigger)),
		sources: sources.sort(byCount(row => row.source)),
	};
}
