import type {CollectOptions, ProjectReport} from './collect-types.js';
import {addChangedRange, movedProjects} from './collect-ranges.js';
import type {Database} from './database.js';
import type {Project} from './registry.js';
import {collectTranscripts} from './transcript-collector.js';
import {loadTranscriptStates, type TranscriptFileState} from './transcript-state.js';

/** source_state's counterpart for transcripts, loaded once per collect (its options object). */
const transcriptStates = new WeakMap<CollectOptions, Promise<Map<string, TranscriptFileState>>>();

/** The project's Claude Code transcripts, after its metrics files: added to its report. */
export async function collectProjectTranscripts(database: Database, project: Project, options: CollectOptions, active: readonly Project[], report: ProjectReport): Promise<void> {
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
		addChangedRange(report, result.fromUs, result.toUs);
	}
}
