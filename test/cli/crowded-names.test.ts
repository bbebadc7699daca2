import assert from 'node:assert/strict';
import {test} from 'node:test';
import {CROWDED_SKILLS, makeCrowdedWorld} from '../helpers/crowded.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess, withTempDir} from '../helpers/run-cli.js';

/*
 * The text tables of the one-shot commands on a crowded root (issue 27): `projects` tells the two
 * XPMotors_IOS apart by name and path, `top` prints every skill name whole or cut so that no two
 * read the same, `compare` and `skill` tell the two XPMotors_IOS apart by their folder.
 */

/** The first cell after `│` of each body row of a text table, under the column headed `heading`. */
function column(table: string, heading: string): string[] {
	const lines = table.split('\n');
	const head = lines.find(line => line.includes(`│ ${heading}`))!;
	const index = head.split('│').findIndex(cell => cell.trim() === heading);
	const body = lines.slice(lines.indexOf(head) + 1).filter(line => /^│/.test(line));
	return body.map(line => line.split('│')[index]!.trim());
}

test('projects and top on a crowded root: every row tells itself apart', async () => {
	await withTempDir(async directory => {
		const env = isolatedEnv(directory, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z', TZ: 'UTC'});
		const projects = await makeCrowdedWorld(env.HOME!, directory);
		for (const project of Object.values(projects)) assert.equal((await runInProcess(['register', project], env)).code, 0);
		assert.equal((await runInProcess(['collect'], env)).code, 0);

		const listed = await runInProcess(['projects'], env);
		assert.equal(listed.code, 0, listed.stderr);
		const names = column(listed.stdout, 'name');
		assert.deepEqual([...names].sort(), ['ServiceKit', 'XPMotors_Android', 'XPMotors_IOS (Desktop)', 'XPMotors_IOS (workSpace)']);
		const paths = column(listed.stdout, 'path');
		assert.ok(paths.includes('~/Desktop/XPMotors_IOS'), paths.join(' | '));
		assert.ok(paths.some(path => path.startsWith('~/') && path.endsWith('workSpace/XPMotors_IOS')), paths.join(' | '));
		assert.equal(new Set(paths).size, 4);

		const top = await runInProcess(['top', '--limit', '20'], env);
		assert.equal(top.code, 0, top.stderr);
		const skills = column(top.stdout, 'skill');
		assert.equal(skills.length, CROWDED_SKILLS.length);
		assert.deepEqual([...skills].sort(), [...CROWDED_SKILLS].sort(), 'at 40 columns every name is whole');

		// The by-project rows of compare and skill: two projects of one name show the folder `projects` shows.
		for (const args of [['compare', 'project-reader:diagnose'], ['skill', 'project-reader:diagnose']]) {
			const compared = await runInProcess(args, env);
			assert.equal(compared.code, 0, compared.stderr);
			// skill's tables follow each other: its by-project table runs from its heading to the next blank line.
			const table = args[0] === 'skill' ? compared.stdout.slice(compared.stdout.indexOf('\nBy project\n')).split('\n\n')[0]! : compared.stdout;
			const rows = column(table, 'project');
			assert.deepEqual([...rows].sort(), ['ServiceKit', 'XPMotors_Android', 'XPMotors_IOS (Desktop)', 'XPMotors_IOS (workSpace)'], args.join(' '));
		}
	});
});
