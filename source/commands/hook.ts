import {z} from 'zod';
import type {RegisteredCommand} from './command.js';
import {oneOf} from './options.js';

/**
 * What the Claude Code plugin (plugins/skillscope) runs when a session ends. Served by the entry
 * point itself, as `mcp` is: it reads the hook's JSON from stdin, prints nothing and never fails
 * the session (commands/hook-session-end.ts).
 */
export const hook = {
	name: 'hook',
	usage: 'hook session-end [--cwd DIR] [--session ID]',
	summary: 'what the Claude Code plugin runs when a session ends: reads the hook\'s JSON on stdin and collects the session\'s project in the background (collect --quiet DIR); prints nothing, exits 0; what it could not collect goes to <database>.hook.log (health shows it). --cwd: collect DIR\'s project now, as the background does',
	positionals: [{key: 'event', label: 'session-end'}],
	options: z.strictObject({
		event: oneOf(['session-end']).describe('The Claude Code hook event: session-end (SessionEnd)'),
		cwd: z.string().trim().min(1, 'needs a value').optional().describe('Collect the project holding this directory now, quietly, instead of reading the hook\'s JSON and collecting in the background'),
		session: z.string().trim().min(1, 'needs a value').optional().describe('The session id, for the log and health (with --cwd)'),
	}),
} satisfies RegisteredCommand;
