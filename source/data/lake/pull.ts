import type {Dirent} from 'node:fs';
import {readdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {aggregatesAreFresh, refreshAggregates} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {lakeRoot, MACHINE_FOLDER} from './layout.js';
import {checkFolder, type LakeManifest} from './manifest.js';
import {createLakeRows, dedupeLakeRows, LAKE_ROWS, readMachineFiles} from './read.js';
import type {Dropped} from './validate.js';
import {mirrorMachines, switchedAnonymity, upsertPulled} from './upsert.js';
import {localMachine, splitMachines} from '../registry/machines.js';
import {capped} from './memory.js';
import {markDataChanged} from '../store/settings.js';
import {refreshWorkflows, workflowsAreFresh} from '../rollups/workflows.js';

export interface PullOptions {
	dir: string;
	/** Rows and projects a machine no longer pushes are deleted here too (by default history is kept). */
	mirror: boolean;
	/** Zone of the rollups refreshed after the pull. */
	timezone: string;
	/** DuckDB's memory during the pull, as a collect's (CollectTuning.memoryLimit): a 10 M row pull peaked at 5.4 GB without. */
	memoryLimit?: string;
	pause?: (point: string) => Promise<void>;
}

export interface PulledMachine {
	machine_id: string;
	name: string;
	folder: string;
	pushed_at: string;
	anonymized: boolean;
	projects: number;
	rows: number;
	inserted: number;
	updated: number;
	deleted: number;
}

export interface PullReport {
	dir: string;
	machines: PulledMachine[];
	/** Folders not pulled, each by name with the reason: the rest is pulled all the same. */
	skipped: Array<{folder: string; problem: string}>;
	/** Rows left out of a folder that was pulled (lake/validate.ts), by file: the rest of it is pulled. */
	dropped: Array<{folder: string} & Dropped>;
	totals: {machines: number; rows: number; inserted: number; updated: number; deleted: number; skipped: number; dropped: number};
}

interface Found {
	folder: string;
	machineId: string;
	manifest: LakeManifest;
}

/** When each machine's push that was last pulled was made (epoch ms). */
async function pulledPushes(database: Database): Promise<Map<string, number>> {
	const rows = await database.all<{machine_id: string; pushed: string}>(`SELECT machine_id, iso(pushed_at) AS pushed FROM machines WHERE pulled_at IS NOT NULL`);
	return new Map(rows.map(row => [row.machine_id, Date.parse(row.pushed)]));
}

/** A machine's folder as a pull takes it: a folder, or a link to one (moved to another disk); why not otherwise. */
async function notAFolder(root: string, entry: Dirent): Promise<string | undefined> {
	if (entry.isDirectory()) return undefined;
	if (!entry.isSymbolicLink()) return 'not a folder (a push writes a folder here)';
	const target = await stat(path.join(root, entry.name)).catch(() => undefined);
	return target?.isDirectory() ? undefined : 'a link to no folder';
}

interface Taken {
	skipped: PullReport['skipped'];
	dropped: PullReport['dropped'];
}

/**
 * Every other machine's folder whose manifest, files and rows check out, read into `lake_rows`. A
 * folder of the very push pulled last time is not read again (a sync repeated read a million
 * rows in 3.6 s to change nothing), except to mirror it: --mirror compares every row.
 */
async function readFolders(database: Database, root: string, ownId: string, taken: Taken, mirror: boolean): Promise<Found[]> {
	const entries = await readdir(root, {withFileTypes: true});
	const pulled = mirror ? new Map<string, number>() : await pulledPushes(database);
	const splits = await splitMachines(database);
	const found: Found[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		if (!entry.name.startsWith('machine=')) continue;
		const folder = path.join(root, entry.name);
		const machineId = MACHINE_FOLDER.exec(entry.name)?.[1];
		const wrong = machineId === undefined ? 'not a machine folder of skillscope (machine=<uuid>)' : machineId === ownId ? undefined : await notAFolder(root, entry);
		if (wrong) taken.skipped.push({folder, problem: wrong});
		if (wrong || machineId === undefined || machineId === ownId) continue;
		const check = await checkFolder(folder, machineId);
		if (!check.ok) {
			taken.skipped.push({folder, problem: check.problem});
			continue;
		}

		const unchanged = pulled.get(machineId) === Date.parse(check.manifest.pushed_at);
		const read = unchanged ? {dropped: []} : await readMachineFiles(database, machineId, check.manifest, check.files, splits.get(machineId) ?? null);
		if ('problem' in read) {
			taken.skipped.push({folder, problem: read.problem});
			continue;
		}

		taken.dropped.push(...read.dropped.map(item => ({folder, ...item})));
		found.push({folder, machineId, manifest: check.manifest});
	}

	return found;
}

/**
 * Reads every other machine's folder and upserts its rows under that machine, in one
 * transaction: a pull killed half-way leaves the database as it was. Then the rollups of the
 * projects that changed are brought up to date, so every report counts the pulled rows.
 */
export async function pullLake(database: Database, options: PullOptions): Promise<PullReport> {
	const root = await lakeRoot(options.dir, false);
	return capped(database, options.memoryLimit, async () => pullCapped(database, root, options));
}

async function pullCapped(database: Database, root: string, options: PullOptions): Promise<PullReport> {
	const own = await localMachine(database);
	const taken: Taken = {skipped: [], dropped: []};
	const freshBefore = await aggregatesAreFresh(database, options.timezone);
	const workflowsFreshBefore = await workflowsAreFresh(database);
	await createLakeRows(database);
	try {
		const found = await readFolders(database, root, own.machine_id, taken, options.mirror);
		await dedupeLakeRows(database);
		const manifests = found.map(item => item.manifest);
		const {counts, changed} = await database.transaction(async () => {
			const switched = await switchedAnonymity(database, manifests);
			const written = await upsertPulled(database, manifests);
			const deleted = options.mirror ? await mirrorMachines(database, manifests) : await mirrorMachines(database, switched, true);
			const touched = new Set(written.changedProjects);
			for (const {projects} of deleted.values()) for (const project of projects) touched.add(project);
			const anyDeleted = [...deleted.values()].some(entry => entry.rows > 0 || entry.projects.length > 0);
			if (touched.size > 0 || anyDeleted) await markDataChanged(database);
			await options.pause?.('pull-writing');
			return {counts: {written: written.byMachine, deleted}, changed: [...touched]};
		});
		if (changed.length > 0) {
			await refreshAggregates(database, {timezone: options.timezone, ...(freshBefore ? {projectIds: changed} : {})});
			await refreshWorkflows(database, workflowsFreshBefore ? changed.map(projectId => ({projectId})) : undefined);
		}

		const machines = found.map(({folder, machineId, manifest}): PulledMachine => {
			const written = counts.written.get(machineId) ?? {inserted: 0, updated: 0};
			return {
				machine_id: machineId, name: manifest.name, folder, pushed_at: manifest.pushed_at, anonymized: manifest.anonymized,
				projects: manifest.projects.length, rows: manifest.rows, ...written, deleted: counts.deleted.get(machineId)?.rows ?? 0,
			};
		});
		const sum = (key: 'rows' | 'inserted' | 'updated' | 'deleted') => machines.reduce((total, machine) => total + machine[key], 0);
		const dropped = taken.dropped.reduce((total, item) => total + item.rows, 0);
		return {
			dir: root, machines, ...taken,
			totals: {machines: machines.length, rows: sum('rows'), inserted: sum('inserted'), updated: sum('updated'), deleted: sum('deleted'), skipped: taken.skipped.length, dropped},
		};
	} finally {
		await database.run(`DROP TABLE IF EXISTS temp.${LAKE_ROWS}`);
	}
}
