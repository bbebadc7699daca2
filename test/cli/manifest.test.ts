import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {describe, test} from 'node:test';
import {MANIFEST_FILE, manifestSource} from '../../scripts/command-manifest.js';
import {parseArgv} from '../../source/argv.js';
import {COMMAND_MANIFEST, HELP} from '../../source/commands/manifest.js';
import {COMMANDS} from '../../source/commands/registry.js';
import {CommandUsageError} from '../../source/errors.js';
import {flagTypes, GLOBAL_DEFAULTS} from '../../source/flags.js';
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

describe('the command line, split by meow from the manifest\'s flags', () => {
	const types = flagTypes();
	const parse = (...argv: string[]) => parseArgv(argv, types);
	// Switches not given read false, as meow gives them: these cases compare the flags that are on.
	const given = async (...argv: string[]) => {
		const parsed = await parse(...argv);
		return {...parsed, flags: Object.fromEntries(Object.entries(parsed.flags).filter(([, value]) => value !== false))};
	};

	test('a string flag takes the next argument or its = value; kebab and camelCase are one flag', async () => {
		assert.deepEqual(await given('top', '--limit', '5', '--min-success=0.8'), {input: ['top'], flags: {limit: '5', minSuccess: '0.8'}, unknown: []});
		assert.deepEqual((await given('top', '--minSuccess', '0.5')).flags, {minSuccess: '0.5'});
		assert.deepEqual((await given('top', '--limit', '-5')).flags, {limit: '-5'}, 'a negative number is a value');
	});

	test('a string flag with no value is empty (the command says it needs one)', async () => {
		assert.deepEqual((await given('top', '--limit')).flags, {limit: ''});
		assert.deepEqual((await given('top', '--limit', '--json')).flags, {limit: '', json: true});
	});

	test('switches: on, --no-<switch>, =false, or a true/false after them', async () => {
		const switched = await parse('collect', '--force', '--no-color');
		assert.equal(switched.flags.force, true);
		assert.equal(switched.flags.color, false);
		assert.equal(switched.flags.watch, false, 'a switch not given is off');
		assert.equal((await parse('collect', '--json=false')).flags.json, false);
		assert.equal((await parse('collect', '--json')).flags.json, true);
		const valued = await parse('collect', '--force', 'false', 'webapp');
		assert.deepEqual([valued.input, valued.flags.force], [['collect', 'webapp'], false]);
	});

	test('a switch not given takes its default: colour stays on unless --no-color (meow reads an absent switch as false)', async () => {
		const plain = await parseArgv(['top'], types, GLOBAL_DEFAULTS);
		assert.deepEqual([plain.flags.color, plain.flags.json, plain.flags.debug], [true, false, false]);
		assert.equal((await parseArgv(['top', '--no-color'], types, GLOBAL_DEFAULTS)).flags.color, false);
		assert.equal((await parseArgv([], types, GLOBAL_DEFAULTS)).flags.color, true, 'the explorer too');
	});

	test('unknown flags as typed, short ones one by one; after -- everything is an argument', async () => {
		assert.deepEqual((await parse('top', '--bogus', '-xy', '--no-such')).unknown, ['--bogus', '-x', '-y', '--no-such']);
		const rest = await parse('skill', '--', '--json', '-x');
		assert.deepEqual([rest.input, rest.flags.json, rest.unknown], [['skill', '--json', '-x'], false, []]);
	});

	test('a flag given twice is a usage error naming it', async () => {
		await assert.rejects(parse('top', '--limit', '5', '--limit=6'), (error: unknown) => error instanceof CommandUsageError && /--limit is given more than once/.test(error.message));
	});
});
