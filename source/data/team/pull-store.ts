import type {Database} from '../store/database.js';
import {markDataChanged} from '../store/settings.js';
import type {LakeManifest} from '../lake/manifest.js';
import {mirrorMachines, switchedAnonymity, upsertPulled} from '../lake/upsert.js';
import {aggregatesAreFresh, refreshAggregates} from '../rollups/aggregator.js';
import {refreshWorkflows, workflowsAreFresh} from '../rollups/workflows.js';
import {savePullMarks} from './pull-scope.js';

/*
 * The pulled rows into this database the way `lake pull` stores a lake's (lake/pull.ts), with
 * the lake's own functions: machines and projects upserted, rows upserted by key plus machine,
 * the projects of a machine that switched --anonymize dropped under their old ids, all in one
 * transaction with the pull's marks; then the rollups of what changed. A row whose only change is
 * its outcome or version (a transcript read again) is updated as any other change.
 */

export interface Stored {
	written: Map<string, {inserted: number; updated: number}>;
	deleted: Map<string, number>;
}

interface Pulled {
	serverId: string;
	manifests: LakeManifest[];
	marks: Record<string, string>;
}

export async function storePulled(database: Database, pulled: Pulled, options: {timezone: string; pause?: (point: string) => Promise<void>}): Promise<Stored> {
	const freshBefore = await aggregatesAreFresh(database, options.timezone);
	const workflowsFreshBefore = await workflowsAreFresh(database);
	const {stored, changed} = await database.transaction(async () => {
		const switched = await switchedAnonymity(database, pulled.manifests);
		const written = await upsertPulled(database, pulled.manifests);
		const deleted = await mirrorMachines(database, switched, true);
		const touched = new Set(written.changedProjects);
		for (const {projects} of deleted.values()) for (const project of projects) touched.add(project);
		const anyDeleted = [...deleted.values()].some(entry => entry.rows > 0 || entry.projects.length > 0);
		if (touched.size > 0 || anyDeleted) await markDataChanged(database);
		await savePullMarks(database, pulled.serverId, pulled.marks);
		await options.pause?.('team-pull-writing');
		return {
			stored: {written: written.byMachine, deleted: new Map([...deleted].map(([machine, entry]) => [machine, entry.rows]))},
			changed: [...touched],
		};
	});
	if (changed.length > 0) {
		await refreshAggregates(database, {timezone: options.timezone, ...(freshBefore ? {projectIds: changed} : {})});
		await refreshWorkflows(database, workflowsFreshBefore ? changed.map(projectId => ({projectId})) : undefined);
	}

	return stored;
}
