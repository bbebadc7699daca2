import {HIGH_FOLLOWUP_RATE, LOW_SUCCESS_RATE, MIN_INVOCATIONS_TO_JUDGE, TARGET_SUCCESS_RATE} from '../../domain/insights.js';
import {rankRecommendations, recommendationsFor, UNUSED_DAYS, type Recommendation} from '../../domain/recommend.js';
import {TREND_BUCKETS, TREND_SLOPE_THRESHOLD, trendDirection, type TrendVerdict} from '../../domain/trend-direction.js';
import {ALL_BUCKET, bucketIndex, bucketStart, localDate} from '../../domain/time-window.js';
import type {Database} from '../store/database.js';
import {listValue} from '../store/duckdb.js';
import {inventoryRecommendations, type InstalledEvidence, type MissingEvidence} from '../../domain/inventory-advice.js';
import {LOAD_FAILURES, type LoadFailure} from '../../domain/load-failures.js';
import {SIGNIFICANCE} from '../../domain/versions.js';
import {OFTEN_INTERRUPTED_MIN_USES, OFTEN_INTERRUPTED_SHARE, USER_TYPED_MIN_USES, USER_TYPED_SHARE} from '../../domain/outcome-advice.js';
import {MOSTLY_CUT_SHARE, RARELY_PICKED_MIN_LISTED, RARELY_PICKED_RATE, exposureRecommendations} from '../../domain/exposure-advice.js';
import {exposure} from './exposure.js';
import {outcomeRecommendations} from './outcome-advice.js';
import {projectFilter, rollupTable, scopeId, scopeJson, type Scope} from './scope.js';
import {topSkills} from './top.js';

export interface RecommendReport {
	project: {project_id: string; project_name: string} | null;
	generated_at: string;
	skills_considered: number;
	thresholds: {
		min_invocations: number;
		low_success_rate: number;
		target_success_rate: number;
		high_followup_rate: number;
		trend_window: 'weekly';
		trend_buckets: number;
		trend_slope: number;
		unused_days: number;
		often_interrupted_share: number;
		often_interrupted_min_uses: number;
		user_typed_share: number;
		user_typed_min_uses: number;
		version_significance: number;
		rarely_picked_min_listed: number;
		rarely_picked_rate: number;
		mostly_cut_share: number;
	};
	/** Sessions of the scope that recorded a listing: what the exposure rules rest on (issue 21). */
	sessions_with_listings: number;
	recommendations: Recommendation[];
}

/** Weekly success-rate direction of every skill of the scope, up to the week holding `now`. */
async function weeklyDirections(database: Database, scope: Scope, now: Date, timezone: string): Promise<Map<string, TrendVerdict>> {
	const rows = await database.all<{skill_name: string; bucket_start: string; success_rate: number}>(
		`SELECT skill_name, strftime(bucket_start, '%Y-%m-%d') AS bucket_start, success_rate FROM (
			SELECT skill_name, bucket_start, success_rate,
				row_number() OVER (PARTITION BY skill_name ORDER BY bucket_start DESC) AS recent
			FROM ${rollupTable(scope).sql}
			WHERE project_id = $scope AND time_window = 'weekly' AND total_invocations > 0 AND bucket_start <= $last::DATE)
		WHERE recent <= ${TREND_BUCKETS} ORDER BY skill_name, bucket_start`,
		{...rollupTable(scope).params, scope: scopeId(scope), last: bucketStart('weekly', localDate(now, timezone))},
	);
	const samples = new Map<string, Array<{step: number; success_rate: number}>>();
	for (const row of rows) {
		const list = samples.get(row.skill_name) ?? [];
		list.push({step: bucketIndex('weekly', row.bucket_start), success_rate: row.success_rate});
		samples.set(row.skill_name, list);
	}

	return new Map([...samples].map(([skill, list]) => [skill, trendDirection(list)]));
}

/** Per skill, its failed uses that never loaded, by error type (transcripts.md). */
async function loadFailuresBySkill(database: Database, scope: Scope): Promise<Map<string, Partial<Record<LoadFailure, number>>>> {
	const filter = projectFilter(scope, 'u');
	const rows = await database.all<{skill_name: string; error_type: LoadFailure; count: number}>(
		`SELECT skill_name, error_type, count(*)::INTEGER AS count FROM skill_usage u
		WHERE ${filter.sql} AND status = 'failed' AND list_contains($types, error_type) GROUP BY ALL`,
		{...filter.params, types: listValue([...LOAD_FAILURES])},
	);
	const found = new Map<string, Partial<Record<LoadFailure, number>>>();
	for (const row of rows) found.set(row.skill_name, {...found.get(row.skill_name), [row.error_type]: row.count});
	return found;
}

