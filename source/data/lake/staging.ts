import {lstat, readdir, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {machineFolder, STAGING} from './layout.js';

/*
 * A push writes its folder whole under DIR/.staging/<stem>/ and renames it into place. The stem
 * names its owner, `<machine id>.<host id>.<pid>.<ms>`, so that a later push removes only what a
 * dead push left: two databases sharing a machine id (a copy) once deleted each other's live
 * staging, and the survivor pushed a truncated folder with a manifest that agreed with it.
 */

export const stemOf = (machineId: string, hostId: string, pid: number, ms: number) => `${machineId}.${hostId}.${pid}.${ms}`;

/** No push lasts a day: past that, a leftover whose owner cannot be asked (another host) is dead. */
const UNOWNED_AFTER_MS = 86_400_000;

/** Whether a process of this host runs with this pid (EPERM: it runs, as another user). */
function running(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Leftovers of this machine id's pushes whose owner is dead: of this host, when their pid runs no
 * more; of another host (or of a skillscope before owners were named), when older than a day.
 * A live push's staging is never touched. Readers never count them (the lake's glob is
 * DIR/machine=*, and pulls read the files a manifest lists).
 */
export async function removeLeftovers(root: string, machineId: string, hostId: string, now: number): Promise<void> {
	const staging = path.join(root, STAGING);
	const entries = await readdir(staging).catch(() => [] as string[]);
	for (const entry of entries) {
		if (!entry.startsWith(`${machineId}.`)) continue;
		const [host, pid] = entry.slice(machineId.length + 1).split('.');
		const ours = host === hostId && /^\d+$/.test(pid ?? '');
		if (ours && running(Number(pid))) continue;
		if (!ours) {
			const found = await lstat(path.join(staging, entry)).catch(() => undefined);
			if (!found || now - found.mtimeMs < UNOWNED_AFTER_MS) continue;
		}

		await rm(path.join(staging, entry), {recursive: true, force: true});
	}
}

/**
 * The staged folder in place of the last push, each as a whole: the old folder is moved aside,
 * the new one renamed in, the old one removed. A kill at any point leaves the last push, no folder
 * of this machine (between the two renames), or the new push; never half of one. What it leaves
 * under .staging is removed by the next push.
 */
export async function replaceFolder(root: string, machineId: string, stem: string, pause?: (point: string) => Promise<void>): Promise<void> {
	const target = path.join(root, machineFolder(machineId));
	const old = path.join(root, STAGING, `${stem}.old`);
	await rename(target, old).catch((error: NodeJS.ErrnoException) => {
		if (error.code !== 'ENOENT') throw error;
	});
	await pause?.('push-replacing');
	try {
		await rename(path.join(root, STAGING, stem), target);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTEMPTY' || code === 'EEXIST') {
			await rm(old, {recursive: true, force: true});
			throw new Error(`${target} was put in place by another push of machine id ${machineId} while this one replaced it: that push stands, this one wrote nothing`);
		}

		// The last push back in place: a push that fails leaves what was there.
		await rename(old, target).catch(() => undefined);
		throw error;
	}

	await rm(old, {recursive: true, force: true});
}
