import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {Database} from '../../source/data/store/database.js';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {MIGRATIONS} from '../../source/data/store/schema.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('a version-4 database gets one machine id, made once; its projects and rows become this machine\'s', async () => {
	const directory = await makeTempDir();
	const file = path.join(directory, 'v4.duckdb');
	const instance = await DuckDBInstance.create(file, {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	await connection.run(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
	for (const [index, statements] of MIGRATIONS.slice(0, 4).entries()) {
		for (const statement of statements) await connection.run(statement);
		await connection.run(`INSERT INTO schema_version VALUES (${index + 1}, now())`);
	}

	await connection.run(`INSERT INTO projects (project_id, project_path, project_name, registered_at) VALUES ('p1', '/work/p1', 'p1', now())`);
	connection.closeSync();
	instance.closeSync();

	const ids: string[] = [];
	for (let open = 0; open < 2; open++) {
		const database = await Database.open(file);
		try {
			const row = await database.one<{id: string; project_machine: string; origin: string}>(
				`SELECT (SELECT value FROM settings WHERE key = 'machine_id') AS id, machine_id AS project_machine, origin_project_id AS origin FROM projects`,
			);
			assert.match(row!.id, UUID);
			assert.deepEqual([row!.project_machine, row!.origin], [row!.id, 'p1']);
			ids.push(row!.id);
		} finally {
			await database.close();
		}
	}

	assert.equal(ids[0], ids[1], 'the id is made once, not at each open');
});

test('skillscope machines: this machine by its host name, --name renames it, two databases are two machines', async () => {
	const directory = await makeTempDir();
	const env = isolatedEnv(directory);
	const project = await makeProject({});
	assert.equal((await runInProcess(['register', project], env)).code, 0);
	const first = await runInProcess(['machines', '--json'], env);
	assert.equal(first.code, 0, first.stderr);
	const [machine] = (JSON.parse(first.stdout) as {machines: Array<Record<string, unknown>>}).machines;
	assert.deepEqual(Object.keys(machine!), ['machine_id', 'name', 'is_local', 'projects', 'invocations', 'last_push_at']);
	assert.match(String(machine!.machine_id), UUID);
	assert.deepEqual([machine!.name, machine!.is_local, machine!.projects, machine!.invocations, machine!.last_push_at], [os.hostname(), true, 1, 0, null]);

	const renamed = await runInProcess(['machines', '--name', 'laptop', '--json'], env);
	assert.deepEqual((JSON.parse(renamed.stdout) as {machines: Array<{name: string; machine_id: string}>}).machines.map(m => [m.name, m.machine_id]), [['laptop', machine!.machine_id]]);
	const text = await runInProcess(['machines'], env);
	assert.match(text.stdout, /laptop/);

	const other = await runInProcess(['machines', '--json'], isolatedEnv(path.join(directory, 'other')));
	const otherId = (JSON.parse(other.stdout) as {machines: Array<{machine_id: string}>}).machines[0]!.machine_id;
	assert.notEqual(otherId, machine!.machine_id);
	assert.equal((await runInProcess(['machines', '--name', ''], env)).code, 2);
});
