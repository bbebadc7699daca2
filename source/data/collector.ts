import {findSources, type FoundSource} from '../formats/sources.js';
import type {SourceProblem} from '../domain/types.js';
import type {Database} from './database.js';
import {aggregatesAreFresh, refreshAggregates} from './aggregator.js';
import {listProjects, type Project} from './registry.js';
import {markDataChanged} from './settings.js';
import {refreshWorkflows, workflowsAreFresh} from './workflows.js';
import {dropTrackerTables, readTrackerFile, stageTrackerRows, takenByDuckdbFirst} from './tracker-fast-path.js';
import {createStage, mergeRecords, mergeStaged, trackerSourceOf, type WriteCounts} from './usage-writer.js';
import {readSourceColumns, type ReadOutcome} from './read-source-columns.js';
import {SourceReaderPool} from './source-reader-pool.js';
import {collectTranscripts} from './transcript-collector.js';
import {loadTranscriptStates, type TranscriptFileState} from './transcript-state.js';

export interface ProjectReport {
	project_id: string;
	project_name: string;
	project_path: string;
	sources: number;
	collected: number;
	updated: number;
	unchanged: number;
	/** Sources not read again: their size and modification time are those of the last collect. */
	skipped_sources: number;
	errors: number;
	error_details: Array<{file: string; message: string}>;
	duration_ms: number;
	notice?: string;
	/** Of `sources`, the Claude Code transcripts (when a root was given). */
	transcripts?: number;
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
	| {type: 'source-skipped'; project: Project; file: string; records: number}
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
	/**
	 * Read every source again, even those whose size and modification time are unchanged since
	 * the last collect (which are otherwise skipped, their records counted as unchanged).
	 */
	force?: boolean;
	/**
	 * How JSON trackers are read: 'auto' (default) lets DuckDB's JSON reader take the files too
	 * large for the JavaScript path (when it can read them exactly like it), 'js' always uses the
	 * JavaScript path (zod),
	 * 'duckdb' tries DuckDB on every JSON file. Rows are the same either way; this is for tests
	 * and benchmarks.
	 */
	jsonReader?: 'auto' | 'js' | 'duckdb';
	/**
	 * Where JSON sources are read: 'auto' (default) on worker threads, ahead of the source being
	 * stored, when the collect reads enough to pay for starting them; 'main' on this thread, one
	 * source at a time; 'workers' always on worker threads. Rows are the same either way.
	 */
	readers?: 'auto' | 'main' | 'workers';
	/** The Claude Code root whose transcripts are collected too (transcripts.md); none without it. */
	claudeRoot?: string;
}

/** Per project report: the span of `invoked_at` of the rows inserted or updated, for the rollups. */
const changedRanges = new WeakMap<ProjectReport, {fromUs: number; toUs: number}>();

/** At most this many record errors are listed per file; the count stays exact. */
const DETAILS_PER_FILE = 20;

function detailsOf(problems: readonly SourceProblem[], count: number): Array<{file: string; message: string}> {
	const shown = problems.slice(0, DETAILS_PER_FILE).map(({file, message}) => ({file, message}));
	if (count > DETAILS_PER_FILE) {
		shown.push({file: problems[0]!.file, message: `… and ${count - DETAILS_PER_FILE} more invalid records in this file`});
	}

	return shown;
}

/**
 * A collect reads this much JSON before reader threads pay for starting (~50 ms each); from
 * there on, parsing on the main thread would also hold the explorer's frames for too long.
 */
const WORKERS_FROM_BYTES = 16 * 1024 * 1024;

/**
 * Reads the sources of a collect in the order they are stored. With reader threads, the next
 * sources are read while one is stored, never more than one per thread ahead: memory stays bounded
 * by the few files in flight, not by the collect.
 */
class SourceReads {
	private readonly order = new Map<FoundSource, number>();
	private readonly reads = new Map<number, Promise<ReadOutcome>>();
	private started = 0;

	private constructor(private readonly queue: readonly FoundSource[], private readonly naiveZone: string, private readonly pool?: SourceReaderPool) {
		for (const [index, source] of queue.entries()) this.order.set(source, index);
	}

