import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {aggregatesAreFresh, refreshAggregates} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {lakeRoot, MACHINE_FOLDER} from './layout.js';
import {checkFolder, type LakeManifest} from './manifest.js';
import {createLakeRows, dedupeLakeRows, LAKE_ROWS, readMachineFiles} from './read.js';
import {mirrorMachines, switchedAnonymity, upsertPulled} from './upsert.js';
import {localMachine} from '../registry/machines.js';
import {markDataChanged} from '../store/settings.js';
import {refreshWorkflows, workflowsAreFresh} from '../rollups/workflows.js';

export interface PullOptions {
	dir: string;
	/** Rows and projects a machine no longer pushes are deleted here too (by default history is kept). */
	mirror: boolean;
	/** Zone of the rollups refreshed after the pull. */
	timezone: string;
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
	totals: {machines: number; rows: number; inserted: number; updated: number; deleted: number; skipped: number};
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

/**
 * Every other machine's folder whose manifest and files check out, read into `lake_rows`. A
 * folder of the very push pulled last time is not read again (a sync repeated read a million
 * rows in 3.6 s to change nothing), except to mirror it: --mirror compares every row.
 */
async function readFolders(database: Database, root: string, ownId: string, skipped: PullReport['skipped'], mirror: boolean): Promise<Found[]> {
	const entries = await readdir(root, {withFileTypes: true});
	const pulled = mirror ? new Map<string, number>() : await pulledPushes(database);
	const found: Found[] = [];
	for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
		const match = MACHINE_FOLDER.exec(entry.name);
		if (!entry.isDirectory() || !match || match[1] === ownId) continue;
		const folder = path.join(root, entry.name);
		const check = await checkFolder(folder, match[1]!);
		if (!check.ok) {
			skipped.push({folder, problem: check.problem});
			continue;
		}

		const unchanged = pulled.get(match[1]!) === Date.parse(check.manifest.pushed_at);
		const problem = unchanged ? undefined : await readMachineFiles(database, match[1]!, check.manifest, check.files);
		if (problem) skipped.push({folder, problem});
		else found.push({folder, machineId: match[1]!, manifest: check.manifest});
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
	const own = await localMachine(database);
	const skipped: PullReport['skipped'] = [];
	const freshBefore = await aggregatesAreFresh(database, options.timezone);
	const workflowsFreshBefore = await workflowsAreFresh(database);
	await createLakeRows(database);
	try {
		const found = await readFolders(database, root, own.machine_id, skipped, options.mirror);
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
		return {
			dir: root, machines, skipped,
			totals: {machines: machines.length, rows: sum('rows'), inserted: sum('inserted'), updated: sum('updated'), deleted: sum('deleted'), skipped: skipped.length},
		};
	} finally {
		await database.run(`DROP TABLE IF EXISTS temp.${LAKE_ROWS}`);
	}
}
