import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {collect} from '../../source/data/collect/collector.js';
import {runCli, runInProcess, withTempDir} from '../helpers/run-cli.js';
import {exportFile, invocation} from '../helpers/tracker.js';
import {Session, writeSession} from '../helpers/transcripts.js';

test('a collect caps DuckDB’s memory, then gives the default back', async () => {
	const database = await Database.open(':memory:');
	try {
		const limit = async () => (await database.one<{limit: string}>(`SELECT current_setting('memory_limit') AS limit`))!.limit;
		const before = await limit();
		let during: Promise<string> | undefined;
		await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', onEvent(event) {
			if (event.type === 'collect-started') during = limit();
		}});
		assert.match(await during!, /^(429\.1 MiB|450\.0 MB)$/);
		assert.equal(await limit(), before);
		assert.notEqual(before, await during!);
	} finally {
		await database.close();
	}
});

test('SKILLSCOPE_COLLECT_MEMORY that is not a size: exit 1 naming the variable', async () => {
	await withTempDir(async directory => {
		const env = {SKILLSCOPE_DB: path.join(directory, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json')};
		const bad = await runCli(['collect'], {...env, SKILLSCOPE_COLLECT_MEMORY: 'lots'});
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /SKILLSCOPE_COLLECT_MEMORY "lots" is not a memory size/);
		const good = await runCli(['collect', '--json'], {...env, SKILLSCOPE_COLLECT_MEMORY: '2GB'});
		assert.equal(good.code, 0, good.stderr);
	});
});

test('SKILLSCOPE_READ_WORKERS that is not a count: exit 1 naming the variable', async () => {
	await withTempDir(async directory => {
		const env = {SKILLSCOPE_DB: path.join(directory, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json')};
		const bad = await runCli(['collect'], {...env, SKILLSCOPE_READ_WORKERS: 'many'});
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /SKILLSCOPE_READ_WORKERS "many" is not a whole number/);
		assert.equal((await runCli(['collect', '--json'], {...env, SKILLSCOPE_READ_WORKERS: '0'})).code, 0);
	});
});

test('the read limits set in the environment reach the readers, through the edge (environment.ts)', async () => {
	await withTempDir(async directory => {
		const project = path.join(directory, 'project');
		const claude = path.join(directory, 'claude');
		await mkdir(path.join(project, '.session-buddy'), {recursive: true});
		await writeFile(path.join(project, '.session-buddy', 'skill_metrics.json'), exportFile(Array.from({length: 20}, (_, index) => invocation({invoked_at: `2026-03-02T10:00:${String(index).padStart(2, '0')}Z`}))));
		const session = new Session({sessionId: 'a1b2c3d4-0000-4000-8000-000000000001', cwd: project});
		session.prompt('go', {at: 0});
		session.skill('pdf', {at: 1});
		const read = session.tool('Read', {file_path: 'image.png'}, {at: 2});
		session.result(read, {at: 3, content: 'A'.repeat(50_000)});
		await writeSession(claude, session);
		const env = {SKILLSCOPE_DB: path.join(directory, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json'), HOME: directory, CLAUDE_CONFIG_DIR: claude};
		assert.equal((await runInProcess(['register', project], env)).code, 0);
		const limited = await runInProcess(['collect', '--json'], {...env, SKILLSCOPE_MAX_SOURCE_BYTES: '1000', SKILLSCOPE_MAX_LINE_BYTES: '10000'});
		assert.equal(limited.code, 3, limited.stderr);
		assert.match(limited.stderr, /skill_metrics\.json: too large to read/);
		assert.match(limited.stderr, /\.jsonl:\d+: a line of more than .* \(SKILLSCOPE_MAX_LINE_BYTES\); skipped/);
		const whole = await runInProcess(['collect', '--json', '--force'], env);
		assert.equal(whole.code, 0, whole.stderr);
	});
});
