import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {collect} from '../../source/data/collect/collector.js';
import {runCli, withTempDir} from '../helpers/run-cli.js';

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
