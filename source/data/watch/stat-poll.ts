import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {treeFolders, type WatchTargets} from './watch-targets.js';

/** How often the fallback looks (the 2 s). */
export const POLL_MS = 2000;

async function signatureOf(file: string): Promise<string> {
	const info = await stat(file).catch(() => undefined);
	return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : '-';
}

/**
 * Every watched file's inode, size and modification time: what polling compares. A file deleted
 * and made again has another inode; a folder made anywhere in the tree adds its files.
 */
export async function snapshot(targets: WatchTargets): Promise<Map<string, string>> {
	const files = [...targets.files];
	if (targets.tree) {
		for (const folder of treeFolders(targets.tree)) {
			const entries = await readdir(folder, {withFileTypes: true}).catch(() => []);
			for (const entry of entries) if (entry.isFile() && entry.name.endsWith('.jsonl')) files.push(path.join(folder, entry.name));
			files.push(folder);
		}
	}

	const signatures = await Promise.all(files.map(signatureOf));
	return new Map(files.map((file, index) => [file, signatures[index]!]));
}

/** The first path whose signature differs between two snapshots, or undefined when none does. */
export function firstDifference(before: Map<string, string>, after: Map<string, string>): string | undefined {
	for (const [file, signature] of after) if (before.get(file) !== signature) return file;
	for (const file of before.keys()) if (!after.has(file)) return file;
	return undefined;
}

/**
 * The fallback when the system gives no watchers: a stat of every watched file every 2 s, one
 * look at a time (the next starts 2 s after the last one ended).
 */
export class StatPoll {
	private timer: NodeJS.Timeout | undefined;
	private last: Map<string, string> | undefined;
	private stopped = false;

	constructor(
		private readonly targets: () => WatchTargets,
		private readonly onChange: (file: string) => void,
		private readonly intervalMs = POLL_MS,
	) {}

	async start(): Promise<void> {
		this.last = await snapshot(this.targets());
		this.schedule();
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	private schedule(): void {
		if (this.stopped) return;
		this.timer = setTimeout(() => void this.look(), this.intervalMs);
	}

	private async look(): Promise<void> {
		const next = await snapshot(this.targets());
		const changed = this.last ? firstDifference(this.last, next) : undefined;
		this.last = next;
		if (changed !== undefined && !this.stopped) this.onChange(changed);
		this.schedule();
	}
}
