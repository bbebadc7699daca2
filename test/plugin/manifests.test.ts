import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {access, constants, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js';
import {TOOLS} from '../../source/mcp/tools.js';
import {isolatedEnv} from '../helpers/environment.js';
import {expand, installedBin, MARKETPLACE, pathWith, PLUGIN_ROOT, ROOT_VARIABLE, readJson} from '../helpers/plugin.js';
import {REPO} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * The marketplace and the plugin as Claude Code reads them (its documented layout:
 * .claude-plugin/marketplace.json at the repository's root, the plugin's .claude-plugin/plugin.json,
 * hooks/hooks.json, .mcp.json and skills/<name>/SKILL.md in its folder): every path they name
 * exists, and the MCP server's command answers as an MCP client starts it.
 */

const packageVersion = async () => (await readJson(path.join(REPO, 'package.json'))).version as string;

async function isExecutable(file: string): Promise<boolean> {
	return access(file, constants.X_OK).then(() => true, () => false);
}

test('the marketplace lists the plugin, whose folder holds its manifest, at the package\'s version', async () => {
	const marketplace = await readJson(MARKETPLACE);
	assert.equal(marketplace.name, 'skillscope');
	assert.equal(typeof marketplace.owner.name, 'string');
	assert.equal(marketplace.plugins.length, 1);
	const [entry] = marketplace.plugins;
	// A relative source is resolved from the marketplace's root: the repository.
	assert.ok(entry.source.startsWith('./'), entry.source);
	assert.equal(path.resolve(REPO, entry.source), PLUGIN_ROOT);
	const plugin = await readJson(path.join(PLUGIN_ROOT, '.claude-plugin', 'plugin.json'));
	assert.equal(plugin.name, entry.name);
	assert.equal(plugin.version, await packageVersion());
	assert.equal(entry.version, plugin.version);
	// Only plugin.json in .claude-plugin/; the components sit at the plugin's root, where Claude Code looks for them by default.
	for (const folder of ['hooks/hooks.json', '.mcp.json', 'skills/skillscope/SKILL.md']) assert.ok((await stat(path.join(PLUGIN_ROOT, folder))).isFile(), folder);
});

test('every command the hooks and the MCP server name exists in the plugin\'s folder and is executable', async () => {
	const hooks = await readJson(path.join(PLUGIN_ROOT, 'hooks', 'hooks.json'));
	assert.deepEqual(Object.keys(hooks.hooks), ['SessionEnd']);
	const hookCommands = hooks.hooks.SessionEnd.flatMap((group: {hooks: Array<{type: string; command: string}>}) => group.hooks);
	assert.deepEqual(hookCommands.map((each: {type: string}) => each.type), ['command']);
	const mcp = await readJson(path.join(PLUGIN_ROOT, '.mcp.json'));
	assert.deepEqual(Object.keys(mcp.mcpServers), ['skillscope']);
	assert.deepEqual(mcp.mcpServers.skillscope.args, ['mcp']);
	for (const command of [...hookCommands.map((each: {command: string}) => each.command), mcp.mcpServers.skillscope.command]) {
		// Through the plugin's root: an installed plugin is a copy in Claude Code's cache, wherever that is.
		assert.ok(command.startsWith(`${ROOT_VARIABLE}/`), command);
		assert.ok(await isExecutable(expand(command)), `${command} is not an executable file`);
	}
});

test('the skill has the frontmatter Claude Code needs, and names only tools the server has', async () => {
	const text = await readFile(path.join(PLUGIN_ROOT, 'skills', 'skillscope', 'SKILL.md'), 'utf8');
	const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
	assert.match(frontmatter, /^name: skillscope$/m);
	const description = /^description: (.+)$/m.exec(frontmatter)?.[1] ?? '';
	// It is what makes Claude load the skill: the questions it answers are in it.
	for (const trigger of ['which of my skills work', 'which skill to fix', 'what changed between a skill\'s versions']) assert.ok(description.includes(trigger), trigger);
	const named = new Set([...text.matchAll(/`([a-z]+(?:_[a-z]+)+)`/g)].map(match => match[1]!));
	const tools = new Set(TOOLS.map(tool => tool.name));
	const unknown = [...named].filter(name => !tools.has(name) && !/^clean_rate|_low$|_high$/.test(name));
	assert.deepEqual(unknown, []);
	assert.ok(named.size >= 10, `names ${named.size} tools`);
});

test('the MCP server\'s command, started as an MCP client starts it, serves every tool of skillscope mcp', async () => {
	const directory = await makeTempDir('skillscope-plugin-mcp-');
	const bin = await installedBin(directory);
	const mcp = (await readJson(path.join(PLUGIN_ROOT, '.mcp.json'))).mcpServers.skillscope;
	const env = {...isolatedEnv(directory), PATH: pathWith(bin), CLAUDE_PLUGIN_ROOT: PLUGIN_ROOT};
	const transport = new StdioClientTransport({command: expand(mcp.command), args: mcp.args, env, cwd: directory, stderr: 'pipe'});
	const client = new Client({name: 'skillscope-plugin-test', version: '1.0.0'});
	await client.connect(transport);
	try {
		const {tools} = await client.listTools();
		assert.deepEqual(tools.map(tool => tool.name).sort(), TOOLS.map(tool => tool.name).sort());
	} finally {
		await client.close();
	}
});

test('without skillscope installed, the MCP server\'s command says how to install it, exit 127', async () => {
	const directory = await makeTempDir('skillscope-plugin-missing-');
	const mcp = (await readJson(path.join(PLUGIN_ROOT, '.mcp.json'))).mcpServers.skillscope;
	const result = spawnSync(expand(mcp.command), mcp.args, {env: {...isolatedEnv(directory), PATH: pathWith(null)}, encoding: 'utf8'});
	assert.equal(result.status, 127);
	assert.equal(result.stdout, '');
	assert.match(result.stderr, /skillscope was not found: install it with npm install -g skillscope/);
});