	static plan(plans: readonly ProjectPlan[], options: CollectOptions): SourceReads {
		const reader = options.jsonReader ?? 'auto';
		const queue = plans.flatMap(plan =>
			plan.sources.filter(source => source.kind === 'json' && !plan.skippable.has(source.relativePath) && !takenByDuckdbFirst(source.size, reader)));
		const bytes = queue.reduce((total, source) => total + Math.max(0, source.size), 0);
		const mode = options.readers ?? 'auto';
		const size = Math.min(SourceReaderPool.defaultSize(), queue.length);
		const threaded = size > 0 && (mode === 'workers' || (mode === 'auto' && bytes >= WORKERS_FROM_BYTES));
		return new SourceReads(queue, options.naiveTimezone, threaded ? new SourceReaderPool(size) : undefined);
	}

	read(source: FoundSource): Promise<ReadOutcome> {
		const index = this.order.get(source);
		if (!this.pool || index === undefined) return readSourceColumns(source, this.naiveZone);
		while (this.started < this.queue.length && this.started <= index + this.pool.size) {
			this.reads.set(this.started, this.pool.read(this.queue[this.started]!, this.naiveZone));
			this.started += 1;
		}

		const read = this.reads.get(index) ?? this.pool.read(source, this.naiveZone);
		this.reads.delete(index);
		return read;
	}

	async close(): Promise<void> {
		this.reads.clear();
		await this.pool?.close();
	}
}

async function collectSource(
	database: Database,
	project: Project,
	source: FoundSource,
	options: CollectOptions,
	report: ProjectReport,
	reads: SourceReads,
): Promise<void> {
	const emit = options.onEvent ?? (() => undefined);
	const reader = options.jsonReader ?? 'auto';
	if (source.kind === 'json' && takenByDuckdbFirst(source.size, reader)) {
		try {
			const records = await readTrackerFile(database, source, options.naiveTimezone);
			if (records !== undefined) {
				emit({type: 'source-read', project, file: source.absolutePath, records, problems: 0});
				await storeSource(database, project, source, report, emit, {records, errors: 0}, async () => {
					await createStage(database);
					await stageTrackerRows(database, source);
					return mergeStaged(database, project.project_id, trackerSourceOf(source.relativePath));
				});
				return;
			}
		} finally {
			await dropTrackerTables(database);
		}
	}

	const result = await reads.read(source);
	if (!result.ok) {
		report.errors += 1;
		report.error_details.push({file: source.absolutePath, message: result.message});
		emit({type: 'error', project, file: source.absolutePath, message: result.message});
		return;
	}

	const {columns, problems, problemCount} = result;
	emit({type: 'source-read', project, file: source.absolutePath, records: columns.count, problems: problemCount});
	report.errors += problemCount;
	report.error_details.push(...detailsOf(problems, problemCount));
	for (const problem of problems.slice(0, DETAILS_PER_FILE)) emit({type: 'error', project, file: problem.file, message: problem.message});
	await storeSource(database, project, source, report, emit, {records: columns.count, errors: problemCount}, async () =>
		mergeRecords(database, project.project_id, columns, trackerSourceOf(source.relativePath)),
	);
}

async function storeSource(
	database: Database,
	project: Project,
	source: FoundSource,
	report: ProjectReport,
	emit: (event: CollectEvent) => void,
	state: {records: number; errors: number},
	merge: () => Promise<WriteCounts>,
): Promise<void> {
	// One transaction per source: a crash or a cancel leaves the file's rows all in or all out.
	let counts: WriteCounts;
	try {
		counts = await writeSource(database, project, source, state, merge);
	} catch (error) {
		// A value the database refuses (an instant out of its range, a malformed string) fails this
		// file only: its rows were rolled back, and the other sources and projects are still collected.
		const message = `${source.absolutePath}: its records could not be stored: ${(error as Error).message.split('\n')[0]}`;
		report.errors += 1;
		report.error_details.push({file: source.absolutePath, message});
		emit({type: 'error', project, file: source.absolutePath, message});
		return;
	}

	if (counts.changedFromUs !== undefined && counts.changedToUs !== undefined) {
		const range = changedRanges.get(report);
		changedRanges.set(report, {
			fromUs: Math.min(range?.fromUs ?? Number.POSITIVE_INFINITY, counts.changedFromUs),
			toUs: Math.max(range?.toUs ?? Number.NEGATIVE_INFINITY, counts.changedToUs),
		});
	}

	report.collected += counts.inserted;
	report.updated += counts.updated;
	report.unchanged += counts.unchanged;
	emit({type: 'rows-written', project, file: source.absolutePath, inserted: counts.inserted, updated: counts.updated});
}

