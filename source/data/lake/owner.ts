import {lstat, readFile} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../../errors.js';
import {type HostFile, otherPusher, readHost} from './host.js';
import {machineFolder, MANIFEST} from './layout.js';

/** Who pushes: this host's identity file (named at the edge) and the database file pushing. */
export interface Pusher {
	hostFile: string;
	/** The database's real path; undefined for one in memory. */
	database: string | undefined;
}

const NEW_ID = 'Nothing was written. Give this database an id of its own with `skillscope machines --new-id` (what it holds now stays with the old id, whose folder keeps it), then push again';

/** The host and time the folder's last push names, when its manifest is ours and says so (pushes before host ids did not). */
async function lastPush(folder: string): Promise<{host_id: string; name: string; pushed_at: string} | undefined> {
	const file = path.join(folder, MANIFEST);
	const found = await lstat(file).catch(() => undefined);
	if (!found?.isFile() || found.size > 64 * 1024 * 1024) return undefined;
	try {
		const manifest = JSON.parse(await readFile(file, 'utf8')) as {host_id?: unknown; name?: unknown; pushed_at?: unknown};
		if (typeof manifest.host_id !== 'string') return undefined;
		return {host_id: manifest.host_id, name: String(manifest.name), pushed_at: String(manifest.pushed_at)};
	} catch {
		return undefined;
	}
}

/**
 * A push may replace the machine's folder only when this database is the one that pushes the
 * machine id: not a copy of it on another host (the folder's last push names another host id),
 * nor a copy beside it here (another database file, still present, pushes the id from this host).
 * Checked before anything is written and again just before the folder is replaced. The host id
 * is random and kept outside the database: a renamed host keeps it, a copied database does not.
 */
export async function checkOwner(root: string, machineId: string, pusher: Pusher): Promise<HostFile> {
	const host = await readHost(pusher.hostFile);
	const other = await otherPusher(host, machineId, pusher.database);
	if (other) {
		throw new UsageError(`machine id ${machineId} is pushed from this host by ${other}; this database (${pusher.database}) holds the same id (a copy of it?). ${NEW_ID}`);
	}

	const folder = path.join(root, machineFolder(machineId));
	const last = await lastPush(folder);
	if (last && last.host_id !== host.host_id) {
		throw new UsageError(
			`${folder} was last pushed from another host (${last.name}, host id ${last.host_id}, at ${last.pushed_at}), and this host is ${host.host_id}: two databases share machine id ${machineId} (one copied or restored from the other?). ${NEW_ID}`,
		);
	}

	return host;
}
