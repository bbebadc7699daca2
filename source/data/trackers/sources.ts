import {findSources, type FoundSource} from '../../formats/trackers/sources.js';
import type {SourceProblem} from '../../domain/types.js';
import type {Database} from '../store/database.js';
import {readTail} from '../../formats/trackers/tail.js';
import type {CollectEvent, CollectOptions, ProjectPlan, ProjectReport, TailState} from '../collect/types.js';
import {addChangedRange} from '../collect/ranges.js';
import type {Project} from '../registry/registry.js';
import type {SourceReads} from './reads.js';
import {writeSourceRows} from './writes.js';
import {saveTail, tailsFor} from './tails.js';
import {toUsageColumns, type UsageColumns} from '../store/usage-columns.js';
import {mergeRecords, mergeStaged, trackerSourceOf, type WriteCounts} from '../store/usage-writer.js';

/** The metrics files of a project (formats.md): found, skipped when unchanged, read and stored. */

/** At most this many record errors are listed per file; the count stays exact. */
const DETAILS_PER_FILE = 20;

function detailsOf(problems: readonly SourceProblem[], count: number): Array<{file: string; message: string}> {
	const shown = problems.slice(0, DETAILS_PER_FILE).map(({file, message}) => ({file, message}));
	if (count > DETAILS_PER_FILE) {
		shown.push({file: problems[0]!.file, message: `… and ${count - DETAILS_PER_FILE} more invalid records in this file`});
	}

	return shown;
}

export async function collectSource(
	database: Database,
	project: Project,
	source: FoundSource,
	options: CollectOptions,
	report: ProjectReport,
	reads: SourceReads,
): Promise<void> {
	const emit = options.onEvent ?? (() => undefined);
	const tail = reads.tailOf(source);
	if (tail && (await collectTail(database, project, source, tail, options, report))) return;
	if (reads.batches.takes(source)) {
		const taken = await reads.batches.read(source);
		if (taken !== undefined) {
			emit({type: 'source-read', project, file: source.absolutePath, records: taken.records, problems: 0});
			// Stored with its batch already, or, when that batch's transaction failed, on its own.
			const stored = await storeSource(project, source, report, emit, async () => taken.written ?? writeSource(database, project, source, {records: taken.records, errors: 0}, async () =>
				mergeStaged(database, project.project_id, trackerSourceOf(source.relativePath), reads.batches.stage(source))));
			if (stored && !taken.written) await saveTail(database, project.project_id, source, await taken.anchor);
			return;
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
	const stored = await storeColumns(database, project, source, report, emit, {columns, problems, problemCount});
	if (stored && source.kind === 'json') await saveTail(database, project.project_id, source, result.anchor);
}

/** A grown file read from its anchor; false when it must be read whole (head changed, or anything unusual). */
async function collectTail(database: Database, project: Project, source: FoundSource, tail: TailState, options: CollectOptions, report: ProjectReport): Promise<boolean> {
	const read = await readTail(source.absolutePath, source.relativePath, {size: source.size, anchor: tail.anchor, previous: tail.records}, options.naiveTimezone).catch(() => undefined);
	if (read === undefined) return false;
	const emit = options.onEvent ?? (() => undefined);
	// The head's records are stored already, unchanged: the file's records are those and the new ones.
	const stored = await storeColumns(database, project, source, report, emit, {
		columns: toUsageColumns(read.records), problems: read.problems.slice(0, DETAILS_PER_FILE), problemCount: read.problems.length, previous: tail.records,
	});
	if (stored) await saveTail(database, project.project_id, source, read.anchor);
	return true;
}

/** Stores records read in JavaScript (whole, or the tail after `previous` stored ones); false if refused. */
async function storeColumns(
	database: Database,
	project: Project,
	source: FoundSource,
	report: ProjectReport,
	emit: (event: CollectEvent) => void,
	{columns, problems, problemCount, previous = 0}: {columns: UsageColumns; problems: readonly SourceProblem[]; problemCount: number; previous?: number},
): Promise<boolean> {
	emit({type: 'source-read', project, file: source.absolutePath, records: previous + columns.count, problems: problemCount});
	report.errors += problemCount;
	report.error_details.push(...detailsOf(problems, problemCount));
	for (const problem of problems.slice(0, DETAILS_PER_FILE)) emit({type: 'error', project, file: problem.file, message: problem.message});
	return storeSource(project, source, report, emit, async () => {
		const counts = await writeSource(database, project, source, {records: previous + columns.count, errors: problemCount}, async () =>
			mergeRecords(database, project.project_id, columns, trackerSourceOf(source.relativePath)));
		return {...counts, unchanged: counts.unchanged + previous};
	});
}

async function storeSource(
	project: Project,
	source: FoundSource,
	report: ProjectReport,
	emit: (event: CollectEvent) => void,
	write: () => Promise<WriteCounts>,
): Promise<boolean> {
	// One transaction per source (or per batch of them): a crash or a cancel leaves the file's rows all in or all out.
	let counts: WriteCounts;
	try {
		counts = await write();
	} catch (error) {
		// A value the database refuses (an instant out of its range, a malformed string) fails this
		// file only: its rows were rolled back, and the other sources and projects are still collected.
		const message = `${source.absolutePath}: its records could not be stored: ${(error as Error).message.split('\n')[0]}`;
		report.errors += 1;
		report.error_details.push({file: source.absolutePath, message});
		emit({type: 'error', project, file: source.absolutePath, message});
		return false;
	}

	if (counts.changedFromUs !== undefined && counts.changedToUs !== undefined) addChangedRange(report, counts.changedFromUs, counts.changedToUs);

	report.collected += counts.inserted;
	report.updated += counts.updated;
	report.unchanged += counts.unchanged;
	emit({type: 'rows-written', project, file: source.absolutePath, inserted: counts.inserted, updated: counts.updated});
	return true;
}

async function writeSource(
	database: Database,
	project: Project,
	source: FoundSource,
	state: {records: number; errors: number},
	merge: () => Promise<WriteCounts>,
): Promise<WriteCounts> {
	return database.transaction(async () => writeSourceRows(database, project.project_id, source, state, merge));
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


export async function planProject(database: Database, project: Project, options: CollectOptions): Promise<ProjectPlan> {
	const sources = await findSources(project.project_path);
	const skippable = options.force ? new Map<string, number>() : await unchangedSources(database, project, sources, options);
	const tails = await tailsFor(database, project.project_id, sources, skippable, options);
	return {project, sources, skippable, tails};
}