async function writeSource(
	database: Database,
	project: Project,
	source: FoundSource,
	state: {records: number; errors: number},
	merge: () => Promise<WriteCounts>,
): Promise<WriteCounts> {
	return database.transaction(async () => {
		const written = await merge();
		// With the rows: a collect killed before its rollups and sessions are rebuilt leaves them
		// marked stale, and the next reader or collect rebuilds them.
		if (written.inserted > 0 || written.updated > 0) await markDataChanged(database);
		await database.run(
			`INSERT INTO source_state VALUES ($project, $path, $size, $mtime, $records, $errors, now())
			 ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
				records = excluded.records, errors = excluded.errors, read_at = excluded.read_at`,
			{
				project: project.project_id,
				path: source.relativePath,
				size: source.size,
				mtime: source.mtimeMs,
				records: state.records,
				errors: state.errors,
			},
		);
		return written;
	});
}

/** source_state as it was when a collect started, per collect (its options object). */
const storedStates = new WeakMap<CollectOptions, Promise<StoredState[]>>();

type StoredState = {
	project_id: string;
	source_path: string;
	size: number;
	mtime_ms: number;
	records: number;
	errors: number;
};

/**
 * The sources that can be skipped: a JSON file read cleanly last time, with the same size and
 * modification time. SQLite stores are always read: committed rows can sit in the `-wal` file
 * while the main file keeps its size and time.
 */
async function unchangedSources(database: Database, project: Project, sources: readonly FoundSource[], options: CollectOptions): Promise<Map<string, number>> {
	// One query for every project of this collect, on the first project's turn.
	let all = storedStates.get(options);
	if (!all) {
		all = database.all<StoredState>(`SELECT project_id, source_path, size::DOUBLE AS size, mtime_ms, records, errors FROM source_state`);
		storedStates.set(options, all);
	}

	const stored = (await all).filter(row => row.project_id === project.project_id);
	const byPath = new Map(stored.map(row => [row.source_path, row]));
	const unchanged = new Map<string, number>();
	for (const source of sources) {
		const state = byPath.get(source.relativePath);
		if (source.kind !== 'json' || !state || source.size < 0) continue;
		if (state.errors === 0 && state.size === source.size && state.mtime_ms === source.mtimeMs) unchanged.set(source.relativePath, state.records);
	}

	return unchanged;
}

/** A project's sources, found before any is read, and those unchanged since the last collect. */
interface ProjectPlan {
	project: Project;
	sources: FoundSource[];
	skippable: Map<string, number>;
}

async function planProject(database: Database, project: Project, options: CollectOptions): Promise<ProjectPlan> {
	const sources = await findSources(project.project_path);
	const skippable = options.force ? new Map<string, number>() : await unchangedSources(database, project, sources, options);
	return {project, sources, skippable};
}

/** source_state's counterpart for transcripts, loaded once per collect (its options object). */
const transcriptStates = new WeakMap<CollectOptions, Promise<Map<string, TranscriptFileState>>>();

/** The project's Claude Code transcripts, after its metrics files: added to its report. */
async function collectProjectTranscripts(database: Database, project: Project, options: CollectOptions, active: readonly Project[], report: ProjectReport): Promise<void> {
	if (options.claudeRoot === undefined) return;
	let states = transcriptStates.get(options);
	if (!states) {
		states = loadTranscriptStates(database);
		transcriptStates.set(options, states);
	}

	const results = await collectTranscripts(database, {
		root: options.claudeRoot,
		active,
		wanted: [project],
		force: options.force,
		signal: options.signal,
		onEvent: options.onEvent,
		states: await states,
	});
	const result = results.get(project.project_id);
	if (!result) return;
	report.sources += result.files;
	report.transcripts = result.files;
	report.skipped_sources += result.skipped;
	report.collected += result.collected;
	report.updated += result.updated;
	report.unchanged += result.unchanged;
	report.errors += result.errors.length;
	report.error_details.push(...result.errors);
	if (result.moved) {
		movedProjects.add(report);
	} else if (result.fromUs !== undefined && result.toUs !== undefined) {
		const range = changedRanges.get(report);
		changedRanges.set(report, {
			fromUs: Math.min(range?.fromUs ?? Number.POSITIVE_INFINITY, result.fromUs),
			toUs: Math.max(range?.toUs ?? Number.NEGATIVE_INFINITY, result.toUs),
		});
	}
}

