import {ensureAggregates} from '../data/aggregator.js';
import type {Database} from '../data/database.js';
import {scopeJson, type Scope} from '../data/queries/scope.js';
import {topSkills, type SkillRow} from '../data/queries/top.js';
import {HIGH_FOLLOWUP_RATE, LOW_SUCCESS_RATE, MIN_INVOCATIONS_TO_JUDGE, TARGET_SUCCESS_RATE} from '../domain/insights.js';
import {ALL_BUCKET} from '../domain/time-window.js';

/*
 * A minimal recommendation engine, until the real one (its own issue) exists: each finding is
 * one of the per-skill insights (source/domain/insights.ts, same thresholds) over the all-time
 * rollups, with the numbers behind it. No skill sequences, no prediction.
 */

export type RecommendationKind = 'low_success_rate' | 'below_target' | 'high_followup_rate';

export interface Recommendation {
	priority: 'high' | 'medium';
	kind: RecommendationKind;
	skill_name: string;
	finding: string;
	suggestion: string;
	total_invocations: number;
	successful_completions: number;
	failed_invocations: number;
	success_rate: number | null;
	avg_followup_actions: number | null;
	avg_duration_ms: number | null;
	last_used: string | null;
}

export interface RecommendationsReport {
	project: {project_id: string; project_name: string} | null;
	window: 'all';
	method: string;
	thresholds: {min_invocations: number; low_success_rate: number; target_success_rate: number; high_followup_rate: number};
	skills_considered: number;
	/** Skills with fewer finished invocations than `min_invocations`: not judged. */
	too_few_invocations: string[];
	recommendations: Recommendation[];
}

const METHOD =
	'Per-skill insights over all-time rollups: success rate under low_success_rate is high priority, under target_success_rate medium; '
	+ 'more than high_followup_rate follow-up actions per use is medium. Skills with fewer than min_invocations finished uses are not judged.';

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

function numbers(row: SkillRow) {
	const {skill_name, total_invocations, successful_completions, failed_invocations, success_rate, avg_followup_actions, avg_duration_ms, last_used} = row;
	return {skill_name, total_invocations, successful_completions, failed_invocations, success_rate, avg_followup_actions, avg_duration_ms, last_used};
}

/** The findings of one skill's rollup (pure). */
export function recommendationsFor(row: SkillRow): Recommendation[] {
	if (row.total_invocations < MIN_INVOCATIONS_TO_JUDGE) return [];
	const found: Recommendation[] = [];
	const name = row.skill_name;
	const uses = `${row.total_invocations} finished uses`;
	const rate = row.success_rate;
	if (rate !== null && rate < LOW_SUCCESS_RATE) {
		found.push({
			priority: 'high',
			kind: 'low_success_rate',
			...numbers(row),
			finding: `low success rate: ${percent(rate)} of ${uses} (below ${percent(LOW_SUCCESS_RATE)})`,
			suggestion: `Review "${name}": look at its errors and follow-ups (analyze_skill_effectiveness) and fix its instructions, or prefer another skill for these tasks until it improves.`,
		});
	} else if (rate !== null && rate < TARGET_SUCCESS_RATE) {
		found.push({
			priority: 'medium',
			kind: 'below_target',
			...numbers(row),
			finding: `below target: ${percent(rate)} of ${uses} (target ${percent(TARGET_SUCCESS_RATE)})`,
			suggestion: `Tune "${name}": its most common errors (analyze_skill_effectiveness) show what to tighten; compare_skill_across_projects shows where it works better.`,
		});
	}

	const followups = row.avg_followup_actions;
	if (followups !== null && followups > HIGH_FOLLOWUP_RATE) {
		found.push({
			priority: 'medium',
			kind: 'high_followup_rate',
			...numbers(row),
			finding: `high follow-up rate: ${followups.toFixed(1)} actions per use (over ${HIGH_FOLLOWUP_RATE})`,
			suggestion: `Fold the follow-ups that usually come after "${name}" into the skill, or chain the skill that does them.`,
		});
	}

	return found;
}

const PRIORITY_ORDER = {high: 0, medium: 1} as const;

export function recommendationsReport(rows: readonly SkillRow[], scope: Scope): RecommendationsReport {
	const recommendations = rows
		.flatMap(row => recommendationsFor(row))
		.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || b.total_invocations - a.total_invocations || a.skill_name.localeCompare(b.skill_name));
	return {
		project: scopeJson(scope),
		window: 'all',
		method: METHOD,
		thresholds: {
			min_invocations: MIN_INVOCATIONS_TO_JUDGE,
			low_success_rate: LOW_SUCCESS_RATE,
			target_success_rate: TARGET_SUCCESS_RATE,
			high_followup_rate: HIGH_FOLLOWUP_RATE,
		},
		skills_considered: rows.length,
		too_few_invocations: rows.filter(row => row.total_invocations < MIN_INVOCATIONS_TO_JUDGE).map(row => row.skill_name),
		recommendations,
	};
}

/** Every skill of the scope's all-time rollup (the same rows as `top --window all`), judged. */
export async function workflowRecommendations(database: Database, scope: Scope, timezone: string): Promise<RecommendationsReport> {
	await ensureAggregates(database, timezone);
	const top = await topSkills(database, {scope, period: {kind: 'bucket', window: 'all', bucketStart: ALL_BUCKET}, limit: 100_000});
	return recommendationsReport(top.skills, scope);
}
