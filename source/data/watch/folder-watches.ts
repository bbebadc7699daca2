import {type FSWatcher, watch} from 'node:fs';
import path from 'node:path';
import {folderIdentity, watchPlan, type WatchTargets} from './watch-targets.js';
import {refusalOf, type WatchRefused} from './watch-refusal.js';

interface Watched {
	watcher: FSWatcher;
	/** The folder's inode when watched: a folder deleted and made again is another one, watched anew. */
	identity: number;
	names: Set<string> | 'tree';
}

/** In the transcript tree, what a change can be: a transcript, or a folder (no dot in its name). */
const mattersInTree = (name: string) => name.endsWith('.jsonl') || !name.includes('.');

/**
 * One `fs.watch` per folder, not `{recursive: true}`: on Linux, Node 20's recursive mode is a
 * JavaScript walk that puts a watch on every file as well as every folder (1,331 inotify watches
 * and 44 ms of synchronous start for the 141 MB bench tree, against 221 and 6 ms here), walks a
 * folder again with readdirSync on each event in it, and swallows ENOSPC/EMFILE during its first
 * walk (lib/internal/fs/recursive_watch.js), so a refused watcher would look like a working one.
 * Here a refusal throws, and the caller polls instead.
 */
export class FolderWatches {
	private readonly watched = new Map<string, Watched>();
	private closed = false;

	constructor(
		private readonly onChange: (file: string) => void,
		private readonly onRefused: (refusal: WatchRefused) => void,
	) {}

	get folders(): number {
		return this.watched.size;
	}

	/** Watches what `targets` need now and lets go of the rest; throws WatchRefused when the system says no. */
	sync(targets: WatchTargets): void {
		const plan = watchPlan(targets);
		for (const [folder, entry] of this.watched) {
			const names = plan.get(folder);
			if (!names || folderIdentity(folder) !== entry.identity) this.unwatch(folder);
			else entry.names = names;
		}

		for (const [folder, names] of plan) {
			if (this.closed) return;
			if (!this.watched.has(folder)) this.watch(folder, names);
		}
	}

	close(): void {
		this.closed = true;
		for (const folder of [...this.watched.keys()]) this.unwatch(folder);
	}

	private watch(folder: string, names: Set<string> | 'tree'): void {
		const identity = folderIdentity(folder);
		if (identity === undefined) return;
		let watcher: FSWatcher;
		try {
			watcher = watch(folder, {persistent: true}, (_event, name) => this.changed(folder, name));
		} catch (error) {
			const refusal = refusalOf(error, folder);
			if (refusal) throw refusal;
			// Gone between the plan and the watch: the next sync sees it so.
			return;
		}

		watcher.on('error', error => {
			this.unwatch(folder);
			const refusal = refusalOf(error, folder);
			if (refusal) this.onRefused(refusal);
			else this.onChange(folder);
		});
		this.watched.set(folder, {watcher, identity, names});
	}

	private unwatch(folder: string): void {
		this.watched.get(folder)?.watcher.close();
		this.watched.delete(folder);
	}

	private changed(folder: string, name: string | null): void {
		const entry = this.watched.get(folder);
		if (!entry || this.closed) return;
		// No name (some systems give none): anything may have changed.
		if (name === null) {
			this.onChange(folder);
			return;
		}

		const matters = entry.names === 'tree' ? mattersInTree(name) : entry.names.has(name);
		if (matters) this.onChange(path.join(folder, name));
	}
}
