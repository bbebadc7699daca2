import assert from 'node:assert/strict';
import {type ChildProcessWithoutNullStreams, spawn} from 'node:child_process';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import {after, before, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {CLI, REPO} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * `skillscope mcp` fed what no client should send (issue 22, D10 and D19): lines that are not
 * JSON, JSON that is not a JSON-RPC message, a message over 10 MB. Each gets the JSON-RPC error
 * the specification names (its id when one can be read), a line on stderr, and the server goes
 * on answering. The built CLI in its own process, spoken to line by line as a client does.
 */

interface Reply {
	jsonrpc: string;
	id: string | number | null;
	result?: Record<string, unknown>;
	error?: {code: number; message: string};
}

let server: ChildProcessWithoutNullStreams;
let stderr = '';
const replies: Reply[] = [];
const waiting: Array<(reply: Reply) => void> = [];

before(async () => {
	const root = await makeTempDir('skillscope-mcp-malformed-');
	const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
	server = spawn(process.execPath, [CLI, 'mcp'], {env: {...inherited, ...isolatedEnv(root, {TZ: 'UTC'})}, cwd: REPO});
	server.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	createInterface({input: server.stdout}).on('line', line => {
		const reply = JSON.parse(line) as Reply;
		const next = waiting.shift();
		if (next) next(reply);
		else replies.push(reply);
	});
});

after(async () => {
	server.stdin.end();
	if (server.exitCode === null) await once(server, 'exit');
});

function nextReply(): Promise<Reply> {
	return new Promise<Reply>(resolve => {
		const ready = replies.shift();
		if (ready) resolve(ready);
		else waiting.push(resolve);
	});
}

let pings = 0;

/**
 * Writes `text` as it is (a newline ends it), then, for a line the server cannot read, a ping:
 * the first reply must be the answer to `text`, else `text` got none (the ping's answer came
 * first). Fails at once if the server exits.
 */
async function send(text: string, {ping = true} = {}): Promise<Reply> {
	const pingId = `ping-${++pings}`;
	server.stdin.write(`${text}\n${ping ? `${JSON.stringify({jsonrpc: '2.0', id: pingId, method: 'ping'})}\n` : ''}`);
	const exited = once(server, 'exit').then(([code]) => assert.fail(`the server exited (${String(code)}) after ${text.slice(0, 60)}; stderr: ${stderr}`));
	const reply = await Promise.race([nextReply(), exited]);
	if (!ping) return reply;
	assert.notEqual(reply.id, pingId, `no answer to ${text.slice(0, 60)}`);
	assert.equal((await Promise.race([nextReply(), exited])).id, pingId);
	return reply;
}

const request = (id: number, method: string, params: Record<string, unknown> = {}) => JSON.stringify({jsonrpc: '2.0', id, method, params});

test('the server answers what it cannot read with JSON-RPC errors, logs each, and keeps serving', async () => {
	const initialized = await send(request(1, 'initialize', {protocolVersion: '2025-06-18', capabilities: {}, clientInfo: {name: 't', version: '0'}}), {ping: false});
	assert.equal(initialized.id, 1);
	assert.ok(initialized.result);
	server.stdin.write(`${JSON.stringify({jsonrpc: '2.0', method: 'notifications/initialized'})}\n`);

	const notJson = await send('{this is not json');
	assert.deepEqual([notJson.id, notJson.error?.code], [null, -32700]);
	assert.match(notJson.error!.message, /^Parse error: /);
	for (const text of ['null', '[]', '"text"']) {
		const invalid = await send(text);
		assert.deepEqual([invalid.id, invalid.error?.code], [null, -32600], text);
	}

	const noMethod = await send('{"jsonrpc":"2.0","id":2}');
	assert.deepEqual([noMethod.id, noMethod.error?.code], [2, -32600], 'the id it gave is kept');
	assert.match(noMethod.error!.message, /^Invalid Request: /);

	// 11 MB in one line, over the 10 MB a message may take: refused whole, answered by its id.
	const huge = await send(request(3, 'tools/call', {name: 'get_top_skills', arguments: {junk: 'x'.repeat(11 << 20)}}));
	assert.deepEqual([huge.id, huge.error?.code], [3, -32600]);
	assert.match(huge.error!.message, /more than 10 MB/);

	const listed = await send(request(4, 'tools/list'), {ping: false});
	assert.equal(listed.id, 4);
	assert.ok(Array.isArray(listed.result?.tools), 'still serving');
	const called = await send(request(5, 'tools/call', {name: 'health_check', arguments: {}}), {ping: false});
	assert.equal(called.id, 5);
	assert.equal(called.result?.isError, undefined, JSON.stringify(called));

	// Lines counted as written: each unreadable line is followed by a ping.
	for (const logged of [/line 3: not JSON/, /line 5: not a JSON-RPC message/, /line 11: not a JSON-RPC message/, /line 13: a message of 11\.0 MB, over 10 MB/]) {
		assert.match(stderr, new RegExp(`skillscope mcp: ${logged.source}`));
	}
});
