import type {SessionCounts} from './session-counts.js';
import type {PendingCall} from './tool-calls.js';
import {bashOutput, readOutput} from './transcript-content.js';

/**
 * The `tool_result` block of each tool call and the `toolUseResult` Claude Code writes beside it,
 * shaped like the real ones in samples/claude-code/.
 */

export interface ResultBody {
	block: Record<string, unknown>;
	/** Already JSON: written into the line as it is. */
	toolUseResult: string;
}

export interface ResultContext {
	next: () => number;
	/** The plan's launch directory (the paths in tool inputs and outputs). */
	cwd: string;
	/** The subagent a Task result names. */
	agentId: string;
	counts: SessionCounts;
}

/** Base64 of deterministic noise behind a real PNG header: sliced for every screenshot line. */
let imageNoise: string | undefined;
function imageBase64(next: () => number, length: number): string {
	if (imageNoise === undefined) {
		const bytes = Buffer.alloc(4 * 2 ** 20);
		let state = 0x1234_5678;
		for (let i = 0; i < bytes.length; i++) {
			state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
			bytes[i] = state >>> 24;
		}

		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
		imageNoise = bytes.toString('base64');
	}

	const size = Math.min(length, imageNoise.length) & ~3;
	const start = Math.floor(next() * (imageNoise.length - size) / 4) * 4;
	return start === 0 ? imageNoise.slice(0, size) : `iVBORw0KGgo${imageNoise.slice(start + 11, start + size)}`;
}

function screenshotResult(call: PendingCall, context: ResultContext): ResultBody {
	const data = imageBase64(context.next, Math.floor((0.5 + context.next() * 2) * 2 ** 20));
	context.counts.bigLines += 1;
	return {
		block: {tool_use_id: call.id, type: 'tool_result', content: [{type: 'image', source: {type: 'base64', data, media_type: 'image/png'}}]},
		toolUseResult: JSON.stringify({type: 'image', file: {base64: data, type: 'image/png', originalSize: Math.floor(data.length * 0.75), dimensions: {originalWidth: 2880, originalHeight: 1800, displayWidth: 1568, displayHeight: 980}}}),
	};
}

function editResult(call: PendingCall, next: () => number): ResultBody {
	const {file_path: file, old_string: oldString, new_string: newString} = call.input;
	const content = `The file ${String(file)} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${readOutput(next, 8)}`;
	const structuredPatch = [{oldStart: 12, oldLines: 3, newStart: 12, newLines: 3, lines: [' \tlet attempt = 0;', `-${String(oldString)}`, `+${String(newString)}`]}];
	return {block: {tool_use_id: call.id, type: 'tool_result', content}, toolUseResult: JSON.stringify({filePath: file, oldString, newString, replaceAll: false, userModified: false, structuredPatch})};
}

function taskResult(call: PendingCall, agentId: string): ResultBody {
	const text = 'The latest stable versions are opentelemetry_api 1.5.0 (~> 1.5), opentelemetry 1.7.0 (~> 1.7) and opentelemetry_exporter 1.10.0 (~> 1.10); the exporter is still maintained.';
	const usage = {input_tokens: 79, cache_creation_input_tokens: 3378, cache_read_input_tokens: 15_436, output_tokens: 938};
	return {block: {tool_use_id: call.id, type: 'tool_result', content: [{type: 'text', text}]}, toolUseResult: JSON.stringify({status: 'completed', prompt: call.input.prompt, agentId, content: [{type: 'text', text: 'The latest stable versions are …'}], totalDurationMs: 32_548, totalTokens: 19_831, totalToolUseCount: 6, usage})};
}

function failedResult(call: PendingCall, forcedError: boolean): ResultBody | undefined {
	if (call.failure) return {block: {type: 'tool_result', content: call.failure.content, is_error: true, tool_use_id: call.id}, toolUseResult: JSON.stringify(call.failure.toolUseResult)};
	if (forcedError) return {block: {type: 'tool_result', content: 'Exit code 1\nnpm error Lifecycle script `test` failed with error:\nnpm error code 1', is_error: true, tool_use_id: call.id}, toolUseResult: JSON.stringify('Error: Exit code 1')};
	return undefined;
}

/** `forcedError`: the call fails beside a Skill's sibling failure. */
export function resultBody(call: PendingCall, forcedError: boolean, context: ResultContext): ResultBody {
	const failed = failedResult(call, forcedError);
	if (failed) return failed;
	const {next, cwd} = context;
	switch (call.tool) {
		case 'Skill':
			return {block: {type: 'tool_result', tool_use_id: call.id, content: `Launching skill: ${call.skill}`}, toolUseResult: JSON.stringify({success: true, commandName: call.skill, allowedTools: ['Read', 'Grep', 'Glob', 'Bash'], model: 'claude-haiku-4-5-20251001'})};
		case 'Image':
			return screenshotResult(call, context);
		case 'Read': {
			const lines = 5 + Math.floor(next() * 40);
			const content = readOutput(next, lines);
			return {block: {tool_use_id: call.id, type: 'tool_result', content}, toolUseResult: JSON.stringify({type: 'text', file: {filePath: call.input.file_path, content: content.slice(0, 400), numLines: lines, startLine: 1, totalLines: lines + 40}})};
		}

		case 'Bash': {
			const stdout = bashOutput(next, String(call.input.command));
			return {block: {tool_use_id: call.id, type: 'tool_result', content: stdout, is_error: false}, toolUseResult: JSON.stringify({stdout, stderr: '', interrupted: false, isImage: false, noOutputExpected: false})};
		}

		case 'Edit':
			return editResult(call, next);
		case 'Grep':
			return {block: {tool_use_id: call.id, type: 'tool_result', content: 'src/net/client.ts:14:  const budget = policy.retryBudget;\nsrc/net/client.ts:31:  if (elapsed > retryBudget) throw error;'}, toolUseResult: JSON.stringify({mode: 'content', numFiles: 1, filenames: [], content: 'src/net/client.ts:14:  const budget = policy.retryBudget;', numLines: 2})};
		case 'Glob':
			return {block: {tool_use_id: call.id, type: 'tool_result', content: `${cwd}/test/net/client.test.ts\n${cwd}/test/api/orders.test.ts`}, toolUseResult: JSON.stringify({filenames: [`${cwd}/test/net/client.test.ts`], durationMs: 12, numFiles: 2, truncated: false})};
		case 'TodoWrite':
			return {block: {tool_use_id: call.id, type: 'tool_result', content: 'Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable'}, toolUseResult: JSON.stringify({oldTodos: [], newTodos: call.input.todos})};
		case 'Task':
			return taskResult(call, context.agentId);
	}
}
