import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {realpath, rm, symlink, writeFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import {UsageError} from '../../source/errors.js';
import {findProject, listProjects, registerProject, unregisterProject} from '../../source/data/registry/registry.js';
import {aggregateRows, collectUtc, openDatabase} from '../helpers/database.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {exportFile, invocation} from '../helpers/tracker.js';

const sha16 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const twoRecords = exportFile([
	invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00Z'}),
	invocation({skill_name: 'deploy', invoked_at: '2026-03-02T11:00:00Z', completed: false, error_type: 'Boom'}),
]);

describe('registering', () => {
	test('the id is the SHA-256 prefix of the resolved path, the name its base name', async () => {
		const database = await openDatabase();
		const dir = await makeProject();
		const {project, created} = await registerProject(database, dir);
		const resolved = await realpath(dir);
		assert.equal(created, true);
		assert.equal(project.project_id, sha16(resolved));
		assert.equal(project.project_path, resolved);
		assert.equal(project.project_name, resolved.split('/').pop());
		assert.equal(project.project_type, 'unknown');
		assert.equal(project.is_active, true);
		assert.equal(project.invocations, 0);
		assert.match(project.registered_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
	});

	test('the same directory by any spelling is one project', async () => {
		const database = await openDatabase();
		const dir = await makeProject();
		const links = await makeTempDir('skillscope-links-');
		await symlink(dir, join(links, 'through-a-link'));
		const {project} = await registerProject(database, dir);
		const spellings = [
			`${dir}/`,
			`${dir}//`,
			join(dir, '.'),
			`${dir}/sub/..`,
			relative(process.cwd(), dir),
			join(links, 'through-a-link'),
			`${join(links, 'through-a-link')}/`,
		];
		for (const spelling of spellings) {
			const again = await registerProject(database, spelling);
			assert.equal(again.created, false, spelling);
			assert.equal(again.project.project_id, project.project_id, spelling);
		}

		assert.equal((await listProjects(database)).length, 1);
	});

	test('a file or a missing path is not a project', async () => {
		const database = await openDatabase();
		const dir = await makeProject();
		const file = join(dir, 'notes.txt');
		await writeFile(file, 'hello');
		await assert.rejects(registerProject(database, file), (error: unknown) => error instanceof UsageError && /not a directory/.test(error.message) && error.message.includes(file));
		await assert.rejects(registerProject(database, join(dir, 'missing')), (error: unknown) => error instanceof UsageError && /no such directory/.test(error.message));
		assert.deepEqual(await listProjects(database), []);
	});

	test('name and type are taken when given, kept when not', async () => {
		const database = await openDatabase();
		const dir = await makeProject();
		await registerProject(database, dir, {name: 'web', type: 'node'});
		const kept = await registerProject(database, dir);
		assert.equal(kept.project.project_name, 'web');
		assert.equal(kept.project.project_type, 'node');
		const renamed = await registerProject(database, dir, {name: ' shop ', type: 'python'});
		assert.equal(renamed.project.project_name, 'shop');
		assert.equal(renamed.project.project_type, 'python');
	});
});

describe('unregistering', () => {
	test('deactivates but keeps the rows; registering again reactivates it', async () => {
		const database = await openDatabase();
		const dir = await makeProject({'.session-buddy/skill_metrics.json': twoRecords});
		const {project} = await registerProject(database, dir, {name: 'web'});
		await collectUtc(database);
		const {deletedRows} = await unregisterProject(database, 'web');
		assert.equal(deletedRows, 0);
		const stored = await findProject(database, project.project_id);
		assert.equal(stored.is_active, false);
		assert.equal(stored.invocations, 2);
		assert.deepEqual(await listProjects(database, {activeOnly: true}), []);
		// An inactive project is not collected.
		assert.equal((await collectUtc(database)).totals.projects, 0);

		const again = await registerProject(database, dir, {type: 'node'});
		assert.equal(again.created, false);
		assert.equal(again.project.is_active, true);
		assert.equal(again.project.project_name, 'web');
		assert.equal(again.project.project_type, 'node');
		assert.equal(again.project.invocations, 2);
	});

	test('--purge deletes the project, its rows and its rollups', async () => {
		const database = await openDatabase();
		const kept = await makeProject({'.session-buddy/skill_metrics.json': exportFile([invocation({skill_name: 'deploy', invoked_at: '2026-03-02T12:00:00Z'})])});
		const purged = await makeProject({'.session-buddy/skill_metrics.json': twoRecords});
		const {project: keptProject} = await registerProject(database, kept, {name: 'kept'});
		const {project} = await registerProject(database, purged, {name: 'purged'});
		await collectUtc(database);
		assert.equal((await aggregateRows(database, '*', 'all'))[0]!.total_invocations, 3);

		const {deletedRows} = await unregisterProject(database, purged, {purge: true});
		assert.equal(deletedRows, 2);
		// Every table with a project_id column, the derived ones made on first use included.
		const tables = await database.all<{table_name: string}>(`SELECT DISTINCT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name) WHERE c.column_name = 'project_id' AND NOT t.temporary ORDER BY 1`);
		for (const table of ['skill_usage', 'skill_aggregates', 'skill_profiles', 'session_pairs', 'source_state', 'projects']) assert.ok(tables.some(row => row.table_name === table), `${table} exists`);
		for (const {table_name: table} of tables) {
			const row = await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE project_id = $id`, {id: project.project_id});
			assert.equal(row!.n, 0, table);
		}

		assert.deepEqual((await listProjects(database)).map(p => p.project_id), [keptProject.project_id]);
		// The cross-project figures no longer count the purged rows once recomputed.
		await freshRollups(database, {zone: 'UTC'});
		const all = await aggregateRows(database, '*', 'all');
		assert.deepEqual(all.map(row => [row.skill_name, row.total_invocations]), [['deploy', 1]]);
	});
});

describe('findProject', () => {
	test('a project whose directory was deleted can still be named by its path', async () => {
		const database = await openDatabase();
		const dir = await makeProject();
		const {project} = await registerProject(database, dir);
		await rm(dir, {recursive: true});
		assert.equal((await findProject(database, dir)).project_id, project.project_id);
		assert.equal((await findProject(database, `${dir}/`)).project_id, project.project_id);
		await unregisterProject(database, dir, {purge: true});
		assert.deepEqual(await listProjects(database), []);
	});


	test('by id, id prefix, name or directory; ambiguity and unknown names are usage errors', async () => {
		const database = await openDatabase();
		const first = await makeProject();
		const second = await makeProject();
		const {project: a} = await registerProject(database, first, {name: 'twin'});
		const {project: b} = await registerProject(database, second, {name: 'twin'});
		assert.equal((await findProject(database, a.project_id)).project_id, a.project_id);
		assert.equal((await findProject(database, b.project_id.slice(0, 8))).project_id, b.project_id);
		assert.equal((await findProject(database, `${second}/`)).project_id, b.project_id);
		await assert.rejects(findProject(database, 'twin'), (error: unknown) => error instanceof UsageError && /names 2 projects/.test(error.message));
		await assert.rejects(findProject(database, 'nope'), (error: unknown) => error instanceof UsageError && /no registered project "nope"/.test(error.message));
	});
});
