import type {OutcomeMetrics, UsageMetrics} from '../../domain/metrics.js';
import {bucketEnd, type TimeWindow} from '../../domain/time-window.js';
import {CLEAN_RATE_FROM_SUMS, OUTCOME_SUMS, RATES_FROM_SUMS} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {OUTCOME_FIELDS, OUTCOME_METRICS, STATUS_METRICS} from './metric-columns.js';
import {rollupTable, scopeFilter, scopeId, scopeJson, type DayRange, type Scope} from './scope.js';

export const SORT_FIELDS = [
	'total_invocations',
	'successful_completions',
	'failed_invocations',
	'pending_invocations',
	'success_rate',
	'avg_duration_ms',
	'avg_followup_actions',
	'clean_rate',
	'last_used',
	'skill_name',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SkillRow extends UsageMetrics, OutcomeMetrics {
	rank: number;
	skill_name: string;
}

export type Period = {kind: 'bucket'; window: TimeWindow; bucketStart: string} | {kind: 'range'; since: string; until: string};

export interface TopOptions {
	scope: Scope;
	period: Period;
	limit?: number;
	minSuccess?: number;
	sort?: SortField;
	descending?: boolean;
	/** Only invocations of this trigger (model, user, subagent; trackers' are unknown). */
	trigger?: string;
	/** Only invocations recorded by this source (claude-code, session-buddy, crackerjack). */
	source?: string;
	/** Zone of the period's days: needed when a filter makes the rollup come from raw rows. */
	zone?: string;
}

export const TRIGGERS = ['model', 'user', 'subagent', 'unknown'] as const;
export const SOURCES = ['claude-code', 'session-buddy', 'crackerjack'] as const;

export interface TopReport {
	window: TimeWindow | 'range';
	bucket_start: string | null;
	bucket_end: string | null;
	since: string | null;
	until: string | null;
	project: {project_id: string; project_name: string} | null;
	trigger: string | null;
	source: string | null;
	skills: SkillRow[];
}

/** Names skills descend by count but ascend by name: what a person expects of each column. */
export function defaultDescending(field: SortField): boolean {
	return field !== 'skill_name';
}

/** What a period's rollup sums per skill: formats.md's metrics, then the outcomes (outcomes.md). */
const SUMS = `${RATES_FROM_SUMS}, ${OUTCOME_SUMS}, ${CLEAN_RATE_FROM_SUMS}`;

/** The per-skill rollup of a period, read from `skill_aggregates` only (never raw rows). */
export function periodRollupSql(period: Period, scope: Scope = {}): {sql: string; params: Record<string, string>} {
	const rollups = rollupTable(scope);
	if (period.kind === 'bucket') {
		return {
			sql: `SELECT skill_name, ${SUMS} FROM ${rollups.sql}
				WHERE project_id = $scope AND time_window = $window AND bucket_start = $bucket::DATE GROUP BY skill_name`,
			params: {...rollups.params, window: period.window, bucket: period.bucketStart},
		};
	}

	return {
		sql: `SELECT skill_name, ${SUMS} FROM ${rollups.sql}
			WHERE project_id = $scope AND time_window = 'daily' AND bucket_start BETWEEN $since::DATE AND $until::DATE GROUP BY skill_name`,
		params: {...rollups.params, since: period.since, until: period.until},
	};
}

/**
 * The same rollup from raw rows, for what the rollups do not split by (trigger, source): the
 * metrics as aggregator.ts computes them (formats.md), over the period's local days.
 */
function filteredRollupSql(options: TopOptions): {sql: string; params: Record<string, string | null>} {
	const {period} = options;
	const zone = options.zone ?? 'UTC';
	const range: DayRange | undefined = period.kind === 'range'
		? {since: period.since, until: period.until, zone}
		: period.window === 'all' ? undefined : {since: period.bucketStart, until: bucketEnd(period.window, period.bucketStart)!, zone};
	const filter = scopeFilter(options.scope, range);
	return {
		sql: `SELECT skill_name, ${STATUS_METRICS}, ${OUTCOME_METRICS},
				max(invoked_at) FILTER (WHERE status <> 'pending') AS last_used
			FROM skill_usage u
			WHERE ${filter.sql} AND ($trigger IS NULL OR u.trigger = $trigger) AND ($source IS NULL OR u.source = $source)
			GROUP BY skill_name`,
		params: {...filter.params, trigger: options.trigger ?? null, source: options.source ?? null},
	};
}

export async function topSkills(database: Database, options: TopOptions): Promise<TopReport> {
	const sort = options.sort ?? 'total_invocations';
	const descending = options.descending ?? defaultDescending(sort);
	const filtered = options.trigger !== undefined || options.source !== undefined;
	const rollup = filtered ? filteredRollupSql(options) : periodRollupSql(options.period, options.scope);
	// `sort` is one of SORT_FIELDS (checked by the caller's schema), never free text.
	if (!SORT_FIELDS.includes(sort)) throw new Error(`unknown sort field ${sort}`);
	const rows = await database.all<Omit<SkillRow, 'rank'>>(
		`SELECT skill_name, total_invocations, successful_completions, failed_invocations, pending_invocations,
			success_rate, avg_duration_ms, avg_followup_actions, iso(last_used) AS last_used, ${OUTCOME_FIELDS}
		FROM (${rollup.sql})
		WHERE $min_success IS NULL OR success_rate >= $min_success
		ORDER BY ${sort} ${descending ? 'DESC' : 'ASC'} NULLS LAST, total_invocations DESC, skill_name ASC
		LIMIT $limit`,
		{
			...rollup.params,
			// Only the rollup's query names the scope id; raw rows filter by project instead.
			...(filtered ? {} : {scope: scopeId(options.scope)}),
			// eslint-disable-next-line @typescript-eslint/naming-convention
			min_success: options.minSuccess ?? null,
			limit: options.limit ?? 10,
		},
	);
	const {period} = options;
	return {
		window: period.kind === 'bucket' ? period.window : 'range',
		bucket_start: period.kind === 'bucket' && period.window !== 'all' ? period.bucketStart : null,
		bucket_end: period.kind === 'bucket' ? (bucketEnd(period.window, period.bucketStart) ?? null) : null,
		since: period.kind === 'range' ? period.since : null,
		until: period.kind === 'range' ? period.until : null,
		project: scopeJson(options.scope),
		trigger: options.trigger ?? null,
		source: options.source ?? null,
		skills: rows.map((row, index) => ({rank: index + 1, ...row})),
	};
}
