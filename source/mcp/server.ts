import process from 'node:process';
import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js';
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js';
import type {z} from 'zod';
import {describeError, mcpErrorText} from '../errors.js';
import {createCallRunner, type CallOptions, type CallRunner} from './calls.js';
import type {ToolDefinition} from './tool.js';
import {LineTransport} from './stdio-transport.js';
import {TOOLS} from './tools.js';

export interface McpServerOptions extends CallOptions {
	version: string;
	/** Stack traces of unexpected errors on stderr. */
	debug?: boolean;
}

const INSTRUCTIONS = `skillscope: how AI-assistant skills are used and how well they work, across the projects registered on this machine (local data only).
Typical flow: list_registered_projects (or register_project, then collect_skill_metrics), then get_top_skills, analyze_skill_effectiveness, compare_skill_across_projects, get_skill_summary, get_workflow_recommendations.
Over time and across sessions: get_skill_trend, get_skill_adoption, find_skills_used_together, predict_next_skill, get_workflow_patterns (a session is a distinct project and session_id; invocations without a session_id take no part).
Rates are fractions 0-1; times are ISO-8601 UTC; in the per-skill figures pending (never finished) invocations are counted only as pending_invocations; the session-based tools count them, since they were invoked.`;

/** A message for the assistant: what went wrong, without a stack. */
function errorResult(error: unknown, tool: string, options: McpServerOptions): CallToolResult {
	const described = describeError(error);
	const message = mcpErrorText(described);
	if (described.kind === 'internal') options.log(`${tool}: ${options.debug && error instanceof Error ? (error.stack ?? error.message) : message}`);
	return {isError: true, content: [{type: 'text', text: message}]};
}

function register(server: McpServer, calls: CallRunner, options: McpServerOptions, tool: ToolDefinition): void {
	// The SDK validates the arguments against this schema before the call (an error result if they do not fit).
	const inputSchema: z.ZodObject = tool.schema;
	server.registerTool(
		tool.name,
		{
			title: tool.title,
			description: tool.description,
			inputSchema,
			annotations: {readOnlyHint: tool.readOnly, destructiveHint: false, idempotentHint: true, openWorldHint: false},
		},
		async (args: z.output<z.ZodObject>, extra): Promise<CallToolResult> => {
			// Progress lines (a collect's projects) go to stderr, and to the client when it asked for progress.
			const token = extra._meta?.progressToken;
			let progress = 0;
			const warn = (line: string) => {
				options.log(line);
				if (token !== undefined) void extra.sendNotification({method: 'notifications/progress', params: {progressToken: token, progress: ++progress, message: line}}).catch(() => undefined);
			};

			try {
				// A report is a JSON object: the command's --json document.
				const data = (await calls.run(async context => tool.run(context, args), warn)) as Record<string, unknown>;
				return {structuredContent: data, content: [{type: 'text', text: JSON.stringify(data, null, 2)}]};
			} catch (error) {
				return errorResult(error, tool.name, options);
			}
		},
	);
}

export function createMcpServer(options: McpServerOptions): {server: McpServer; calls: CallRunner} {
	const server = new McpServer({name: 'skillscope', title: 'skillscope', version: options.version}, {instructions: INSTRUCTIONS});
	const calls = createCallRunner(options);
	for (const tool of TOOLS) register(server, calls, options, tool);
	return {server, calls};
}

/** Serves on stdin/stdout until the client closes stdin (or a signal), then lets the last call finish. */
export async function runMcpServer(options: McpServerOptions): Promise<void> {
	const {server, calls} = createMcpServer(options);
	const closed = new Promise<void>(resolve => {
		server.server.onclose = resolve;
	});
	const stop = () => void server.close();
	process.stdin.once('end', stop);
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	// What the protocol layer could not handle (a response to no request, …) is logged, not dropped.
	server.server.onerror = error => options.log(`protocol: ${error.message}`);
	await server.connect(new LineTransport(options.log));
	options.log(`serving ${options.dbPath} on stdio (the database is opened per call)`);
	await closed;
	await calls.idle();
	process.off('SIGINT', stop);
	process.off('SIGTERM', stop);
}