/** Reports of projects whose rows moved between projects: their rollups are recomputed whole. */
const movedProjects = new WeakSet<ProjectReport>();

async function collectProject(
	database: Database,
	{project, sources, skippable}: ProjectPlan,
	options: CollectOptions,
	reads: SourceReads,
	active: readonly Project[],
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

	if (!options.signal?.aborted) await collectProjectTranscripts(database, project, options, active, report);
	if (report.sources === 0) report.notice = options.claudeRoot === undefined ? 'no metrics found' : 'no metrics or transcripts found';
	const firstError = report.error_details[0]?.message ?? null;
	await database.run(
		`UPDATE projects SET last_sync_at = now(), last_error_count = $count, last_error = $error WHERE project_id = $id`,
		{id: project.project_id, count: report.errors, error: firstError},
	);
	report.duration_ms = Math.round(performance.now() - started);
	options.onEvent?.({type: 'project-finished', report});
	return report;
}

/**
 * DuckDB's buffer pool during a collect. Left alone, it grows toward 80 % of RAM: a cold collect of
 * 10 M rows peaked at 2.8 GB; capped at 1 GB it took the same time (208.6 s vs 206.0 s) and peaked
 * at 1.6 GB, the rest being Node and its reader thread. Operators spill to disk past the cap.
 * SKILLSCOPE_COLLECT_MEMORY (e.g. 4GB) raises it should some input need more.
 */
const COLLECT_MEMORY_LIMIT = process.env.SKILLSCOPE_COLLECT_MEMORY ?? '1GB';

export async function collect(database: Database, options: CollectOptions): Promise<CollectReport> {
	try {
		await database.run(`SET memory_limit = '${COLLECT_MEMORY_LIMIT.replaceAll("'", "''")}'`);
	} catch (error) {
		throw new Error(`SKILLSCOPE_COLLECT_MEMORY "${COLLECT_MEMORY_LIMIT}" is not a memory size (e.g. 4GB): ${(error as Error).message}`);
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
	const freshBefore = await aggregatesAreFresh(database, options.displayTimezone);
	const workflowsFreshBefore = await workflowsAreFresh(database);
	const active = await listProjects(database, {activeOnly: true, counts: false});
	// A fresh options object per collect: what it caches (source_state) lives as long as this collect.
	const run: CollectOptions = {...options};
	const wanted = options.projectIds ? active.filter(project => options.projectIds!.includes(project.project_id)) : active;
	options.onEvent?.({type: 'collect-started', projects: wanted.length});
	const reports: ProjectReport[] = [];
	// Every project's sources are found first, so that reader threads can work ahead across projects.
	const plans: ProjectPlan[] = [];
	for (const project of wanted) plans.push(await planProject(database, project, run));
	const reads = SourceReads.plan(plans, run);
	try {
		for (const plan of plans) {
			if (options.signal?.aborted) break;
			reports.push(await collectProject(database, plan, run, reads, active));
		}
	} finally {
		await reads.close();
	}

	const moved = reports.some(report => movedProjects.has(report));
	const changed = reports.filter(report => report.collected > 0 || report.updated > 0 || movedProjects.has(report)).map(report => report.project_id);
	if (changed.length > 0) {
		await markDataChanged(database);
		options.onEvent?.({type: 'aggregating'});
		const changedReports = reports.filter(report => report.collected > 0 || report.updated > 0 || movedProjects.has(report));
		const ranges = changedReports.map(report => ({projectId: report.project_id, ...changedRanges.get(report)!}));
		const exact = freshBefore && changedReports.every(report => changedRanges.has(report) && !movedProjects.has(report));
		// Rows that moved between projects change a project this collect may not have read: all are recomputed.
		await refreshAggregates(database, {timezone: options.displayTimezone, ...(moved ? {} : {projectIds: changed}), ...(exact ? {ranges} : {})});
		// Sessions are rebuilt whole from their rows: only those with a row in a changed span.
		const spans = changedReports.map(report => ({projectId: report.project_id, ...changedRanges.get(report)}));
		await refreshWorkflows(database, workflowsFreshBefore && !moved ? spans : undefined);
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
