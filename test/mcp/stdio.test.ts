import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js';
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js';
import {TOOLS} from '../../source/mcp/tools.js';
import {isolatedEnv} from '../helpers/environment.js';
import {CLI, REPO, runCli} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';
import {makeTempDir} from '../helpers/temp.js';

/**
 * `skillscope mcp` end to end, as an assistant starts it: the built CLI in its own process on
 * stdio, answers equal to the built CLI's `--json`. The tools themselves are tested in-process
 * (server.test.ts).
 */
let env: Record<string, string>;
let client: Client;
let stderr = '';
const protocolErrors: Error[] = [];

before(async () => {
	const root = await makeTempDir('skillscope-mcp-stdio-');
	env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z', TZ: 'UTC'});
	const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
	const transport = new StdioClientTransport({command: process.execPath, args: [CLI, 'mcp'], env: {...inherited, ...env}, cwd: REPO, stderr: 'pipe'});
	transport.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	client = new Client({name: 'skillscope-test', version: '1.0.0'});
	client.onerror = error => protocolErrors.push(error);
	await client.connect(transport);
	const projects = await makeSampleProjects(path.join(root, 'projects'));
	for (const [name, directory] of Object.entries(projects)) {
		const registered = (await client.callTool({name: 'register_project', arguments: {project_path: directory, project_name: name}})) as CallToolResult;
		assert.ok(!registered.isError, JSON.stringify(registered.content));
	}
});

after(async () => {
	await client?.close();
});

async function data(name: string, args: Record<string, unknown> = {}): Promise<unknown> {
	const result = (await client.callTool({name, arguments: args})) as CallToolResult;
	const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
	assert.ok(!result.isError, `${name} failed: ${text}`);
	assert.deepEqual(JSON.parse(text), result.structuredContent);
	return result.structuredContent;
}

async function cli(args: string[]): Promise<unknown> {
	const result = await runCli([...args, '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout);
}

test('the process lists every tool', async () => {
	const {tools} = await client.listTools();
	assert.deepEqual(tools.map(tool => tool.name).sort(), TOOLS.map(tool => tool.name).sort());
});

test('its answers are the built CLI\'s --json, on the same file between calls', async () => {
	const collected = (await data('collect_skill_metrics')) as {totals: {collected: number}};
	assert.equal(collected.totals.collected, 16);
	assert.deepEqual(await data('get_top_skills', {limit: 20}), await cli(['top', '--limit', '20']));
	assert.deepEqual(await data('list_registered_projects'), await cli(['projects']));
});

test('bad usage of the command itself exits 2 before any protocol', async () => {
	const result = await runCli(['mcp', 'extra'], env);
	assert.equal(result.code, 2);
	assert.equal(result.stdout, '');
	assert.match(result.stderr, /"mcp" takes no arguments[\s\S]*usage: skillscope mcp/);
});

test('stdout carried the protocol only; notes went to stderr', () => {
	assert.deepEqual(protocolErrors, []);
	assert.match(stderr, /skillscope mcp: serving .*db\.duckdb/);
});
