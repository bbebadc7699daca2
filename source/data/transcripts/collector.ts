import {encodeLaunchDir, listTranscriptFiles, projectOfLaunch, type TranscriptFile} from '../../formats/transcripts/files.js';
import type {Database} from '../store/database.js';
import type {Project} from '../registry/registry.js';
import type {Batch} from './batch.js';
import type {ParseJob, Parsed} from './parse-job.js';
import type {ReadsAhead} from './reads-ahead.js';
import {loadTranscriptMarks, loadTranscriptStates, moveTranscriptRows, ownedRowCounts, type TranscriptFileMark, type TranscriptFileState} from './state.js';
import type {TranscriptCollectOptions, TranscriptProjectResult} from './types.js';

export type {TranscriptCollectOptions, TranscriptEvent, TranscriptProjectResult} from './types.js';

/**
 * The reading half (reader, parser, threads, writer): loaded once a file is to be read or failed,
 * so that a collect with nothing new does not pay its ~15 ms of loading.
 */
async function reading() {
	const [{ReadsAhead}, {Batch}] = await Promise.all([import('./reads-ahead.js'), import('./batch.js')]);
	return {ReadsAhead, Batch};
}

export async function collectTranscripts(database: Database, options: TranscriptCollectOptions): Promise<Map<string, TranscriptProjectResult>> {
	const results = new Map<string, TranscriptProjectResult>(options.wanted.map(project => [project.project_id, emptyResult()]));
	if (options.wanted.length === 0) return results;
	// A folder is the encoding of its launch directory: one inside a project starts with the project's.
	const wantedEncodings = options.wanted.map(project => encodeLaunchDir(project.project_path));
	const mayHold = (folder: string) => wantedEncodings.some(encoding => folder === encoding || folder.startsWith(`${encoding}-`));
	const files = await listTranscriptFiles(options.root, mayHold);
	const marks = await loadTranscriptMarks(database);
	const projectOf = wantedOwner(options);
	// Whole states only for the files that will be read: most of a collect's files are left alone.
	const states = await loadTranscriptStates(database, files.filter(file => needsState(file, marks.get(file.path), options, projectOf)).map(file => file.path));
	let batch: Batch | undefined;
	const batchFor = async () => (batch ??= new (await reading()).Batch(database, results, options));
	let owned: Map<string, number> | undefined;
	// Which files will be read, and how, is known before any is: they are parsed ahead, in this order.
	const jobs = files.map(file => jobOf(file, marks.get(file.path), states.get(file.path), options));
	let reads: ReadsAhead | undefined;
	const take = async (index: number) => {
		reads ??= (await reading()).ReadsAhead.start(jobs, {readWorkers: options.readWorkers ?? 0, readers: options.readers});
		return reads.take(index);
	};

	try {
		for (const [index, file] of files.entries()) {
			if (options.signal?.aborted) break;
			const mark = marks.get(file.path);
			const state = states.get(file.path);
			if (file.problem) {
				const owner = options.wanted.find(project => project.project_id === mark?.project_id) ?? ownerByFolder(file.folder, options.wanted);
				if (owner) (await batchFor()).fail(owner, file, `${file.path}: ${file.problem}`);
				continue;
			}

			let cwd = mark?.cwd ?? null;
			// A file not seen before is read whole at once: its first lines say whose it is.
			let fresh: Parsed | undefined;
			const started = performance.now();
			if (cwd === null) {
				fresh = await take(index);
				if (!fresh.read) {
					const owner = ownerByFolder(file.folder, options.wanted);
					if (owner) (await batchFor()).fail(owner, file, `${file.path}: ${fresh.problem}`);
					continue;
				}

				cwd = fresh.read.cwd;
			}

			const project = projectOf(cwd);
			if (!project || cwd === null) continue;
			const result = results.get(project.project_id)!;
			result.files += 1;
			// A file read whole to learn whose it is: its time is its project's.
			if (fresh) result.readMs += performance.now() - started;
			if (mark && mark.project_id !== project.project_id) await moveRows(database, results, file, mark, project);

			const unchanged = isUnchanged(file, mark, project, options.force);
			options.onEvent?.({type: 'transcript-found', project, file: file.path, unchanged});
			if (unchanged) {
				result.skipped += 1;
				owned ??= await ownedRowCounts(database);
				result.unchanged += owned.get(file.relative) ?? 0;
				continue;
			}

			const readStarted = performance.now();
			const parsed = fresh ?? (await take(index));
			result.readMs += performance.now() - readStarted;
			await (await batchFor()).read(project, file, state, cwd, parsed);
		}

		await batch?.flush();
	} finally {
		await reads?.close();
	}

	return results;
}

