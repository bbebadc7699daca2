import {open, stat, truncate} from 'node:fs/promises';
import {FileSink} from './file-sink.js';
import {LINE_HOME} from './session-plan.js';
import {PLUGIN_ROOT, skillBody} from './transcript-content.js';
import {uuid} from './transcript-ids.js';
import {transcriptRandom} from './transcript-random.js';

/** How the bench grows a cached session by one turn, and puts it back after. */

interface Envelope {
	uuid: string;
	sessionId: string;
	cwd: string;
	version: string;
	gitBranch: string;
	slug?: string;
	timestamp: string;
}

/** The last line with an envelope, read from the file's tail (a session file is never read whole). */
async function lastEnvelope(file: string): Promise<Envelope> {
	const handle = await open(file, 'r');
	try {
		const {size} = await handle.stat();
		const length = Math.min(size, 256 * 1024);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		const lines = buffer.toString('utf8').split('\n').filter(Boolean).reverse();
		for (const line of lines) {
			try {
				const value = JSON.parse(line) as Partial<Envelope>;
				if (value.uuid && value.sessionId && value.cwd && value.timestamp) return value as Envelope;
			} catch {
				// A cut first line of the tail, or a line that is not an envelope: look further back.
			}
		}
	} finally {
		await handle.close();
	}

	throw new Error(`${file}: no line with uuid, sessionId and cwd in its last 256 KB`);
}

const MESSAGE_ID = 'msg_01BenchGrowOneTurnAAAAA';
const REQUEST_ID = 'req_011CBenchGrowOneTurnAA';
const BASE_TOOL_ID = 'toolu_01BenchGrowOneTurnAAAA';

function usage(output: number): Record<string, unknown> {
	return {input_tokens: 3, cache_creation_input_tokens: 512, cache_read_input_tokens: 40_000, cache_creation: {ephemeral_5m_input_tokens: 512, ephemeral_1h_input_tokens: 0}, output_tokens: output, service_tier: 'standard', inference_geo: 'global'};
}

function assistant(id: string, block: unknown, output: number): Record<string, unknown> {
	return {type: 'assistant', message: {model: 'claude-opus-4-6', id, type: 'message', role: 'assistant', content: [block], stop_reason: null, stop_sequence: null, usage: usage(output)}, requestId: REQUEST_ID};
}

/** The turn's lines after `last`, each chained to the one before; turn `n` > 0 has ids of its own. */
function turnLines(last: Envelope, skill: string, turn: number): string[] {
	const next = transcriptRandom(0xa9_9e_4d + turn);
	const own = (id: string) => (turn === 0 ? id : `${id.slice(0, -6)}${String(turn).padStart(6, '0')}`);
	const TOOL_ID = own(BASE_TOOL_ID);
	let clock = Date.parse(last.timestamp) + 120_000;
	let parent = last.uuid;
	const head = (line: Record<string, unknown>) => ({parentUuid: parent, isSidechain: false, userType: 'external', cwd: last.cwd, sessionId: last.sessionId, version: last.version, gitBranch: last.gitBranch, ...(last.slug ? {slug: last.slug} : {}), ...line});
	const lines: string[] = [];
	const add = (line: Record<string, unknown>, advance = 800): string => {
		const id = uuid(next);
		clock += advance;
		lines.push(JSON.stringify({...head(line), uuid: id, timestamp: new Date(clock).toISOString()}));
		parent = id;
		return id;
	};

	add({type: 'user', message: {role: 'user', content: 'The parser test fails again on CI, debug it.'}, thinkingMetadata: {maxThinkingTokens: 31_999}, todos: [], permissionMode: 'bypassPermissions'}, 0);
	add(assistant(own(MESSAGE_ID), {type: 'text', text: 'I\'ll use the debugging skill for this.'}, 4), 3000);
	const toolLine = add(assistant(own(MESSAGE_ID), {type: 'tool_use', id: TOOL_ID, name: 'Skill', input: {skill}, caller: {type: 'direct'}}, 61), 400);
	add({type: 'progress', data: {type: 'hook_progress', hookEvent: 'PostToolUse', hookName: 'PostToolUse:Skill', command: `${PLUGIN_ROOT}/scripts/tool-call-capture.sh`}, parentToolUseID: TOOL_ID, toolUseID: TOOL_ID}, 5);
	const resultLine = add({type: 'user', message: {role: 'user', content: [{type: 'tool_result', tool_use_id: TOOL_ID, content: `Launching skill: ${skill}`}]}, toolUseResult: {success: true, commandName: skill}, sourceToolAssistantUUID: toolLine}, 40);
	add({type: 'user', message: {role: 'user', content: [{type: 'text', text: skillBody(skill, LINE_HOME)}]}, isMeta: true, sourceToolUseID: TOOL_ID, parentUuid: resultLine}, 0);
	add(assistant(own('msg_01BenchGrowOneTurnBBBBB'), {type: 'text', text: 'The test depends on the order of a Map; I made it sort the keys. All tests pass.'}, 230), 9000);
	add({type: 'system', subtype: 'stop_hook_summary', hookCount: 1, hookInfos: [{command: `${PLUGIN_ROOT}/hooks/stop-hook.sh`}], hookErrors: [], preventedContinuation: false, stopReason: '', hasOutput: true, level: 'suggestion'}, 300);
	add({type: 'system', subtype: 'turn_duration', durationMs: 13_545, isMeta: false}, 30);
	return lines;
}

/**
 * Appends one turn as Claude Code would: a prompt, an assistant line with text and one with a
 * Skill tool_use (one message), hooks, the tool_result, the skill's body, a closing assistant
 * line, the turn's end. One new invocation. Returns the size before, to put the file back.
 * `turn`: the n-th of several turns appended one after the other (each its own ids).
 */
export async function appendTurn(file: string, skill = 'superpowers:systematic-debugging', turn = 0): Promise<{sizeBefore: number; newRows: number}> {
	const sizeBefore = (await stat(file)).size;
	const lines = turnLines(await lastEnvelope(file), skill, turn);
	const sink = await FileSink.create(file, 'a');
	for (const line of lines) sink.push(line);
	await sink.close();
	return {sizeBefore, newRows: 1};
}

/** Puts a grown file back to its cached size. */
export async function restoreSize(file: string, size: number): Promise<void> {
	await truncate(file, size);
}
