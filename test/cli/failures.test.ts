import assert from 'node:assert/strict';
import {copyFile, mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {isolatedEnv as isolated} from '../helpers/environment.js';
import {runCli, runInProcess, SAMPLES, withTempDir} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';

/* The command line in this process, except where another process must hold the database. */
describe('what goes wrong is named, and nothing else is lost', () => {
	test('a truncated file in one project: exit 3, the file named, every other source collected', async () => {
		await withTempDir(async directory => {
			const env = isolated(directory);
			const projects = await makeSampleProjects(path.join(directory, 'projects'));
			// The same project also has a healthy legacy file: it must still be read.
			const broken = projects.export;
			const file = path.join(broken, '.session-buddy', 'skill_metrics.json');
			const text = await readFile(file, 'utf8');
			await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
			await mkdir(path.join(broken, '.crackerjack'));
			await writeFile(path.join(broken, '.crackerjack', 'skill_metrics.json'), await readFile(path.join(projects.crackerjack, '.crackerjack', 'skill_metrics.json')));
			for (const project of Object.values(projects)) assert.equal((await runInProcess(['register', project], env)).code, 0);

			const result = await runInProcess(['collect', '--json'], env);
			assert.equal(result.code, 3);
			assert.match(result.stderr, new RegExp(`${file.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON .*truncated`));
			const report = JSON.parse(result.stdout) as {projects: Array<{project_name: string; collected: number; errors: number; error_details: Array<{file: string; message: string}>}>};
			const exported = report.projects.find(project => project.project_name === 'export')!;
			assert.equal(exported.errors, 1);
			assert.equal(exported.error_details[0]!.file, file);
			assert.equal(exported.collected, 3, 'the legacy file of the same project');
			const others = report.projects.filter(project => project.project_name !== 'export');
			assert.deepEqual(others.map(project => project.collected).sort(), [1, 3, 3, 6]);
		});
	});

	test('a record with a bad invoked_at is rejected alone', async () => {
		await withTempDir(async directory => {
			const env = isolated(directory);
			const project = path.join(directory, 'p');
			await mkdir(path.join(project, '.session-buddy'), {recursive: true});
			const record = {skill_name: 'a', invoked_at: '2026-01-01T10:00:00', completed: true, duration_seconds: 1, follow_up_actions: [], error_type: null, workflow_path: null};
			await writeFile(path.join(project, '.session-buddy', 'skill_metrics.json'), JSON.stringify({invocations: [record, {...record, invoked_at: 'yesterday'}]}));
			await runInProcess(['register', project], env);
			const result = await runInProcess(['collect', '--json'], env);
			assert.equal(result.code, 3);
			const report = JSON.parse(result.stdout) as {totals: {collected: number; errors: number}; projects: Array<{error_details: Array<{message: string}>}>};
			assert.equal(report.totals.collected, 1);
			assert.equal(report.totals.errors, 1);
			assert.match(report.projects[0]!.error_details[0]!.message, /invocations\[1\]: invoked_at: not a timestamp: "yesterday"/);
		});
	});

	test('a database held by another process: a clear message naming that, exit 1', async () => {
		await withTempDir(async directory => {
			const env = isolated(directory);
			assert.equal((await runInProcess(['projects'], env)).code, 0);
			const holder = await DuckDBInstance.create(env.SKILLSCOPE_DB, {...DUCKDB_OPTIONS});
			const connection = await holder.connect();
			try {
				const result = await runCli(['projects'], env);
				assert.equal(result.code, 1);
				assert.match(result.stderr, new RegExp(`in use by another skillscope process \\(pid ${process.pid}\\)`));
				assert.doesNotMatch(result.stderr, /\n\s+at /);
			} finally {
				connection.closeSync();
				holder.closeSync();
			}
		});
	});

	test('a file that is not a DuckDB database is refused and left as it was', async () => {
		await withTempDir(async directory => {
			const file = path.join(directory, 'notes.duckdb');
			await writeFile(file, 'these are my notes, not a database\n'.repeat(200));
			const before = await readFile(file);
			const result = await runInProcess(['projects', '--db', file], isolated(directory));
			assert.equal(result.code, 1);
			assert.match(result.stderr, /notes\.duckdb: not a skillscope \(DuckDB\) database/);
			assert.deepEqual(await readFile(file), before);
		});
	});

	test('a SQLite file is refused as not a DuckDB database, before DuckDB sees it: no extension is looked for (issue 22, D17)', async () => {
		await withTempDir(async directory => {
			const file = path.join(directory, 'x.duckdb');
			await copyFile(path.join(SAMPLES, 'session-buddy-skills.db'), file);
			const before = await readFile(file);
			for (const command of ['top', 'health']) {
				const result = await runInProcess([command, '--db', file], isolated(directory));
				assert.equal(result.code, 1);
				assert.equal(result.stderr, `skillscope: ${file}: not a skillscope (DuckDB) database; nothing was changed. Choose another file with --db\n`);
			}

			assert.deepEqual(await readFile(file), before);
			assert.deepEqual(await readdir(directory), ['x.duckdb'], 'no WAL, no extension folder');
		});
	});

	test('a project with no metrics reports it and is not an error', async () => {
		await withTempDir(async directory => {
			const env = isolated(directory);
			const empty = path.join(directory, 'empty');
			await mkdir(empty);
			await runInProcess(['register', empty], env);
			const result = await runInProcess(['collect', '--json'], env);
			assert.equal(result.code, 0);
			const report = JSON.parse(result.stdout) as {projects: Array<{notice?: string; collected: number}>};
			assert.equal(report.projects[0]!.notice, 'no metrics found');
		});
	});
});
