import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {COMMANDS} from '../../source/commands/registry.js';
import {isolatedEnv as isolated} from '../helpers/environment.js';
import {REPO, runCli, runInProcess, withTempDir} from '../helpers/run-cli.js';

/*
 * The command line's answers. Help, version and one usage error go through the built CLI as a
 * user runs it; the other cases are decided by the same code in this process (runInProcess).
 */
describe('help and version', () => {
	test('--help lists every command and exits 0', async () => {
		const result = await runCli(['--help']);
		assert.equal(result.code, 0);
		assert.equal(result.stdout, (await runInProcess(['--help'])).stdout, 'the process prints what main() writes');
		for (const {name} of COMMANDS) assert.match(result.stdout, new RegExp(`\\n {4}${name}\\b`), name);
		for (const command of ['register', 'unregister', 'projects', 'collect', 'aggregate', 'top', 'skill', 'compare', 'summary', 'health']) {
			assert.match(result.stdout, new RegExp(`\\n\\s+${command}\\b`), command);
		}
	});

	test('--version prints the package version', async () => {
		const result = await runCli(['--version']);
		const {version} = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as {version: string};
		assert.equal(result.code, 0);
		assert.equal(result.stdout.trim(), version);
	});

	test('the README usage block is the --help output', async () => {
		const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
		const block = /## Usage\n\n```\n([\s\S]*?)```/.exec(readme);
		assert.ok(block, 'README has a ## Usage code block');
		const help = (await runInProcess(['--help'])).stdout;
		assert.equal(block[1]!.trim(), help.trim());
	});
});

describe('bad usage exits 2, says what is wrong and shows the right form', () => {
	const cases: Array<[string, string[], RegExp]> = [
		['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
		['an unknown flag', ['top', '--bogus'], /unknown option --bogus/],
		['a flag of another command', ['register', '.', '--purge'], /--purge does not apply to "register"[\s\S]*usage: skillscope register/],
		['a bad --limit', ['top', '--limit', 'ten'], /--limit expects a whole number[\s\S]*usage: skillscope top/],
		['a bad --window', ['top', '--window', 'hourly'], /--window "hourly" is not one of daily, weekly, monthly, all/],
		['a bad --min-success', ['top', '--min-success', '80'], /--min-success expects a fraction from 0 to 1/],
		['a bad --sort', ['top', '--sort', 'speed'], /--sort "speed" is not FIELD/],
		['a bad --at', ['top', '--at', '2026-02-30'], /--at "2026-02-30" is not a date/],
		['--since after --until', ['top', '--since', '2026-03-02', '--until', '2026-03-01'], /--since 2026-03-02 is after --until 2026-03-01/],
		['a window with a range', ['top', '--window', 'daily', '--since', '2026-03-01'], /not both/],
		['a bad --timezone', ['top', '--timezone', 'Mars/Olympus'], /--timezone "Mars\/Olympus" is not an IANA time zone/],
		['a missing argument', ['skill'], /"skill" needs an argument[\s\S]*usage: skillscope skill <name>/],
		['too many arguments', ['compare', 'a', 'b'], /"compare" takes at most 1/],
		['an unknown project', ['top', '--project', 'nowhere'], /no registered project "nowhere"/],
	];
	for (const [what, args, message] of cases) {
		test(what, async () => {
			await withTempDir(async directory => {
				const result = await runInProcess(args, isolated(directory));
				assert.equal(result.code, 2, result.stderr);
				assert.match(result.stderr, message);
				assert.equal(result.stdout, '', 'nothing on stdout');
				assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
			});
		});
	}

	test('the built CLI exits 2 with the message and the usage, nothing on stdout', async () => {
		await withTempDir(async directory => {
			const result = await runCli(['register', '.', '--purge'], isolated(directory));
			assert.equal(result.code, 2, result.stderr);
			assert.match(result.stderr, /^skillscope: --purge does not apply to "register"\nusage: skillscope register <path>/);
			assert.equal(result.stdout, '');
		});
	});

	test('registering a path that does not exist, or a file', async () => {
		await withTempDir(async directory => {
			const missing = await runInProcess(['register', path.join(directory, 'missing')], isolated(directory));
			assert.equal(missing.code, 2);
			assert.match(missing.stderr, /missing: no such directory/);
			const file = path.join(directory, 'file.txt');
			await writeFile(file, 'x');
			const notDirectory = await runInProcess(['register', file], isolated(directory));
			assert.equal(notDirectory.code, 2);
			assert.match(notDirectory.stderr, /file\.txt: not a directory/);
		});
	});

	test('the explorer without a terminal explains itself instead of failing on raw mode', async () => {
		await withTempDir(async directory => {
			const result = await runInProcess([], isolated(directory));
			assert.equal(result.code, 2);
			assert.match(result.stderr, /needs a terminal.*--json/);
			assert.doesNotMatch(result.stderr, /raw mode/i);
		});
	});

	test('a broken config file is named in a one-line error, exit 1', async () => {
		await withTempDir(async directory => {
			const config = path.join(directory, 'config.json');
			await writeFile(config, '{"timezone": 5}');
			const result = await runInProcess(['projects'], isolated(directory, {SKILLSCOPE_CONFIG: config}));
			assert.equal(result.code, 1);
			assert.match(result.stderr, /config\.json: timezone/);
		});
	});
});
