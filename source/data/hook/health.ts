import {hookFiles, type HookRun, lastHookLogLine, type LogLine, readHookState} from './files.js';

/** The plugin hook's part of `skillscope health`: when it last collected, and what it last could not. */
export interface HookHealth {
	log: string;
	last_run: HookRun | null;
	last_collect: HookRun | null;
	/** The newest line of the log when it is newer than the last collect: the hook's latest word is a failure. */
	failed_since: LogLine | null;
	warnings: string[];
}

export async function hookHealth(databasePath: string): Promise<HookHealth | undefined> {
	const files = hookFiles(databasePath);
	if (!files) return undefined;
	const [{state, problem}, line] = await Promise.all([readHookState(files.state), lastHookLogLine(files.log)]);
	const collectedAt = state.last_collect ? Date.parse(state.last_collect.at) : Number.NEGATIVE_INFINITY;
	// The shell script logs when skillscope is missing and never writes the state: the log alone says it ran then.
	const failed = line && Date.parse(line.at) > collectedAt ? line : null;
	const warnings = problem ? [problem] : [];
	if (failed) warnings.push(`the plugin's hook could not collect at ${failed.at}: ${failed.message} (log: ${files.log})`);
	return {log: files.log, last_run: state.last_run, last_collect: state.last_collect, failed_since: failed, warnings};
}