/**
 * Advice per skill of the scope (rules: domain/recommend.ts), from the all-time and weekly
 * rollups; the caller makes sure they are fresh.
 */
export interface RecommendOptions {
	scope: Scope;
	now: Date;
	timezone: string;
	/** What is installed (inventory.ts), when the Claude Code root is known: adds its advice. */
	inventory?: {skills: readonly InstalledEvidence[]; not_installed: readonly MissingEvidence[]};
}

/** An installed skill unused for 30 days: its advice says what removing it frees of the listing. */
function withListingCost(found: Recommendation[], installed: readonly InstalledEvidence[]): void {
	for (const skill of installed) {
		if (skill.state !== 'stale') continue;
		const advice = found.find(item => item.issue === 'unused' && item.skill === skill.skill_name);
		if (!advice) continue;
		advice.action += ` Removing it (${skill.path}) frees ${skill.description_chars} characters of the skill listing.`;
		advice.evidence = {...advice.evidence, description_chars: skill.description_chars, path: skill.path};
	}
}

/** Names Claude Code invoked in the scope: only those can be "not installed" (tracker skills are no Claude Code skills). */
async function transcriptNames(database: Database, scope: Scope): Promise<Set<string>> {
	const filter = projectFilter(scope, 'u');
	const rows = await database.all<{skill_name: string}>(`SELECT DISTINCT skill_name FROM skill_usage u WHERE ${filter.sql} AND source = 'claude-code'`, filter.params);
	return new Set(rows.map(row => row.skill_name));
}

export async function recommend(database: Database, options: RecommendOptions): Promise<RecommendReport> {
	const top = await topSkills(database, {scope: options.scope, period: {kind: 'bucket', window: 'all', bucketStart: ALL_BUCKET}, limit: 1_000_000});
	const directions = await weeklyDirections(database, options.scope, options.now, options.timezone);
	const loadFailures = await loadFailuresBySkill(database, options.scope);
	const stable: TrendVerdict = {direction: 'stable', slope: null, buckets_used: 0};
	const found = top.skills.flatMap(row =>
		recommendationsFor(
			{
				skill_name: row.skill_name,
				total_invocations: row.total_invocations,
				successful_completions: row.successful_completions,
				failed_invocations: row.failed_invocations,
				success_rate: row.success_rate,
				avg_followup_actions: row.avg_followup_actions,
				last_used: row.last_used,
				trend: directions.get(row.skill_name) ?? stable,
				load_failures: loadFailures.get(row.skill_name),
			},
			options.now,
			options.timezone,
		),
	);
	found.push(...(await outcomeRecommendations(database, {scope: options.scope, skills: top.skills, installed: options.inventory?.skills})));
	if (options.inventory) {
		const invoked = await transcriptNames(database, options.scope);
		found.push(...inventoryRecommendations(options.inventory.skills, options.inventory.not_installed.filter(name => invoked.has(name.skill_name))));
		withListingCost(found, options.inventory.skills);
	}

	// What the model was offered (issue 21): listed often and rarely picked, or cut in most sessions.
	const offered = await exposure(database, {scope: options.scope});
	const idle = (options.inventory?.skills ?? []).filter(skill => skill.state === 'never-used' && skill.kind === 'skill' && skill.scope !== 'project');
	found.push(...exposureRecommendations(offered.skills, offered.sessions_with_listings, idle));

	const uses = new Map(top.skills.map(row => [row.skill_name, row.total_invocations]));
	return {
		project: scopeJson(options.scope),
		// Microseconds, as every other instant in the JSON.
		generated_at: options.now.toISOString().replace('Z', '000Z'),
		skills_considered: top.skills.length,
		thresholds: {
			min_invocations: MIN_INVOCATIONS_TO_JUDGE,
			low_success_rate: LOW_SUCCESS_RATE,
			target_success_rate: TARGET_SUCCESS_RATE,
			high_followup_rate: HIGH_FOLLOWUP_RATE,
			trend_window: 'weekly',
			trend_buckets: TREND_BUCKETS,
			trend_slope: TREND_SLOPE_THRESHOLD,
			unused_days: UNUSED_DAYS,
			often_interrupted_share: OFTEN_INTERRUPTED_SHARE,
			often_interrupted_min_uses: OFTEN_INTERRUPTED_MIN_USES,
			user_typed_share: USER_TYPED_SHARE,
			user_typed_min_uses: USER_TYPED_MIN_USES,
			version_significance: SIGNIFICANCE,
			rarely_picked_min_listed: RARELY_PICKED_MIN_LISTED,
			rarely_picked_rate: RARELY_PICKED_RATE,
			mostly_cut_share: MOSTLY_CUT_SHARE,
		},
		sessions_with_listings: offered.sessions_with_listings,
		recommendations: rankRecommendations(found, uses),
	};
}
