import assert from 'node:assert/strict';
import {test} from 'node:test';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {Database} from '../../source/data/store/database.js';
import {knownSkillNames, skillEffectiveness} from '../../source/data/queries/skill.js';
import {listProjects, unregisterProject} from '../../source/data/registry/registry.js';
import {keptScopeQuantiles} from '../../source/data/rollups/scope-quantiles.js';
import {collectDemo, openDatabase} from '../helpers/database.js';

/**
 * The all-projects drill-down of all time reads each skill's mean and quantiles kept with the
 * rollups (scope-quantiles.ts): kept or computed, they must be the raw rows' (a day range holding
 * every day reads raw rows), and kept ones must not be used once the active projects are others.
 */
const EVERY_DAY = {since: '1970-01-01', until: '2199-12-31', zone: 'UTC'};
/** Means are sums in another order (per project, then the projects) than the raw rows': 12 digits agree. */
const figures = ({avg_duration_ms, p50_duration_ms, p90_duration_ms, total_invocations, successful_completions}: Awaited<ReturnType<typeof skillEffectiveness>>) =>
	({avg_duration_ms: avg_duration_ms === null ? null : Number(avg_duration_ms.toPrecision(12)), p50_duration_ms, p90_duration_ms, total_invocations, successful_completions});

/** Every skill's all-projects figures against the raw rows'; how many were kept before being asked. */
async function assertAsRawRows(database: Database): Promise<number> {
	let kept = 0;
	for (const skill of await knownSkillNames(database, {})) {
		if (await keptScopeQuantiles(database, skill)) kept += 1;
		assert.deepStrictEqual(figures(await skillEffectiveness(database, skill, {})), figures(await skillEffectiveness(database, skill, {}, EVERY_DAY)), skill);
	}

	return kept;
}

test('all-projects quantiles kept with the rollups, or computed by a drill-down, are the raw rows’, and held only while valid', async () => {
	const database = await openDatabase();
	await collectDemo(database);
	await freshRollups(database, {zone: 'UTC'});
	const skills = (await knownSkillNames(database, {})).length;
	assert.equal(await assertAsRawRows(database), skills, 'every skill kept by the refresh');
	const [first] = await listProjects(database, {activeOnly: true, counts: false});
	await unregisterProject(database, first!.project_path);
	assert.equal(await assertAsRawRows(database), 0, 'the active projects changed: not used');
	await freshRollups(database, {zone: 'UTC'});
	assert.equal(await assertAsRawRows(database), (await knownSkillNames(database, {})).length, 'kept again by the refresh');
	// None kept (a refresh by an older skillscope): each drill-down computes its skill's and keeps them.
	await database.run(`DELETE FROM skill_scope_figures`);
	assert.equal(await assertAsRawRows(database), 0);
	assert.equal(await assertAsRawRows(database), (await knownSkillNames(database, {})).length, 'kept by the drill-downs');
});
