import assert from 'node:assert/strict';
import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {InMemoryTransport} from '@modelcontextprotocol/sdk/inMemory.js';
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js';
import {readEnvironment} from '../../source/environment.js';
import {claudeRoot} from '../../source/formats/transcripts/files.js';
import {createMcpServer} from '../../source/mcp/server.js';
import {runInProcess} from '../helpers/run-cli.js';

/*
 * The MCP server as an assistant speaks to it: the SDK's own client, over an in-memory transport
 * to the server of `skillscope mcp` (stdio.test.ts runs the built CLI over stdio), and the
 * command line's --json to compare with.
 */

export type Json = Record<string, unknown>;

export interface Served {
	client: Client;
	stderr: () => string;
	protocolErrors: Error[];
}

/** The server `skillscope mcp` runs, set up from `serverEnv` as the CLI does, and a client connected to it. */
export async function serve(serverEnv: Record<string, string>): Promise<Served> {
	let stderr = '';
	const {server} = createMcpServer({
		dbPath: serverEnv.SKILLSCOPE_DB!,
		displayZone: 'UTC',
		naiveZone: 'UTC',
		claudeRoot: claudeRoot({env: serverEnv}),
		now: readEnvironment(serverEnv).now,
		version: '0.0.0-test',
		log(line) {
			stderr += `skillscope mcp: ${line}\n`;
		},
	});
	const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
	await server.connect(serverSide);
	const connected = new Client({name: 'skillscope-test', version: '1.0.0'});
	const errors: Error[] = [];
	connected.onerror = error => errors.push(error);
	await connected.connect(clientSide);
	return {client: connected, stderr: () => stderr, protocolErrors: errors};
}

export async function call(client: Client, name: string, args: Json = {}): Promise<CallToolResult> {
	return (await client.callTool({name, arguments: args})) as CallToolResult;
}

/** A successful call's structured result, after checking that its text is the same JSON. */
export async function toolData<T = Json>(client: Client, name: string, args: Json = {}): Promise<T> {
	const result = await call(client, name, args);
	const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
	assert.ok(!result.isError, `${name} failed: ${text}`);
	assert.deepEqual(JSON.parse(text), result.structuredContent, `${name}: text and structuredContent differ`);
	return result.structuredContent as T;
}

export async function toolError(client: Client, name: string, args: Json = {}): Promise<string> {
	const result = await call(client, name, args);
	assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should fail`);
	return result.content[0]?.type === 'text' ? result.content[0].text : '';
}

/** The command line's --json document, run in this process on `env`. */
export async function cliJson<T = Json>(args: string[], env: Record<string, string>): Promise<T> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as T;
}
