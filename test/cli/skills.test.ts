import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {lstat, readdir, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {call, serve, toolData} from '../mcp/client.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess, withTempDir} from '../helpers/run-cli.js';
import {writeTree} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * `skillscope skills` as a new user meets it (issue 13): a Claude Code root with user skills and
 * commands, one plugin listed in installed_plugins.json, two registered projects with skills and
 * commands of their own, and transcripts collected through the real command line. Every expected
 * count is read off the sessions written below.
 */

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

const NOW = '2026-03-20T12:00:00Z';
const DESCRIPTIONS = {review: 'Reviews a change for bugs.', oldNotes: 'Writes old notes.', lint: 'Lints with the plugin’s rules.', appOnly: 'Only in app.', deploy: 'Deploys.'};
const skillFile = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n`;

interface World {
	env: Record<string, string>;
	root: string;
	app: string;
	other: string;
	pluginDir: string;
}

async function makeWorld(directory: string): Promise<World> {
	const env = isolatedEnv(directory, {SKILLSCOPE_NOW: NOW});
	const root = env.CLAUDE_CONFIG_DIR!;
	const app = path.join(directory, 'app');
	const other = path.join(directory, 'other');
	const pluginDir = path.join(root, 'plugins', 'cache', 'market', 'tools', '1.0.0');
	await writeTree(root, {
		'skills/review/SKILL.md': skillFile('review', DESCRIPTIONS.review),
		'skills/old-notes/SKILL.md': skillFile('old-notes', DESCRIPTIONS.oldNotes),
		'skills/unused/SKILL.md': '# Unused\n\nNo frontmatter at all.\n',
		'skills/broken/SKILL.md': '---\nname: broken\ndescription: "never closed\n---\nbody\n',
		'skills/folder-x/SKILL.md': skillFile('renamed', 'Named otherwise.'),
		'skills/long/SKILL.md': `${skillFile('long', 'Very long.')}${'line\n'.repeat(500)}`,
		'skills/not-a-skill/README.md': 'no SKILL.md here',
		'commands/deploy.md': `---\ndescription: ${DESCRIPTIONS.deploy}\n---\nDeploy $ARGUMENTS\n`,
		'plugins/installed_plugins.json': JSON.stringify({version: 2, plugins: {'tools@market': [{scope: 'user', installPath: pluginDir, version: '1.0.0'}]}}),
	});
	await writeTree(pluginDir, {'skills/lint/SKILL.md': skillFile('lint', DESCRIPTIONS.lint)});
	await writeTree(app, {
		'.claude/skills/review/SKILL.md': skillFile('review', 'The project’s review.'),
		'.claude/skills/app-only/SKILL.md': skillFile('app-only', DESCRIPTIONS.appOnly),
		'.claude/commands/ship.md': 'Ship it.\n',
	});
	await writeTree(other, {'README.md': 'no skills here'});
	return {env, root, app, other, pluginDir};
}

/** Loads a skill as the model does: its Skill call, then its result and body. */
function loaded(s: Session, name: string, at: number): void {
	s.skillLoaded(s.skill(name, {at}), name, {at: at + 1});
}

async function writeSessions(world: World): Promise<void> {
	const app = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000001', cwd: world.app, start: '2026-03-02T10:00:00.000Z'});
	app.prompt('review and lint', {at: 0});
	loaded(app, 'review', 1);
	for (const at of [10, 20]) app.result(app.skill('ghost', {at}), {at: at + 1, isError: true, content: '<tool_use_error>Unknown skill: ghost</tool_use_error>'});
	loaded(app, 'tools:lint', 30);
	loaded(app, 'app-only', 40);
	app.body(app.command('deploy', {at: 50}), 'Deploy now', {at: 50});
	app.system('turn_duration', {at: 60});
	await writeSession(world.root, app);

	const other = new Session({sessionId: 'bbbbbbbb-0000-4000-8000-000000000002', cwd: world.other, start: '2026-03-05T09:00:00.000Z'});
	other.prompt('review', {at: 0});
	loaded(other, 'review', 1);
	other.system('turn_duration', {at: 5});
	await writeSession(world.root, other);

	const old = new Session({sessionId: 'cccccccc-0000-4000-8000-000000000003', cwd: world.app, start: '2026-02-01T09:00:00.000Z'});
	old.prompt('notes', {at: 0});
	loaded(old, 'old-notes', 1);
	old.system('turn_duration', {at: 5});
	await writeSession(world.root, old);
}

async function json(args: string[], env: Record<string, string>, code = 0): Promise<Json> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

/** Every entry under each folder: path, type, size, mtime and content hash. */
async function fingerprint(folders: readonly string[]): Promise<string[]> {
	const lines: string[] = [];
	const walk = async (directory: string): Promise<void> => {
		for (const name of (await readdir(directory)).sort()) {
			const file = path.join(directory, name);
			const info = await lstat(file, {bigint: true});
			const hash = info.isFile() ? createHash('sha256').update(await readFile(file)).digest('hex') : '';
			lines.push(`${file} ${info.isDirectory() ? 'dir' : 'file'} ${info.size} ${info.mtimeNs} ${info.ctimeNs} ${hash}`);
			if (info.isDirectory()) await walk(file);
		}
	};

	for (const folder of folders) {
		lines.push(`${folder} ${(await lstat(folder, {bigint: true})).mtimeNs}`);
		await walk(folder);
	}

	return lines;
}

const row = (report: Json, name: string, scope: string) => report.skills.find((skill: Json) => skill.skill_name === name && skill.scope === scope);
const types = (skill: Json) => skill.problems.map((problem: Json) => problem.type);

describe('skillscope skills', () => {
	test('user, plugin and project skills and commands, each with its scope, state, count and problems; names invoked but not installed', async () => {
		await withTempDir(async directory => {
			const world = await makeWorld(directory);
			await writeSessions(world);
			const folders = [path.join(world.root, 'skills'), path.join(world.root, 'commands'), path.join(world.root, 'plugins'), path.join(world.app, '.claude'), world.other];
			const before = await fingerprint(folders);
			for (const project of [world.app, world.other]) await json(['register', project], world.env);
			assert.equal((await json(['collect'], world.env)).totals.errors, 0);
			const report = await json(['skills'], world.env);

			const summary = report.skills.map((skill: Json) => [skill.skill_name, skill.kind, skill.scope, skill.invocations, skill.state]);
			assert.deepEqual(summary, [
				['broken', 'skill', 'user', 0, 'never-used'],
				['deploy', 'command', 'user', 1, 'active'],
				['long', 'skill', 'user', 0, 'never-used'],
				['old-notes', 'skill', 'user', 1, 'stale'],
				['renamed', 'skill', 'user', 0, 'never-used'],
				['review', 'skill', 'user', 2, 'active'],
				['unused', 'skill', 'user', 0, 'never-used'],
				['tools:lint', 'skill', 'plugin', 1, 'active'],
				['app-only', 'skill', 'project', 1, 'active'],
				['review', 'skill', 'project', 1, 'active'],
				['ship', 'command', 'project', 0, 'never-used'],
			]);
			const review = row(report, 'review', 'user');
			assert.deepEqual([review.path, review.plugin, review.description_chars, review.last_used], [path.join(world.root, 'skills', 'review', 'SKILL.md'), null, DESCRIPTIONS.review.length, '2026-03-05T09:00:01.000000Z']);
			assert.equal(row(report, 'old-notes', 'user').last_used, '2026-02-01T09:00:01.000000Z', '47 days before now: stale');
			const lint = row(report, 'tools:lint', 'plugin');
			assert.deepEqual([lint.plugin, lint.path, lint.problems], ['tools', path.join(world.pluginDir, 'skills', 'lint', 'SKILL.md'), []]);

			assert.deepEqual(types(row(report, 'unused', 'user')), ['no_frontmatter', 'no_description']);
			assert.deepEqual(types(row(report, 'broken', 'user')), ['malformed_frontmatter', 'no_description']);
			assert.match(row(report, 'broken', 'user').problems[0].message, /line 3: the quote that opens the value of "description" is never closed/);
			assert.deepEqual(types(row(report, 'renamed', 'user')), ['name_differs_from_folder']);
			assert.deepEqual(types(row(report, 'long', 'user')), ['too_long']);
			assert.match(row(report, 'long', 'user').problems[0].message, /^506 lines, over 500/);
			assert.deepEqual(types(review), ['same_name']);
			assert.match(review.problems[0].message, /also the project app skill at .*app\/\.claude\/skills\/review\/SKILL\.md; this one wins/);
			assert.match(row(report, 'review', 'project').problems[0].message, /also the user skill at .*, which wins \(a skill wins over a command, then user over project\)/);
			assert.deepEqual(types(row(report, 'ship', 'project')), ['no_frontmatter', 'no_description']);

			assert.deepEqual(report.not_installed, [{skill_name: 'ghost', invocations: 2, last_used: '2026-03-02T10:00:20.000000Z', unknown_skill_errors: 2}]);
			const userAndPlugin = [DESCRIPTIONS.review, DESCRIPTIONS.oldNotes, 'Named otherwise.', 'Very long.', DESCRIPTIONS.lint];
			assert.equal(report.listing_chars, userAndPlugin.reduce((sum, text) => sum + [...text].length, 0));
			assert.deepEqual([report.listing_budget, report.problems], [15_000, []]);

			const text = await runInProcess(['skills'], world.env);
			assert.equal(text.code, 0, text.stderr);
			assert.match(text.stdout, /│ tools:lint +│ skill +│ plugin +│ 1 /);
			assert.match(text.stdout, new RegExp(`Skill listing: ${report.listing_chars} of 15,000 description characters \\(1 %\\) in every session`));
			assert.match(text.stdout, /Invoked but not installed\n {2}ghost: 2 uses, last .*, 2 "unknown skill" errors/);
			assert.deepEqual(await fingerprint(folders), before, 'nothing in the skill folders changed');
		});
	});

	test('a name written with YAML escapes is the name Claude Code invokes (issue 22, D11)', async () => {
		await withTempDir(async directory => {
			const env = isolatedEnv(directory, {SKILLSCOPE_NOW: NOW});
			const project = path.join(directory, 'p');
			await writeTree(env.CLAUDE_CONFIG_DIR!, {'skills/café/SKILL.md': '---\nname: "caf\\u00e9"\ndescription: "d"\n---\nbody\n'});
			await writeTree(project, {'README.md': 'a project'});
			const session = new Session({sessionId: 'dddddddd-0000-4000-8000-000000000004', cwd: project, start: '2026-03-10T10:00:00.000Z'});
			session.prompt('café', {at: 0});
			loaded(session, 'café', 1);
			session.system('turn_duration', {at: 5});
			await writeSession(env.CLAUDE_CONFIG_DIR!, session);
			await json(['register', project], env);
			await json(['collect'], env);
			const report = await json(['skills'], env);
			assert.deepEqual(report.skills.map((skill: Json) => [skill.skill_name, skill.invocations, skill.state, types(skill)]), [['café', 1, 'active', []]]);
			assert.deepEqual(report.not_installed, []);
		});
	});

	test('--state, --scope and --project narrow the list; --project counts that project only', async () => {
		await withTempDir(async directory => {
			const world = await makeWorld(directory);
			await writeSessions(world);
			for (const project of [world.app, world.other]) await json(['register', project], world.env);
			await json(['collect'], world.env);
			const names = (report: Json) => report.skills.map((skill: Json) => `${skill.scope}:${skill.skill_name}`);
			assert.deepEqual(names(await json(['skills', '--state', 'stale'], world.env)), ['user:old-notes']);
			assert.deepEqual(names(await json(['skills', '--scope', 'plugin'], world.env)), ['plugin:tools:lint']);
			const other = await json(['skills', '--project', 'other', '--state', 'active'], world.env);
			assert.deepEqual(other.skills.map((skill: Json) => [skill.skill_name, skill.invocations]), [['review', 1]], 'in other only review was used, once');
			assert.deepEqual(other.not_installed, []);
			const bad = await runInProcess(['skills', '--state', 'dead'], world.env);
			assert.equal(bad.code, 2);
			assert.match(bad.stderr, /--state "dead" is not one of active, stale, never-picked, never-used/);
		});
	});

	test('a broken installed_plugins.json and a missing plugin folder are reported (exit 3); the other skills are still listed', async () => {
		await withTempDir(async directory => {
			const world = await makeWorld(directory);
			const plugins = path.join(world.root, 'plugins', 'installed_plugins.json');
			await writeTree(world.root, {'plugins/installed_plugins.json': '{"version": 2, "plugins": {"tools@market": ['});
			const broken = await json(['skills'], world.env, 3);
			assert.equal(broken.problems.length, 1);
			assert.match(broken.problems[0].message, new RegExp(`^${plugins.replaceAll('/', '\\/')}: not JSON .*no plugin skills listed$`));
			assert.ok(row(broken, 'review', 'user'), 'user skills are still listed');
			assert.equal(broken.skills.filter((skill: Json) => skill.scope === 'plugin').length, 0);

			await writeTree(world.root, {'plugins/installed_plugins.json': JSON.stringify({version: 2, plugins: {'tools@market': [{scope: 'user'}], 'gone@market': [{installPath: path.join(directory, 'gone')}]}})});
			await rm(world.pluginDir, {recursive: true});
			const text = await runInProcess(['skills'], world.env);
			assert.equal(text.code, 3, text.stderr);
			assert.match(text.stdout, /plugins\["tools@market"\]\[0\] has no "installPath"; skipped/);
			assert.match(text.stdout, /gone: the install directory of plugin gone@market is missing/);
		});
	});

	test('the MCP tool get_skill_inventory answers as skills --json', async () => {
		await withTempDir(async directory => {
			const world = await makeWorld(directory);
			await writeSessions(world);
			for (const project of [world.app, world.other]) await json(['register', project], world.env);
			await json(['collect'], world.env);
			const served = await serve(world.env);
			try {
				assert.deepEqual(await toolData(served.client, 'get_skill_inventory', {scope: 'user'}), await json(['skills', '--scope', 'user'], world.env));
				assert.deepEqual(await toolData(served.client, 'get_skill_inventory', {project_id: 'app', state: 'never-used'}), await json(['skills', '--project', 'app', '--state', 'never-used'], world.env));
				const wrong = await call(served.client, 'get_skill_inventory', {scope: 'global'});
				assert.equal(wrong.isError, true);
			} finally {
				await served.client.close();
			}
		});
	});
});