/**
 * How the loop above will read a file, if at all: whole when whose it is is not known yet; else,
 * when it changed and is wanted, from where its last read left open work if it only grew.
 */
function jobOf(
	file: TranscriptFile,
	mark: TranscriptFileMark | undefined,
	state: TranscriptFileState | undefined,
	options: TranscriptCollectOptions,
): ParseJob | undefined {
	if (file.problem) return undefined;
	const whole: ParseJob = {path: file.path, subagent: file.subagent, maxLineBytes: options.maxLineBytes, bytes: file.size};
	if (!mark || mark.cwd === null) return whole;
	// Whole states are loaded for the files to be read again, and only for them (needsState).
	if (!state) return undefined;
	if (options.force || file.size < state.end_offset) return whole;
	const resume = {offset: state.resume_offset, line: state.resume_line, carry: state.carry, headBytes: state.head_bytes, headHash: state.head_hash};
	return {...whole, bytes: Math.max(0, file.size - state.resume_offset), resume};
}

/** The wanted project a launch directory belongs to, if any. */
function wantedOwner(options: TranscriptCollectOptions): (cwd: string | null) => Project | undefined {
	const wantedIds = new Set(options.wanted.map(project => project.project_id));
	// A project's sessions share a few launch directories: each is matched against the projects once.
	const owners = new Map<string, Project | undefined>();
	return cwd => {
		if (cwd === null) return undefined;
		if (!owners.has(cwd)) owners.set(cwd, projectOfLaunch(cwd, options.active));
		const project = owners.get(cwd);
		return project && wantedIds.has(project.project_id) ? project : undefined;
	};
}

/** A file now launched inside another project: its rows move, and both projects' rollups are recomputed. */
async function moveRows(database: Database, results: Map<string, TranscriptProjectResult>, file: TranscriptFile, state: TranscriptFileMark, project: Project): Promise<void> {
	await moveTranscriptRows(database, file.relative, project.project_id);
	results.get(project.project_id)!.moved = true;
	const before = results.get(state.project_id);
	if (before) before.moved = true;
}

function isUnchanged(file: TranscriptFile, state: TranscriptFileMark | undefined, project: Project, force: boolean | undefined): boolean {
	return state !== undefined && !force && state.size === file.size && state.mtime_ms === file.mtimeMs && state.project_id === project.project_id;
}

/** A stored file the loop will read: one whose project is known, wanted, and which changed (or moved). */
function needsState(file: TranscriptFile, mark: TranscriptFileMark | undefined, options: TranscriptCollectOptions, projectOf: (cwd: string | null) => Project | undefined): boolean {
	if (!mark || file.problem) return false;
	if (mark.cwd === null) return true;
	const project = projectOf(mark.cwd);
	return project !== undefined && !isUnchanged(file, mark, project, options.force);
}

function emptyResult(): TranscriptProjectResult {
	return {files: 0, read: 0, skipped: 0, collected: 0, updated: 0, unchanged: 0, errors: [], moved: false, readMs: 0};
}

/** Who an unreadable file belongs to, when its folder is all there is to go by. */
function ownerByFolder(folder: string, projects: readonly Project[]): Project | undefined {
	let best: Project | undefined;
	for (const project of projects) {
		const encoding = encodeLaunchDir(project.project_path);
		if ((folder === encoding || folder.startsWith(`${encoding}-`)) && (!best || encoding.length > encodeLaunchDir(best.project_path).length)) best = project;
	}

	return best;
}
