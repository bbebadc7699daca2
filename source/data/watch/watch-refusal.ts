import {statfs} from 'node:fs/promises';

/** How the live collector learns of changes: file-system events, or a stat of every file every 2 s. */
export type WatchMode = 'watch' | 'polling';

/** What the caller asks for: events where the system gives them (`auto`), or polling regardless. */
export type WatchRequest = 'auto' | 'poll';

/** The system refused a watcher: live collection falls back to polling, and says why. */
export class WatchRefused extends Error {}

const REFUSALS: Record<string, string> = {
	ENOSPC: 'the system\'s limit of file watches is reached (fs.inotify.max_user_watches)',
	EMFILE: 'too many open files for another watcher',
	ENFILE: 'the system has too many open files for another watcher',
	ENOSYS: 'file watching is not supported here',
	EPERM: 'file watching is not permitted here',
};

/** The refusal an error from fs.watch stands for, or undefined for an ordinary one (a folder gone). */
export function refusalOf(error: unknown, directory: string): WatchRefused | undefined {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const reason = code ? REFUSALS[code] : undefined;
	return reason ? new WatchRefused(`${directory}: ${reason} (${code})`) : undefined;
}

/**
 * File systems whose changes made elsewhere send no events here (a network share, WSL's view of
 * Windows drives through 9p): their magic numbers as statfs(2) gives them.
 */
const SILENT_FILESYSTEMS = new Map<number, string>([
	[0x69_69, 'NFS'],
	[0x51_7b, 'SMB'],
	[0xff_53_4d_42, 'CIFS'],
	[0xfe_53_4d_42, 'SMB2'],
	[0x01_02_19_97, '9p (WSL\'s Windows drives)'],
]);

/** Why `directory` must be polled although watchers would be accepted there; undefined when events work. */
export async function silentFilesystem(directory: string): Promise<string | undefined> {
	const info = await statfs(directory).catch(() => undefined);
	const name = info ? SILENT_FILESYSTEMS.get(Number(info.type)) : undefined;
	return name ? `${directory} is on ${name}, which sends no change events for writes made elsewhere` : undefined;
}
