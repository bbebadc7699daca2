import type {Database} from '../store/database.js';
import {markDataChanged} from '../store/settings.js';
import {LAKE_ROWS} from '../lake/read.js';
import type {LakeManifest} from '../lake/manifest.js';
import {mirrorMachines, switchedAnonymity, upsertPulled} from '../lake/upsert.js';
import {aggregatesAreFresh, refreshAggregates} from '../rollups/aggregator.js';
import {refreshWorkflows, workflowsAreFresh} from '../rollups/workflows.js';
import {savePullMarks} from './pull-scope.js';

/*
 * The pulled rows into this database the way `lake pull` stores a lake's (lake/pull.ts), with
 * the lake's own functions: machines and projects upserted, rows upserted by key plus machine,
 * the projects of a machine that switched --anonymize dropped under their old ids, all in one
 * transaction with the pull's marks; then the rollups of what changed. One step more than the
 * lake's: the lake does not carry outcomes and versions yet, so a row whose only change is there
 * is updated here.
 */

export interface Stored {
	written: Map<string, {inserted: number; updated: number}>;
	deleted: Map<string, number>;
}

const SAME_KEY = `u.project_id = r.project_id AND u.skill_name = r.skill_name AND u.invoked_at = r.invoked_at AND u.session_key = r.session_key`;
const OUTCOMES = ['outcome', 'retried', 'fingerprint', 'plugin_version'];
const tuple = (alias: string) => `(${OUTCOMES.map(column => `${alias}.${column}`).join(', ')})`;

/** Rows stored already whose outcome or version columns differ from the pulled ones: updated; counted per machine. */
async function updateOutcomes(database: Database): Promise<{byMachine: Map<string, number>; projects: string[]}> {
	const changed = await database.all<{machine_id: string; project_id: string; n: number}>(
		`SELECT r.machine_id, r.project_id, count(*)::INTEGER AS n FROM ${LAKE_ROWS} r JOIN skill_usage u ON ${SAME_KEY}
		WHERE ${tuple('u')} IS DISTINCT FROM ${tuple('r')} GROUP BY ALL`,
	);
	if (changed.length === 0) return {byMachine: new Map(), projects: []};
	await database.run(`UPDATE skill_usage u SET ${OUTCOMES.map(column => `${column} = r.${column}`).join(', ')}
		FROM ${LAKE_ROWS} r WHERE ${SAME_KEY} AND ${tuple('u')} IS DISTINCT FROM ${tuple('r')}`);
	const byMachine = new Map<string, number>();
	for (const row of changed) byMachine.set(row.machine_id, (byMachine.get(row.machine_id) ?? 0) + row.n);
	return {byMachine, projects: [...new Set(changed.map(row => row.project_id))]};
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
		const outcomes = await updateOutcomes(database);
		const deleted = await mirrorMachines(database, switched, true);
		const touched = new Set([...written.changedProjects, ...outcomes.projects]);
		for (const {projects} of deleted.values()) for (const project of projects) touched.add(project);
		const anyDeleted = [...deleted.values()].some(entry => entry.rows > 0 || entry.projects.length > 0);
		if (touched.size > 0 || anyDeleted) await markDataChanged(database);
		await savePullMarks(database, pulled.serverId, pulled.marks);
		await options.pause?.('team-pull-writing');
		for (const [machine, count] of outcomes.byMachine) {
			const entry = written.byMachine.get(machine) ?? {inserted: 0, updated: 0};
			written.byMachine.set(machine, {...entry, updated: entry.updated + count});
		}

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
