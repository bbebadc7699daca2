import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ensureAggregates} from '../../source/data/aggregator.js';
import type {Database} from '../../source/data/database.js';
import {knownSkillNames, skillEffectiveness} from '../../source/data/queries/skill.js';
import {listProjects, unregisterProject} from '../../source/data/registry.js';
import {keptScopeQuantiles} from '../../source/data/scope-quantiles.js';
import {collectDemo, openDatabase} from '../helpers/database.js';

/**
 * The all-projects drill-down of all time keeps each skill's mean and quantiles once computed
 * (scope-quantiles.ts): computed or kept, they must be the raw rows' (a day range holding every
 * day reads raw rows), and kept ones must not be used once the profiles or the active projects
 * are others.
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

test('all-projects quantiles, computed once then kept, are the raw rows’, and are computed again for other profiles or projects', async () => {
	const database = await openDatabase();
	await collectDemo(database);
	await ensureAggregates(database, 'UTC');
	const skills = (await knownSkillNames(database, {})).length;
	assert.equal(await assertAsRawRows(database), 0, 'nothing kept before the first drill-down');
	assert.equal(await assertAsRawRows(database), skills, 'every skill kept after it');
	const [first] = await listProjects(database, {activeOnly: true, counts: false});
	await unregisterProject(database, first!.project_path);
	assert.equal(await assertAsRawRows(database), 0, 'the active projects changed: computed again');
	await ensureAggregates(database, 'UTC');
	assert.equal(await assertAsRawRows(database), 0);
	assert.ok((await assertAsRawRows(database)) > 0, 'kept again');
	await database.run(`DELETE FROM settings WHERE key = 'aggregated_at'`);
	await ensureAggregates(database, 'UTC');
	assert.equal(await assertAsRawRows(database), 0, 'the profiles were refreshed: computed again');
});
