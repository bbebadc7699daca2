import assert from 'node:assert/strict';
import {cp} from 'node:fs/promises';
import path from 'node:path';
import {after, test} from 'node:test';
import {registerDiscovered, registerProject} from '../../source/data/registry/registry.js';
import {discoverProjects} from '../../source/data/transcripts/discovery.js';
import {type Explorer, lineWith, renderExplorer} from '../helpers/render-app.js';
import {REPO} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * `npm run demo` as a new user first sees its Inventory (issue 25): the demo's copies of
 * fixtures/demo and fixtures/demo-claude with what scripts/demo-installed.js adds, the demo's
 * now (the morning after its last session), the real explorer. Every scope has a used and a
 * never-used entry; terraform-plan was last used in September (stale); migrate-db's frontmatter
 * is broken. The story's pr-review, standup and commit stay installed as they were, and the
 * project-reader plugin whose three skills the crowded corner calls is installed beside superpowers.
 */

const DEMO_NOW = new Date('2026-11-21T12:00:00Z');

let app: Explorer | undefined;
after(async () => {
	await app?.close();
});

async function demoCopies(): Promise<{claude: string; webapp: string}> {
	const directory = await makeTempDir('skillscope-demo-inventory-');
	const claude = path.join(directory, 'claude');
	const webapp = path.join(directory, 'projects', 'webapp');
	await cp(path.join(REPO, 'fixtures', 'demo-claude'), claude, {recursive: true});
	await cp(path.join(REPO, 'fixtures', 'demo', 'webapp'), webapp, {recursive: true});
	// Plain JavaScript, as demo.js imports it: loaded by its path.
	const script = path.join(REPO, 'scripts', 'demo-installed.js');
	const {installDemoExtras} = (await import(script)) as {installDemoExtras: (root: string, project: string) => void};
	installDemoExtras(claude, webapp);
	return {claude, webapp};
}

test('the demo\'s Inventory lists user, plugin and project entries: used, never used, stale, and a broken frontmatter', async () => {
	const {claude, webapp} = await demoCopies();
	app = await renderExplorer({
		trees: {},
		claudeRoot: claude,
		now: DEMO_NOW,
		rows: 60,
		columns: 140,
		async prepare(database) {
			await registerProject(database, webapp, {name: 'webapp', type: 'demo'});
			const found = await discoverProjects(database, claude);
			await registerDiscovered(database, found.projects.filter(project => !project.registered).map(project => project.path));
		},
	});
	await app.press('7');
	const frame = await app.waitForFrame(current => current.includes('listing') && current.includes('ui-snapshot'), 'the Inventory');
	const expected: Array<[string, RegExp]> = [
		['pr-review', /skill +user +94 .* active +·$/],
		['changelog', /skill +user +0 .* never-used +·$/],
		['terraform-plan', /skill +user +2 +2026-09-24 .* stale +·$/],
		['migrate-db', /skill +user +0 .* never-used +2$/],
		['todo', /command +user +0 .* never-used +·$/],
		['superpowers:brainstorming', /skill +plugin +29 .* active +·$/],
		['superpowers:writing-plans', /skill +plugin +0 .* never-used +·$/],
		// The crowded corner's plugin (scripts/demo-collisions.ts): read 9 uses, diagnose 7, cpp 5.
		['project-reader:read', /skill +plugin +9 .* active +·$/],
		['project-reader:diagnose', /skill +plugin +7 .* active +·$/],
		['project-reader:cpp', /skill +plugin +5 .* active +·$/],
		['code-review', /skill +project +117 .* active +·$/],
		['ui-snapshot', /skill +project +0 .* never-used +·$/],
		['deploy-check', /command +project +0 .* never-used +·$/],
	];
	for (const [name, shape] of expected) assert.match(lineWith(frame, ` ${name} `).trimEnd(), shape, `${name} in:\n${frame}`);
	const notInstalled = frame.slice(frame.indexOf('Invoked but not installed'));
	assert.ok(frame.includes('Invoked but not installed') && !notInstalled.includes('project-reader'), `project-reader is installed:\n${frame}`);
});
