import type {Database} from '../store/database.js';
import {rollupsAreFresh} from '../rollups/fresh.js';
import {SCHEMA_VERSION, schemaVersion} from '../store/schema.js';
import {getSetting} from '../store/settings.js';
import {transcriptHealth, type TranscriptHealth} from './transcript-health.js';

export interface HealthReport {
	ok: boolean;
	database: string;
	schema_version: number;
	expected_schema_version: number;
	row_counts: {projects: number; skill_usage: number; skill_aggregates: number; workflow_executions: number};
	last_collection_at: string | null;
	aggregates_fresh: boolean;
	aggregates_timezone: string | null;
	aggregated_at: string | null;
	projects: Array<{project_id: string; project_name: string; is_active: boolean; last_sync_at: string | null; last_error_count: number; last_error: string | null}>;
	/** Present when a Claude Code root is known. */
	transcripts?: TranscriptHealth;
}

export async function health(database: Database, timezone: string, claude?: {root: string; now: Date}): Promise<HealthReport> {
	const counts = await database.one<HealthReport['row_counts']>(`SELECT
		(SELECT count(*) FROM projects)::INTEGER AS projects,
		(SELECT count(*) FROM skill_usage)::INTEGER AS skill_usage,
		(SELECT count(*) FROM skill_aggregates)::INTEGER AS skill_aggregates,
		(SELECT count(*) FROM workflow_executions)::INTEGER AS workflow_executions`);
	const projects = await database.all<HealthReport['projects'][number] & Record<string, unknown>>(
		`SELECT project_id, project_name, is_active, iso(last_sync_at) AS last_sync_at, last_error_count, last_error
		FROM projects ORDER BY project_name`,
	);
	const lastCollection = await database.one<{at: string | null}>(`SELECT iso(max(last_sync_at)) AS at FROM projects`);
	const version = await schemaVersion(database);
	const fresh = await rollupsAreFresh(database, {zone: timezone});
	return {
		ok: version === SCHEMA_VERSION,
		database: database.path,
		schema_version: version,
		expected_schema_version: SCHEMA_VERSION,
		row_counts: counts!,
		last_collection_at: lastCollection?.at ?? null,
		aggregates_fresh: fresh || (counts?.skill_usage ?? 0) === 0,
		aggregates_timezone: (await getSetting(database, 'aggregate_timezone')) ?? null,
		aggregated_at: (await getSetting(database, 'aggregated_at')) ?? null,
		projects,
		...(claude ? {transcripts: await transcriptHealth(database, claude.root, claude.now)} : {}),
	};
}
