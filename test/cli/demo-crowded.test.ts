import assert from 'node:assert/strict';
import {cp} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {REPO, runInProcess, withTempDir} from '../helpers/run-cli.js';

/*
 * The demo's crowded corner (issue 27; scripts/demo-collisions.ts): a new user who runs the demo
 * meets three projects named shop in different folders and the project-reader plugin, whose skills
 * share a long prefix. Counted here from what the commands report, and the text tables read
 * as a person reads them.
 */

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

/** The cells under `heading` of each body row of the first text table in `text`. */
function column(text: string, heading: string): string[] {
	const lines = text.split('\n');
	const head = lines.find(line => line.includes(`│ ${heading}`))!;
	const index = head.split('│').findIndex(cell => cell.trim() === heading);
	const body = lines.slice(lines.indexOf(head) + 2);
	return body.slice(0, body.findIndex(line => !line.startsWith('│'))).map(line => line.split('│')[index]!.trim());
}

test('the demo holds three projects named shop and the project-reader family, each told apart', async () => {
	await withTempDir(async directory => {
		const root = path.join(directory, 'claude');
		await cp(path.join(REPO, 'fixtures', 'demo-claude'), root, {recursive: true});
		const env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: root, SKILLSCOPE_NOW: '2026-11-21T12:00:00Z', TZ: 'UTC'});
		for (const args of [['register', '--discovered'], ['collect']]) assert.equal((await runInProcess(args, env)).code, 0, args.join(' '));
		const json = async (args: string[]): Promise<Json> => {
			const result = await runInProcess([...args, '--json'], env);
			assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
			return JSON.parse(result.stdout) as Json;
		};

		const projects = (await json(['projects'])).projects as Json[];
		const shops = projects.filter(project => project.project_name === 'shop').map(project => project.project_path).sort();
		assert.deepEqual(shops, ['/home/demo/Desktop/workSpace/shop', '/home/demo/clients/acme/shop', '/home/demo/code/shop']);
		assert.ok(projects.some(project => project.project_path === '/home/demo/Documents/work/platform-team/services/payments-reconciliation-service'));

		const top = (await json(['top', '--limit', '50'])).skills as Json[];
		const family = top.filter(row => row.skill_name.startsWith('project-reader:')).map(row => [row.skill_name, row.total_invocations]);
		assert.deepEqual(family, [['project-reader:read', 9], ['project-reader:diagnose', 7], ['project-reader:cpp', 5]]);

		// Two of the shops beside a long name: each row says which, by the folder the explorer shows.
		const compared = await runInProcess(['compare', 'project-reader:read'], env);
		assert.equal(compared.code, 0, compared.stderr);
		const rows = column(compared.stdout, 'project');
		assert.deepEqual([...rows].sort(), ['payments-reconciliation-ser…', 'shop (acme)', 'shop (workSpace)'].sort(), rows.join(' | '));
		// One shop alone in its table still says which: the labels are made against the registry.
		const alone = await runInProcess(['compare', 'project-reader:cpp'], env);
		assert.deepEqual(column(alone.stdout, 'project'), ['shop (acme)'], alone.stdout);
		const drill = await runInProcess(['skill', 'project-reader:cpp'], env);
		assert.deepEqual(column(drill.stdout.slice(drill.stdout.indexOf('By project')), 'project'), ['shop (acme)'], drill.stdout);
		// A collect with nothing new: each shop says which, and a project's time is never `0µs`.
		const again = await runInProcess(['collect'], env);
		const collected = column(again.stdout, 'project');
		assert.deepEqual(collected.filter(name => name.startsWith('shop')).sort(), ['shop (acme)', 'shop (code)', 'shop (workSpace)'], again.stdout);
		assert.ok(column(again.stdout, 'time').every(time => /^(<1ms|\d+ms|\d+\.\ds)$/.test(time)), again.stdout);
		const listed = column((await runInProcess(['projects'], env)).stdout, 'name');
		assert.deepEqual(listed.filter(name => name.startsWith('shop')).sort(), ['shop (acme)', 'shop (code)', 'shop (workSpace)']);
	});
});
