import {findSources, readSource, SourceError, type FoundSource} from '../formats/sources.js';
import type {SourceProblem, SourceReadResult} from '../domain/types.js';
import type {Database} from './database.js';
import {refreshAggregates} from './aggregator.js';
import {listProjects, type Project} from './registry.js';
import {markDataChanged} from './settings.js';
import {mergeRecords, type WriteCounts} from './usage-writer.js';

export interface ProjectReport {
	project_id: string;
	project_name: string;
	project_path: string;
	sources: number;
	collected: number;
	updated: number;
	unchanged: number;
	errors: number;
	error_details: Array<{file: string; message: string}>;
	duration_ms: number;
	notice?: string;
}

export interface CollectTotals {
	projects: number;
	collected: number;
	updated: number;
	unchanged: number;
	errors: number;
	duration_ms: number;
}

export interface CollectReport {
	projects: ProjectReport[];
	totals: CollectTotals;
	cancelled: boolean;
}

/** What the explorer shows live; one-shot commands print them to stderr. */
export type CollectEvent =
	| {type: 'collect-started'; projects: number}
	| {type: 'project-started'; project: Project; sources: number}
	| {type: 'source-read'; project: Project; file: string; records: number; problems: number}
	| {type: 'rows-written'; project: Project; file: string; inserted: number; updated: number}
	| {type: 'error'; project: Project; file: string; message: string}
	| {type: 'project-finished'; report: ProjectReport}
	| {type: 'aggregating'}
	| {type: 'collect-finished'; report: CollectReport};

export interface CollectOptions {
	/** Zone of naive timestamps (formats.md): the machine's unless configured. */
	naiveTimezone: string;
	/** Zone of the aggregate buckets. */
	displayTimezone: string;
	/** Only these projects (ids); every active project otherwise. */
	projectIds?: readonly string[];
	onEvent?: (event: CollectEvent) => void;
	/** Checked between sources: a cancelled collect never leaves a source half-written. */
	signal?: AbortSignal;
}

/** At most this many record errors are listed per file; the count stays exact. */
const DETAILS_PER_FILE = 20;

function detailsOf(problems: readonly SourceProblem[]): Array<{file: string; message: string}> {
	const shown = problems.slice(0, DETAILS_PER_FILE).map(({file, message}) => ({file, message}));
	if (problems.length > DETAILS_PER_FILE) {
		shown.push({file: problems[0]!.file, message: `… and ${problems.length - DETAILS_PER_FILE} more invalid records in this file`});
	}

	return shown;
}

async function collectSource(
	database: Database,
	project: Project,
	source: FoundSource,
	options: CollectOptions,
	report: ProjectReport,
): Promise<void> {
	const emit = options.onEvent ?? (() => undefined);
	let result;
	try {
		result = await readSource(source, options.naiveTimezone);
	} catch (error) {
		const message = error instanceof SourceError ? error.message : `${source.absolutePath}: ${(error as Error).message}`;
		report.errors += 1;
		report.error_details.push({file: source.absolutePath, message});
		emit({type: 'error', project, file: source.absolutePath, message});
		return;
	}

	emit({type: 'source-read', project, file: source.absolutePath, records: result.records.length, problems: result.problems.length});
	report.errors += result.problems.length;
	report.error_details.push(...detailsOf(result.problems));
	for (const problem of result.problems.slice(0, DETAILS_PER_FILE)) emit({type: 'error', project, file: problem.file, message: problem.message});
	// One transaction per source: a crash or a cancel leaves the file's rows all in or all out.
	let counts: WriteCounts;
	try {
		counts = await writeSource(database, project, source, result);
	} catch (error) {
		// A value the database refuses (an instant out of its range, a malformed string) fails this
		// file only: its rows were rolled back, and the other sources and projects are still collected.
		const message = `${source.absolutePath}: its records could not be stored: ${(error as Error).message.split('\n')[0]}`;
		report.errors += 1;
		report.error_details.push({file: source.absolutePath, message});
		emit({type: 'error', project, file: source.absolutePath, message});
		return;
	}

	report.collected += counts.inserted;
	report.updated += counts.updated;
	report.unchanged += counts.unchanged;
	emit({type: 'rows-written', project, file: source.absolutePath, inserted: counts.inserted, updated: counts.updated});
}

async function writeSource(database: Database, project: Project, source: FoundSource, result: SourceReadResult): Promise<WriteCounts> {
	return database.transaction(async () => {
		const written = await mergeRecords(database, project.project_id, result.records);
		await database.run(
			`INSERT INTO source_state VALUES ($project, $path, $size, $mtime, $records, $errors, now())
			 ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
				records = excluded.records, errors = excluded.errors, read_at = excluded.read_at`,
			{
				project: project.project_id,
				path: source.relativePath,
				size: source.size,
				mtime: source.mtimeMs,
				records: result.records.length,
				errors: result.problems.length,
			},
		);
		return written;
	});
}

async function collectProject(database: Database, project: Project, options: CollectOptions): Promise<ProjectReport> {
	const started = performance.now();
	const sources = await findSources(project.project_path);
	const report: ProjectReport = {
		project_id: project.project_id,
		project_name: project.project_name,
		project_path: project.project_path,
		sources: sources.length,
		collected: 0,
		updated: 0,
		unchanged: 0,
		errors: 0,
		error_details: [],
		duration_ms: 0,
	};
	options.onEvent?.({type: 'project-started', project, sources: sources.length});
	if (sources.length === 0) report.notice = 'no metrics found';
	for (const source of sources) {
		if (options.signal?.aborted) break;
		await collectSource(database, project, source, options, report);
	}

	const firstError = report.error_details[0]?.message ?? null;
	await database.run(
		`UPDATE projects SET last_sync_at = now(), last_error_count = $count, last_error = $error WHERE project_id = $id`,
		{id: project.project_id, count: report.errors, error: firstError},
	);
	report.duration_ms = Math.round(performance.now() - started);
	options.onEvent?.({type: 'project-finished', report});
	return report;
}

export async function collect(database: Database, options: CollectOptions): Promise<CollectReport> {
	const started = performance.now();
	const active = await listProjects(database, {activeOnly: true});
	const wanted = options.projectIds ? active.filter(project => options.projectIds!.includes(project.project_id)) : active;
	options.onEvent?.({type: 'collect-started', projects: wanted.length});
	const reports: ProjectReport[] = [];
	for (const project of wanted) {
		if (options.signal?.aborted) break;
		reports.push(await collectProject(database, project, options));
	}

	const changed = reports.filter(report => report.collected > 0 || report.updated > 0).map(report => report.project_id);
	if (changed.length > 0) {
		await markDataChanged(database);
		options.onEvent?.({type: 'aggregating'});
		await refreshAggregates(database, {timezone: options.displayTimezone, projectIds: changed});
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
