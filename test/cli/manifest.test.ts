import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {describe, test} from 'node:test';
import {MANIFEST_FILE, manifestSource} from '../../scripts/command-manifest.js';
import {parseArgv} from '../../source/argv.js';
import {COMMAND_MANIFEST, HELP} from '../../source/commands/manifest.js';
import {COMMANDS} from '../../source/commands/registry.js';
import {CommandUsageError} from '../../source/errors.js';
import {flagTypes} from '../../source/flags.js';
import {helpText} from '../../source/help.js';

/* The manifest is what the command line knows before it loads a command: it must say what the registry says. */
describe('the command manifest', () => {
	test('manifest.ts is what `npm run manifest` writes from the registry today', async () => {
		assert.equal(await readFile(MANIFEST_FILE, 'utf8'), await manifestSource(), 'source/commands/manifest.ts is stale: run npm run manifest');
	});

	test('its help is the registry\'s help, and it names every command of the registry in order, from the module that exports it', async () => {
		assert.equal(HELP.trim(), helpText().trim());
		assert.deepEqual(COMMAND_MANIFEST.map(entry => entry.name), COMMANDS.map(command => command.name));
		for (const [index, entry] of COMMAND_MANIFEST.entries()) {
			const module = (await import(`../../source/commands/${entry.module.replace(/\.js$/, '.ts')}`)) as Record<string, unknown>;
			assert.equal(module[entry.exportName], COMMANDS[index], entry.name);
		}
	});
});

describe('the command line, split as meow split it', () => {
	const types = flagTypes();
	const parse = (...argv: string[]) => parseArgv(argv, types);

	test('a string flag takes the next argument or its = value; kebab and camelCase are one flag', () => {
		assert.deepEqual(parse('top', '--limit', '5', '--min-success=0.8'), {input: ['top'], flags: {limit: '5', minSuccess: '0.8'}, unknown: []});
		assert.deepEqual(parse('top', '--minSuccess', '0.5').flags, {minSuccess: '0.5'});
		assert.deepEqual(parse('top', '--limit', '-5').flags, {limit: '-5'}, 'a negative number is a value');
	});

	test('a string flag with no value is empty (the command says it needs one)', () => {
		assert.deepEqual(parse('top', '--limit').flags, {limit: ''});
		assert.deepEqual(parse('top', '--limit', '--json').flags, {limit: '', json: true});
	});

	test('switches: on, --no-<switch>, =false, or a true/false after them', () => {
		assert.deepEqual(parse('collect', '--force', '--no-color').flags, {force: true, color: false});
		assert.deepEqual(parse('collect', '--json=false').flags, {json: false});
		assert.deepEqual(parse('collect', '--force', 'false', 'webapp'), {input: ['collect', 'webapp'], flags: {force: false}, unknown: []});
	});

	test('unknown flags as typed, short ones one by one; after -- everything is an argument', () => {
		assert.deepEqual(parse('top', '--bogus', '-xy', '--no-such').unknown, ['--bogus', '-x', '-y', '--no-such']);
		assert.deepEqual(parse('skill', '--', '--json', '-x'), {input: ['skill', '--json', '-x'], flags: {}, unknown: []});
	});

	test('a flag given twice is a usage error naming it', () => {
		assert.throws(() => parse('top', '--limit', '5', '--limit=6'), (error: unknown) => error instanceof CommandUsageError && /--limit is given more than once/.test(error.message));
	});
});
