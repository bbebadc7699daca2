import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {AGGREGATE_FRESHNESS_KEYS, aggregatesAreFresh, refreshAggregatesIn} from '../rollups/aggregator.js';
import type {CollectOptions, CollectReport, ProjectPlan, ProjectReport} from './types.js';
import {changedRanges, movedProjects} from './ranges.js';
import {collectProjectTranscripts} from '../transcripts/project-files.js';
import {listProjects, type Project} from '../registry/registry.js';
import {getSettings, markDataChanged} from '../store/settings.js';
import {SourceReads} from '../trackers/reads.js';
import {collectSource, planProject} from '../trackers/sources.js';
import {refreshWorkflows, refreshWorkflowsIn, WORKFLOW_FRESHNESS_KEYS, workflowsAreFresh} from '../rollups/workflows.js';
import {snapshotAll, threadNotices} from './threads.js';
import {defaultTuning} from './tuning.js';

export type {CollectEvent, CollectOptions, CollectReport, CollectTotals, ProjectReport} from './types.js';

async function collectProject(
	database: Database,
	{project, sources, skippable}: ProjectPlan,
	options: CollectOptions,
	reads: SourceReads,
): Promise<ProjectReport> {
	const started = performance.now();
	const report: ProjectReport = {
		project_id: project.project_id,
		project_name: project.project_name,
		project_path: project.project_path,
		sources: sources.length,
		collected: 0,
		updated: 0,
		unchanged: 0,
		skipped_sources: 0,
		errors: 0,
		error_details: [],
		duration_ms: 0,
	};
	options.onEvent?.({type: 'project-started', project, sources: sources.length});
	for (const source of sources) {
		if (options.signal?.aborted) break;
		const records = skippable.get(source.relativePath);
		if (records === undefined) {
			await collectSource(database, project, source, options, report, reads);
		} else {
			report.skipped_sources += 1;
			report.unchanged += records;
			options.onEvent?.({type: 'source-skipped', project, file: source.absolutePath, records});
		}
	}

	report.duration_ms = performance.now() - started;
	return report;
}

/**
 * How stale a project's last sync may grow before a collect that found nothing new writes it again.
 * That write is the only one of such a collect, and DuckDB checkpoints it at close: 25-30 ms of a
 * 300 ms process (with the fsync). Within this window the shown time is at most this old, and the
 * data was in sync then and still is.
 */
const SYNC_REFRESH_MS = 5 * 60_000;

/** Whether the project's row already says what this collect would write (up to SYNC_REFRESH_MS). */
function rowIsCurrent(report: ProjectReport, stored: Project | undefined, now: number): boolean {
	if (!stored?.last_sync_at || report.collected > 0 || report.updated > 0 || movedProjects.has(report)) return false;
	const sameErrors = stored.last_error_count === report.errors && stored.last_error === (report.error_details[0]?.message ?? null);
	return sameErrors && now - Date.parse(stored.last_sync_at) < SYNC_REFRESH_MS;
}

/** Every project's last sync and first error, in one statement (one per project cost 3 ms each). */
async function finishProjects(database: Database, reports: readonly ProjectReport[], options: CollectOptions, stored: readonly Project[]): Promise<void> {
	for (const report of reports) {
		if (report.sources === 0) report.notice = 'no metrics found';
		report.duration_ms = Math.round(report.duration_ms);
	}

	const now = Date.now();
	const byId = new Map(stored.map(project => [project.project_id, project]));
	const changed = reports.filter(report => !rowIsCurrent(report, byId.get(report.project_id), now));
	if (changed.length > 0) {
		await database.run(
			`UPDATE projects SET last_sync_at = now(), last_error_count = f.count, last_error = nullif(f.error, '')
			FROM (SELECT unnest($ids) AS id, unnest($counts) AS count, unnest($errors) AS error) AS f WHERE project_id = f.id`,
			{
				ids: listValue(changed.map(report => report.project_id)),
				counts: listValue(changed.map(report => report.errors)),
				// '' for none: a list's type is read from its values, and NULLs alone give it none.
				errors: listValue(changed.map(report => report.error_details[0]?.message ?? '')),
			},
		);
	}

	for (const report of reports) options.onEvent?.({type: 'project-finished', report});
}

/**
 * DuckDB's buffer pool during a collect. Left alone, it grows toward 80 % of RAM: a cold collect of
 * 10 M rows peaked at 2.8 GB; capped at 1 GB it took the same time (208.6 s vs 206.0 s) and peaked
 * at 1.6 GB. With tracker files read by DuckDB in batches (trackers/batches.ts) the reader's buffers
 * are outside the cap: at 10 M rows a 600 MB cap peaked at 1,067–1,150 MB, 450 MB at 961 MB for
 * the same CPU time (162 s against 160 s; issue 15: ≤ 1 GB at 10 M). Operators spill to disk past
 * the cap. SKILLSCOPE_COLLECT_MEMORY (e.g. 4GB) raises it (CollectTuning.memoryLimit).
 */
