import {encodeLaunchDir, listTranscriptFiles, projectOfLaunch} from '../../formats/transcripts/files.js';
import type {TranscriptRead} from '../../formats/transcripts/reader.js';
import type {Database} from '../store/database.js';
import type {Project} from '../registry/registry.js';
import type {Batch} from './batch.js';
import {loadTranscriptStates, moveTranscriptRows, ownedRowCounts} from './state.js';
import type {TranscriptCollectOptions, TranscriptProjectResult} from './types.js';

export type {TranscriptCollectOptions, TranscriptEvent, TranscriptProjectResult} from './types.js';

/**
 * The reading half (reader, parser, writer): loaded once a file is to be read or failed, so that a
 * collect with nothing new does not pay its ~15 ms of loading.
 */
async function reading() {
	const [{readTranscript}, {Batch, readProblem}] = await Promise.all([import('../../formats/transcripts/reader.js'), import('./batch.js')]);
	return {readTranscript, Batch, readProblem};
}

export async function collectTranscripts(database: Database, options: TranscriptCollectOptions): Promise<Map<string, TranscriptProjectResult>> {
	const results = new Map<string, TranscriptProjectResult>(options.wanted.map(project => [project.project_id, emptyResult()]));
	if (options.wanted.length === 0) return results;
	// A folder is the encoding of its launch directory: one inside a project starts with the project's.
	const wantedEncodings = options.wanted.map(project => encodeLaunchDir(project.project_path));
	const mayHold = (folder: string) => wantedEncodings.some(encoding => folder === encoding || folder.startsWith(`${encoding}-`));
	const files = await listTranscriptFiles(options.root, mayHold);
	const states = options.states ?? (await loadTranscriptStates(database));
	const wantedIds = new Set(options.wanted.map(project => project.project_id));
	let batch: Batch | undefined;
	const batchFor = async () => (batch ??= new (await reading()).Batch(database, results, options));
	let owned: Map<string, number> | undefined;
	// A project's sessions share a few launch directories: each is matched against the projects once.
	const owners = new Map<string, Project | undefined>();
	const ownerOf = (cwd: string) => (owners.has(cwd) ? owners.get(cwd) : owners.set(cwd, projectOfLaunch(cwd, options.active)).get(cwd));
	for (const file of files) {
		if (options.signal?.aborted) break;
		const state = states.get(file.path);
		if (file.problem) {
			const owner = options.wanted.find(project => project.project_id === state?.project_id) ?? ownerByFolder(file.folder, options.wanted);
			if (owner) (await batchFor()).fail(owner, file, `${file.path}: ${file.problem}`);
			continue;
		}

		let cwd = state?.cwd ?? null;
		// A file not seen before is read whole at once: its first lines say whose it is.
		let fresh: TranscriptRead | undefined;
		const started = performance.now();
		if (cwd === null) {
			const {readTranscript, readProblem} = await reading();
			try {
				fresh = await readTranscript(file.path, {fromOffset: 0, fromLine: 0, subagent: file.subagent, maxLineBytes: options.maxLineBytes});
				cwd = fresh.cwd;
			} catch (error) {
				const owner = ownerByFolder(file.folder, options.wanted);
				if (owner) (await batchFor()).fail(owner, file, `${file.path}: ${readProblem(error)}`);
				continue;
			}
		}

		const project = cwd === null ? undefined : ownerOf(cwd);
		if (!project || cwd === null || !wantedIds.has(project.project_id)) continue;
		const result = results.get(project.project_id)!;
		result.files += 1;
		// A file read whole to learn whose it is: its time is its project's.
		if (fresh) result.readMs += performance.now() - started;
		if (state && state.project_id !== project.project_id) {
			await moveTranscriptRows(database, file.relative, project.project_id);
			result.moved = true;
			const before = results.get(state.project_id);
			if (before) before.moved = true;
		}

		const unchanged = state !== undefined && !options.force && state.size === file.size && state.mtime_ms === file.mtimeMs && state.project_id === project.project_id;
		options.onEvent?.({type: 'transcript-found', project, file: file.path, unchanged});
		if (unchanged) {
			result.skipped += 1;
			owned ??= await ownedRowCounts(database);
			result.unchanged += owned.get(file.relative) ?? 0;
			continue;
		}

		await (await batchFor()).read(project, file, state, cwd, fresh);
	}

	await batch?.flush();
	return results;
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
