import type {Database} from '../store/database.js';
import {FolderWatches} from './folder-watches.js';
import {watchTargets} from './watch-targets.js';
import {silentFilesystem, WatchRefused, type WatchMode, type WatchRequest} from './watch-refusal.js';

/** How live collection would learn of changes here: what `health` reports. */
export interface WatchProbe {
	mode: WatchMode;
	/** Folders fs.watch was set on (0 when polling). */
	folders: number;
	/** Why it would poll. */
	reason?: string;
}

/** Sets every watcher live collection would, and lets go of them at once: refused, or on a mount that sends no events, it polls. */
export async function probeWatch(database: Database, claudeRoot: string | undefined, request: WatchRequest): Promise<WatchProbe> {
	if (request === 'poll') return {mode: 'polling', folders: 0, reason: 'polling was asked for (SKILLSCOPE_WATCH=poll)'};
	const targets = await watchTargets(database, claudeRoot);
	const silent = targets.tree ? await silentFilesystem(targets.tree) : undefined;
	if (silent) return {mode: 'polling', folders: 0, reason: silent};
	const watches = new FolderWatches(() => undefined, () => undefined);
	try {
		watches.sync(targets);
		return {mode: 'watch', folders: watches.folders};
	} catch (error) {
		if (error instanceof WatchRefused) return {mode: 'polling', folders: 0, reason: error.message};
		throw error;
	} finally {
		watches.close();
	}
}
