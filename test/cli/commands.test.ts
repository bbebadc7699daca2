import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {z} from 'zod';
import {optionLabel, parseOptions} from '../../source/commands/command.js';
import {COMMANDS} from '../../source/commands/registry.js';
import {top} from '../../source/commands/top.js';
import {CommandUsageError} from '../../source/errors.js';
import {commandFlags, flagType} from '../../source/commands/flag-types.js';
import {helpText} from '../../source/help.js';
import {TOOLS} from '../../source/mcp/tools.js';

/* The registry is the one definition of each command: these checks keep what is derived from it honest. */
describe('the command registry', () => {
	test('names are unique; each usage starts with its name and shows every option and positional, and nothing else', () => {
		assert.equal(new Set(COMMANDS.map(command => command.name)).size, COMMANDS.length);
		for (const command of COMMANDS) {
			assert.ok(command.usage === command.name || command.usage.startsWith(`${command.name} `), command.name);
			const shown = new Set(command.usage.match(/--[a-z-]+/g) ?? []);
			const flags = commandFlags(command).map(([key]) => optionLabel(command, key));
			assert.deepEqual([...shown].sort(), [...flags].sort(), `${command.name}: usage and options`);
			for (const positional of command.positionals ?? []) {
				assert.ok(positional.key in command.options.shape, `${command.name}: ${positional.key} is an option`);
				assert.ok(command.usage.includes(positional.label), `${command.name}: ${positional.label} in usage`);
			}
		}
	});

	test('every option is described, and one flag name has one type in every command', () => {
		const types = new Map<string, string>();
		for (const command of COMMANDS) {
			for (const [key, schema] of Object.entries(command.options.shape)) {
				assert.ok((schema as z.ZodType).description, `${command.name} ${key} has a description`);
				const type = flagType(schema as z.core.$ZodType);
				assert.equal(types.get(key) ?? type, type, `--${key} is a ${types.get(key)} elsewhere`);
				types.set(key, type);
			}
		}
	});

	test('--help lists each command with its usage and its summary, in registry order', () => {
		const help = helpText().replaceAll(/\s+/g, ' ');
		let from = 0;
		for (const command of COMMANDS) {
			const at = help.indexOf(` ${command.usage} ${command.summary}`, from);
			assert.ok(at > from, `${command.name} after the previous one`);
			from = at;
		}
	});

	test('every report command runs from the registry; every MCP tool has a described schema', () => {
		assert.deepEqual(COMMANDS.filter(command => !command.execute).map(command => command.name), ['hook', 'mcp']);
		for (const tool of TOOLS) {
			for (const [key, schema] of Object.entries(tool.schema.shape)) assert.ok((schema as z.ZodType).description, `${tool.name}.${key}`);
		}
	});
});

describe('options: the CLI\'s text and an MCP client\'s values meet one schema', () => {
	test('text is converted, typed values pass as they are, to the same options', () => {
		const fromText = parseOptions(top, {limit: '5', minSuccess: '0.8', window: 'weekly', sort: 'skill_name:asc'});
		assert.deepEqual(fromText, {limit: 5, minSuccess: 0.8, window: 'weekly', sort: {field: 'skill_name', descending: false}});
		assert.deepEqual(top.options.parse({limit: 5, minSuccess: 0.8, window: 'weekly'}), {limit: 5, minSuccess: 0.8, window: 'weekly'});
	});

	test('a range is checked once, whichever way the value comes', () => {
		for (const value of ['0', 0, '100001', 2.5, '2.5', 'ten', '']) {
			assert.throws(() => parseOptions(top, {limit: value}), (error: unknown) => error instanceof CommandUsageError && /^--limit expects a whole number from 1 to 100000/.test(error.message), String(value));
		}

		assert.throws(() => parseOptions(top, {minSuccess: 1.5}), /--min-success expects a fraction from 0 to 1/);
		assert.throws(() => parseOptions(top, {bogus: 1}), /--bogus does not apply to "top"/);
	});
});
