import {tuningOf} from '../collect/tuning.js';
import type {CollectOptions, ProjectReport} from '../collect/types.js';
import {addChangedRange, movedProjects} from '../collect/ranges.js';
import type {Database} from '../store/database.js';
import {getSetting} from '../store/settings.js';
import type {Project} from '../registry/registry.js';
import {collectTranscripts} from './collector.js';

/** The projects' Claude Code transcripts, after their metrics files: added to their reports. */
export async function collectProjectTranscripts(database: Database, reports: readonly ProjectReport[], options: CollectOptions, active: readonly Project[]): Promise<void> {
	if (options.claudeRoot === undefined || reports.length === 0) return;
	const byId = new Map(active.map(project => [project.project_id, project]));
	const wanted = reports.map(report => byId.get(report.project_id)).filter((project): project is Project => project !== undefined);
	// Schema 6 marked every file changed: this collect reads them whole again, once (migrations/v6-outcomes.ts).
	const reread = await getSetting(database, 'transcripts_reread');
	if (reread !== undefined) options.onEvent?.({type: 'notice', message: 'reading every Claude Code transcript again, once: this version finds how each use ended and which version of the skill ran'});
	const results = await collectTranscripts(database, {
		root: options.claudeRoot,
		active,
		wanted,
		force: options.force,
		maxLineBytes: tuningOf(options).limits.maxLineBytes,
		// One parse thread only moves the parsing off the main thread, which then waits for it: on 2
		// cores (the default there is 1) it was 5-10 % slower than the main thread alone, and 2 threads
		// on 2 busy cores slower still. Threads parse transcripts from 2 up; 'workers' asks for them anyway.
		readWorkers: transcriptThreads(tuningOf(options).readWorkers, options.readers),
		readers: options.readers,
		signal: options.signal,
		onEvent: options.onEvent,
	});
	if (reread !== undefined && !options.signal?.aborted) await database.run(`DELETE FROM settings WHERE key = 'transcripts_reread'`);
	for (const report of reports) {
		const result = results.get(report.project_id);
		if (!result) continue;
		report.sources += result.files;
		report.transcripts = result.files;
		report.skipped_sources += result.skipped;
		report.collected += result.collected;
		report.updated += result.updated;
		report.unchanged += result.unchanged;
		report.errors += result.errors.length;
		report.error_details.push(...result.errors);
		report.duration_ms += result.readMs;
		if (result.moved) {
			movedProjects.add(report);
		} else if (result.fromUs !== undefined && result.toUs !== undefined) {
			addChangedRange(report, result.fromUs, result.toUs);
		}
	}
}

function transcriptThreads(readWorkers: number, readers: 'auto' | 'main' | 'workers' | undefined): number {
	return readWorkers >= 2 || readers === 'workers' ? readWorkers : 0;
}
