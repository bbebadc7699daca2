import type {CollectReport} from '../collect/types.js';
import type {Database} from '../store/database.js';
import {CollectScheduler, LIVE_TIMING, type CollectTiming} from './collect-scheduler.js';
import {FolderWatches} from './folder-watches.js';
import {StatPoll, POLL_MS} from './stat-poll.js';
import {folderIdentity, watchTargets, type WatchTargets} from './watch-targets.js';
import {silentFilesystem, WatchRefused, type WatchMode, type WatchRequest} from './watch-refusal.js';

export type {WatchMode, WatchRequest} from './watch-refusal.js';

export type LiveEvent =
	/** How changes are learnt of, and when polling, why. Sent at the start and on a fallback. */
	| {type: 'mode'; mode: WatchMode; reason?: string; folders: number}
	| {type: 'collected'; report: CollectReport; at: Date}
	| {type: 'failed'; message: string; at: Date}
	/** The transcript tree went away (the Claude root deleted) or came back: followed again either way. */
	| {type: 'tree'; tree: string; present: boolean};

export interface LiveOptions {
	/** Where the active projects are listed (reads only). */
	database: Database;
	claudeRoot?: string;
	request: WatchRequest;
	/** One incremental collect, as the caller runs them (its own connection, its write queue). */
	collect: (signal: AbortSignal) => Promise<CollectReport>;
	onEvent: (event: LiveEvent) => void;
	timing?: CollectTiming;
	/** A collect this often whatever the events say: one missed (a full queue, a mount) is caught. */
	fullCheckMs?: number;
	pollMs?: number;
}

/** Every few minutes: a collect with nothing changed costs ~0.1 s at 20 projects (BENCHMARKS.md). */
export const FULL_CHECK_MS = 3 * 60_000;

/**
 * Live collection: watches the transcript tree and the active projects' metrics files, and
 * collects incrementally when they change (CollectScheduler's timing), with a collect at the start
 * and a full check every few minutes. Falls back to polling when watchers are refused.
 */
export class LiveCollector {
	private readonly scheduler: CollectScheduler;
	private readonly abort = new AbortController();
	private watches: FolderWatches | undefined;
	private poll: StatPoll | undefined;
	private targets: WatchTargets = {files: []};
	private fullCheck: NodeJS.Timeout | undefined;
	private modeNow: WatchMode = 'watch';
	private treePresent: boolean | undefined;

	private constructor(private readonly options: LiveOptions) {
		this.scheduler = new CollectScheduler(async () => this.collectOnce(), options.timing ?? LIVE_TIMING);
	}

	/** Started: the first collect is under way, the watchers (or the poll) are set. */
	static async start(options: LiveOptions): Promise<LiveCollector> {
		const live = new LiveCollector(options);
		await live.begin();
		return live;
	}

	/** A collect soon, without waiting for an event: something was registered that no watch covered yet. */
	collectSoon(): boolean {
		if (this.abort.signal.aborted) return false;
		this.scheduler.now();
		return true;
	}

	get mode(): WatchMode {
		return this.modeNow;
	}

	/** Stops watching; resolves once a collect in flight has ended (it is asked to stop between sources). */
	async stop(): Promise<void> {
		clearInterval(this.fullCheck);
		this.watches?.close();
		this.poll?.stop();
		this.abort.abort();
		await this.scheduler.stop();
	}

	private async begin(): Promise<void> {
		this.targets = await watchTargets(this.options.database, this.options.claudeRoot);
		const silent = this.options.request === 'poll' ? 'polling was asked for (SKILLSCOPE_WATCH=poll)' : this.targets.tree ? await silentFilesystem(this.targets.tree) : undefined;
		if (silent) this.startPolling(silent);
		else this.startWatching();
		this.fullCheck = setInterval(() => this.scheduler.now(), this.options.fullCheckMs ?? FULL_CHECK_MS);
		this.scheduler.now();
	}

	private startWatching(): void {
		const watches = new FolderWatches(() => this.scheduler.changed(), refusal => this.fallBack(refusal));
		this.watches = watches;
		try {
			watches.sync(this.targets);
			this.options.onEvent({type: 'mode', mode: 'watch', folders: watches.folders});
		} catch (error) {
			if (!(error instanceof WatchRefused)) throw error;
			this.fallBack(error);
		}
	}

	private fallBack(refusal: WatchRefused): void {
		if (this.modeNow === 'polling' || this.abort.signal.aborted) return;
		this.watches?.close();
		this.watches = undefined;
		this.startPolling(refusal.message);
	}

	private startPolling(reason: string): void {
		this.modeNow = 'polling';
		// A look already spans 2 s of writes: what it finds is collected at once, not after 300 ms more.
		this.poll = new StatPoll(() => this.targets, () => this.scheduler.now(), this.options.pollMs ?? POLL_MS);
		this.poll.start();
		this.options.onEvent({type: 'mode', mode: 'polling', reason, folders: 0});
	}

	/** Says when the tree is gone or back, once each time: what a person watching a terminal needs to know. */
	private noticeTree(): void {
		const {tree} = this.targets;
		if (tree === undefined) return;
		const present = folderIdentity(tree) !== undefined;
		if (this.treePresent !== undefined && present !== this.treePresent) this.options.onEvent({type: 'tree', tree, present});
		this.treePresent = present;
	}

	/** Folders and projects that appeared since (a registration, a new session folder) are watched first. */
	private async collectOnce(): Promise<void> {
		try {
			this.targets = await watchTargets(this.options.database, this.options.claudeRoot);
			this.noticeTree();
			this.watches?.sync(this.targets);
			const report = await this.options.collect(this.abort.signal);
			if (!this.abort.signal.aborted) this.options.onEvent({type: 'collected', report, at: new Date()});
		} catch (error) {
			if (error instanceof WatchRefused) {
				this.fallBack(error);
				this.scheduler.changed();
				return;
			}

			if (!this.abort.signal.aborted) this.options.onEvent({type: 'failed', message: error instanceof Error ? error.message : String(error), at: new Date()});
		}
	}
}
