import {randomUUID} from 'node:crypto';
import {link, mkdir, readFile, realpath, rename, rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {UsageError} from '../../errors.js';

/*
 * Who this host is, kept outside every database: a database file copied to another host (or
 * restored from a backup) carries its machine id along, and nothing inside it can tell the copy
 * from the original. A per-user file (environment.ts names it: $XDG_CONFIG_HOME/skillscope/host.json)
 * holds a random host id, made once, and which database file on this host pushes each machine
 * id. A push checks both (lake/owner.ts): the folder's manifest must name this host, and the
 * machine id must not be pushed by another database file here that still exists.
 */

const hostSchema = z.object({
	host_id: z.uuid(),
	/** machine id → the real path of the database file that pushes it from this host. */
	databases: z.record(z.string(), z.string()).default({}),
});

export type HostFile = z.infer<typeof hostSchema>;

async function parse(file: string): Promise<HostFile | undefined> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new UsageError(`${file}: this host's identity cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}

	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}

	const checked = hostSchema.safeParse(json);
	if (!checked.success) {
		throw new UsageError(`${file}: this host's identity is damaged (not the JSON skillscope writes). Move it away to make a new one; this host's folders in a lake then count as another host's, and \`skillscope machines --new-id\` gives each database a folder of its own`);
	}

	return checked.data;
}

/** Written whole under another name, then put in place: a reader never sees half a file. */
async function write(file: string, host: HostFile, exclusive: boolean): Promise<void> {
	const temporary = `${file}.${process.pid}.${randomUUID()}`;
	try {
		await mkdir(path.dirname(file), {recursive: true});
		await writeFile(temporary, `${JSON.stringify(host, null, 2)}\n`);
		// link() fails when the file exists: two processes making it at once keep one host id.
		if (exclusive) await link(temporary, file);
		else await rename(temporary, file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (exclusive && code === 'EEXIST') return;
		throw new UsageError(`${file}: this host's identity cannot be written: ${code ?? (error as Error).message}`);
	} finally {
		await rm(temporary, {force: true});
	}
}

/** This host's identity, made on first use. */
export async function readHost(file: string): Promise<HostFile> {
	const found = await parse(file);
	if (found) return found;
	await write(file, {host_id: randomUUID(), databases: {}}, true);
	return (await parse(file))!;
}

/** The database's file as one name per file (links resolved); undefined for one in memory. */
export async function databaseFile(database: {path: string}): Promise<string | undefined> {
	if (database.path === ':memory:') return undefined;
	return realpath(database.path).catch(() => path.resolve(database.path));
}

/** The database file on this host that pushes `machineId`, other than `own`, if it still exists. */
export async function otherPusher(host: HostFile, machineId: string, own: string | undefined): Promise<string | undefined> {
	const claimed = host.databases[machineId];
	if (claimed === undefined || own === undefined || claimed === own) return undefined;
	// Gone (moved, deleted): the database that pushes now takes the id over.
	return (await stat(claimed).catch(() => undefined)) ? claimed : undefined;
}

/** Records which database file pushes `machineId` from this host. */
export async function claimMachine(file: string, machineId: string, own: string | undefined): Promise<void> {
	if (own === undefined) return;
	const host = await readHost(file);
	if (host.databases[machineId] === own) return;
	await write(file, {...host, databases: {...host.databases, [machineId]: own}}, false);
}

/** Forgets that this database file pushes `machineId` (it took another id): the id is free for the file that keeps it. */
export async function releaseMachine(file: string, machineId: string, own: string | undefined): Promise<void> {
	const host = await readHost(file);
	if (own === undefined || host.databases[machineId] !== own) return;
	const databases = {...host.databases};
	delete databases[machineId];
	await write(file, {...host, databases}, false);
}
