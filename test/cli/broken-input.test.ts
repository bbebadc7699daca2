import assert from 'node:assert/strict';
import {mkdir, readFile, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {runCli, runInProcess, SAMPLES, withTempDir} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';

type Report = {
	projects: Array<{project_name: string; collected: number; errors: number; error_details: Array<{file: string; message: string}>}>;
	totals: {collected: number; errors: number};
};

const record = (over: Record<string, unknown> = {}) => ({skill_name: 'ok', invoked_at: '2026-03-02T10:00:00Z', completed: true, duration_seconds: 1, follow_up_actions: [], error_type: null, ...over});
const exportText = (records: unknown[]) => JSON.stringify({invocations: records}, null, 2);

/**
 * One project per kind of damage, beside the healthy sample projects, collected in one process:
 * each damaged source is named with its project and what is wrong, every healthy or recoverable
 * record is collected, the process exits 3 and never shows a stack trace.
 */
const SB = path.join('.session-buddy', 'skill_metrics.json');
const DB = path.join('.session-buddy', 'skills.db');
const CASES: Record<string, {write: (project: string) => Promise<void>; error: RegExp | undefined; file: string; collected: number}> = {
	empty: {write: async p => writeFile(path.join(p, SB), ''), error: /the file is empty/, file: SB, collected: 0},
	truncated: {write: async p => writeFile(path.join(p, SB), exportText([record()]).slice(0, 40)), error: /invalid JSON.*truncated/, file: SB, collected: 0},
	invalid: {write: async p => writeFile(path.join(p, SB), '{"invocations": [1,,2]}'), error: /invalid JSON: Unexpected token/, file: SB, collected: 0},
	'null-top': {write: async p => writeFile(path.join(p, SB), 'null'), error: /found null/, file: SB, collected: 0},
	'string-list': {write: async p => writeFile(path.join(p, SB), '{"invocations": "none"}'), error: /"invocations" must be a list/, file: SB, collected: 0},
	'python-nan': {
		write: async p => writeFile(path.join(p, SB), exportText([record(), record({skill_name: 'nan'})]).replace('"duration_seconds": 1', '"duration_seconds": NaN')),
		error: /1 bare NaN\/Infinity value \(not JSON\) read as null/,
		file: SB,
		collected: 2,
	},
	bom: {write: async p => writeFile(path.join(p, SB), `\uFEFF${exportText([record()])}`), error: undefined, file: SB, collected: 1},
	'not-utf8': {
		write: async p => writeFile(path.join(p, SB), fixUtf8Case()),
		error: /not valid UTF-8 \(first bad byte at offset \d+\)/,
		file: SB,
		collected: 1,
	},
	'bad-records': {
		write: async p => writeFile(path.join(p, SB), exportText([record(), record({invoked_at: 'soon'}), record({skill_name: ''}), null, record({skill_name: 'x'.repeat(2_000_000)}), record({invoked_at: '2026-03-02T11:00:00Z', duration_seconds: -1})])),
		error: /invocations\[1\]: invoked_at: not a timestamp/,
		file: SB,
		collected: 2,
	},
	directory: {write: async p => mkdir(path.join(p, SB)), error: /is a directory, expected a file/, file: SB, collected: 0},
	dangling: {write: async p => symlink(path.join(p, 'gone.json'), path.join(p, SB)), error: /does not exist \(a dangling link\?\)/, file: SB, collected: 0},
	loop: {write: async p => symlink(path.join(p, SB), path.join(p, SB)), error: /symbolic link loop/, file: SB, collected: 0},
	deep: {write: async p => writeFile(path.join(p, SB), `${'['.repeat(100_000)}${']'.repeat(100_000)}`), error: /expected a JSON object at the top level/, file: SB, collected: 0},
	'too-large': {write: async p => writeFile(path.join(p, SB), exportText([record({user_query: 'q'.repeat(4_000_000)})])), error: /too large to read/, file: SB, collected: 0},
	'db-not-sqlite': {write: async p => writeFile(path.join(p, DB), 'just some text, not a database'), error: /not a SQLite database/, file: DB, collected: 0},
	'db-no-table': {write: async p => writeFile(path.join(p, DB), sqliteWithoutTable), error: /no skill_invocation table/, file: DB, collected: 0},
};

let sqliteWithoutTable: Buffer;
let fixUtf8Case: () => Buffer;

test('every kind of broken source, each in a project beside healthy ones: named, the rest collected, exit 3, no stack trace', async () => {
	const {default: initSqlJs} = await import('sql.js');
	const {createRequire} = await import('node:module');
	const SQL = await initSqlJs({locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')});
	const db = new SQL.Database();
	db.run('CREATE TABLE notes (text TEXT)');
	sqliteWithoutTable = Buffer.from(db.export());
	db.close();
	fixUtf8Case = () => {
		const text = Buffer.from(exportText([record({user_query: 'cafX'})]));
		text[text.indexOf('X')] = 0xe9; // latin-1 é: not UTF-8
		return text;
	};

	await withTempDir(async directory => {
		const env = {SKILLSCOPE_DB: path.join(directory, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json'), SKILLSCOPE_MAX_SOURCE_BYTES: String(3 * 1024 * 1024)};
		const healthy = await makeSampleProjects(path.join(directory, 'healthy'));
		const toRegister = [...Object.values(healthy)];
		for (const [name, spec] of Object.entries(CASES)) {
			const project = path.join(directory, 'broken', name);
			await mkdir(path.join(project, '.session-buddy'), {recursive: true});
			await spec.write(project);
			// Every broken project also has a healthy legacy file: it must still be read.
			await mkdir(path.join(project, '.crackerjack'));
			await writeFile(path.join(project, '.crackerjack', 'skill_metrics.json'), await readFile(path.join(SAMPLES, 'crackerjack-tracker.json')));
			toRegister.push(project);
		}

		// Registered in this process (a spawn per project would take seconds), collected by the CLI.
		const database = await Database.open(env.SKILLSCOPE_DB);
		for (const project of toRegister) await registerProject(database, project);
		await database.close();

		const result = await runCli(['collect', '--json'], env);
		assert.equal(result.code, 3, result.stderr);
		assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
		const report = JSON.parse(result.stdout) as Report;
		const byName = new Map(report.projects.map(project => [project.project_name, project]));
		for (const [name, spec] of Object.entries(CASES)) {
			const project = byName.get(name)!;
			const file = path.join(directory, 'broken', name, spec.file);
			assert.equal(project.collected, spec.collected + 3, `${name}: its healthy records and the legacy file's 3: ${JSON.stringify(project.error_details)}`);
			if (spec.error) {
				const detail = project.error_details.find(d => spec.error!.test(d.message));
				assert.ok(detail, `${name}: ${JSON.stringify(project.error_details)}`);
				assert.equal(detail.file, file, name);
				// The progress line on stderr names the project, the file and what is wrong.
				const line = result.stderr.split('\n').find(l => l.startsWith(`error in ${name}: `) && spec.error!.test(l));
				assert.ok(line, `${name} on stderr:\n${result.stderr}`);
			} else {
				assert.equal(project.errors, 0, name);
			}
		}

		for (const name of Object.keys(healthy)) assert.equal(byName.get(name)!.errors, 0, name);
		assert.deepEqual(Object.keys(healthy).map(name => byName.get(name)!.collected), [3, 1, 3, 3, 6]);
		// The recovered and healthy rows are there for reports (read in this process).
		const top = await runInProcess(['top', '--json', '--limit', '100'], env);
		assert.equal(top.code, 0, top.stderr);
		assert.doesNotMatch(top.stdout, /x{200}/);
	});
});