export async function collect(database: Database, given: CollectOptions): Promise<CollectReport> {
	const tuning = given.tuning ?? defaultTuning();
	const options = {...given, tuning, readers: given.readers ?? tuning.readers};
	const limit = options.tuning.memoryLimit;
	try {
		await database.run(`SET memory_limit = '${limit.replaceAll("'", "''")}'`);
	} catch (error) {
		throw new Error(`SKILLSCOPE_COLLECT_MEMORY "${limit}" is not a memory size (e.g. 4GB): ${(error as Error).message}`);
	}

	try {
		return await collectCapped(database, options);
	} finally {
		// The setting is the instance's: queries after the collect get DuckDB's default again.
		await database.run(`RESET memory_limit`);
	}
}

async function collectCapped(database: Database, options: CollectOptions): Promise<CollectReport> {
	const started = performance.now();
	// Rollups that were up to date before can be brought forward bucket by bucket.
	// Both freshness checks from one read of the settings: each statement is a round trip to DuckDB's threads.
	const known = await getSettings(database, [...AGGREGATE_FRESHNESS_KEYS, ...WORKFLOW_FRESHNESS_KEYS]);
	const freshBefore = await aggregatesAreFresh(database, options.displayTimezone, known);
	const workflowsFreshBefore = await workflowsAreFresh(database, known);
	const active = await listProjects(database, {activeOnly: true, counts: false, local: true});
	// A fresh options object per collect: what it caches (source_state) lives as long as this collect.
	const run: CollectOptions = {...options};
	const wanted = options.projectIds ? active.filter(project => options.projectIds!.includes(project.project_id)) : active;
	options.onEvent?.({type: 'collect-started', projects: wanted.length});
	const threadsBefore = snapshotAll();
	const reports: ProjectReport[] = [];
	// Every project's sources are found first, so that reader threads can work ahead across projects.
	const plans: ProjectPlan[] = [];
	for (const project of wanted) plans.push(await planProject(database, project, run));
	const reads = SourceReads.plan(database, plans, run);
	try {
		for (const plan of plans) {
			if (options.signal?.aborted) break;
			reports.push(await collectProject(database, plan, run, reads));
		}
	} finally {
		await reads.close();
	}

	// Transcripts for every project at once: a batch of files spans projects, one transaction each.
	if (!options.signal?.aborted) await collectProjectTranscripts(database, reports, run, active);
	await finishProjects(database, reports, run, active);
	for (const message of threadNotices(threadsBefore)) options.onEvent?.({type: 'notice', message});

	const moved = reports.some(report => movedProjects.has(report));
	const changed = reports.filter(report => report.collected > 0 || report.updated > 0 || movedProjects.has(report)).map(report => report.project_id);
	if (changed.length > 0) {
		options.onEvent?.({type: 'aggregating'});
		const changedReports = reports.filter(report => report.collected > 0 || report.updated > 0 || movedProjects.has(report));
		const ranges = changedReports.map(report => ({projectId: report.project_id, ...changedRanges.get(report)!}));
		const exact = freshBefore && changedReports.every(report => changedRanges.has(report) && !movedProjects.has(report));
		// The rollups of one collect land in one transaction: a commit is a round trip and a write of
		// the log (three of them and five lone settings were a fifth of a grown turn's statements' time).
		await database.transaction(async () => {
			await markDataChanged(database);
			// Rows that moved between projects change a project this collect may not have read: all are recomputed.
			await refreshAggregatesIn(database, {timezone: options.displayTimezone, ...(moved ? {} : {projectIds: changed}), ...(exact ? {ranges} : {})});
			// Sessions are rebuilt whole from their rows: only those with a row in a changed span.
			const spans = changedReports.map(report => ({projectId: report.project_id, ...changedRanges.get(report)}));
			await refreshWorkflowsIn(database, workflowsFreshBefore && !moved ? spans : undefined);
		});
	} else if (!workflowsFreshBefore) {
		await refreshWorkflows(database);
	}

	const sum = (key: 'collected' | 'updated' | 'unchanged' | 'errors') => reports.reduce((total, report) => total + report[key], 0);
	const report: CollectReport = {
		projects: reports,
		totals: {
			projects: reports.length,
			collected: sum('collected'),
			updated: sum('updated'),
			unchanged: sum('unchanged'),
			errors: sum('errors'),
			duration_ms: Math.round(performance.now() - started),
		},
		cancelled: options.signal?.aborted ?? false,
	};
	options.onEvent?.({type: 'collect-finished', report});
	return report;
}
