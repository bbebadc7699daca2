import {z} from 'zod';
import type {RegisteredCommand} from './command.js';

/** Served by the entry point itself (stdout is the protocol's): no report, no text form. */
export const mcp: RegisteredCommand = {
	name: 'mcp',
	usage: 'mcp',
	summary: 'serve the tools to AI assistants (MCP over stdio)',
	options: z.strictObject({}),
};
