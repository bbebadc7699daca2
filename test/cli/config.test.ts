import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {ConfigError, loadConfig} from '../../source/config.js';
import {withTempDir} from '../helpers/run-cli.js';

/* The settings file is checked by hand (no zod before the database opens): exactly its four optional, non-empty strings, and `team` of one. */
test('the config file: its keys read, and each wrong shape named with the file', async () => {
	await withTempDir(async directory => {
		const file = path.join(directory, 'config.json');
		assert.deepEqual(loadConfig(path.join(directory, 'missing.json')), {});
		await writeFile(file, JSON.stringify({db: '/x.duckdb', timezone: 'UTC', naive_timezone: 'Europe/Berlin', claude_dir: '/c'}));
		assert.deepEqual(loadConfig(file), {db: '/x.duckdb', timezone: 'UTC', naive_timezone: 'Europe/Berlin', claude_dir: '/c'});
		await writeFile(file, JSON.stringify({team: {url: 'postgres://ana@db.example.com/team'}}));
		assert.deepEqual(loadConfig(file), {team: {url: 'postgres://ana@db.example.com/team'}});
		const wrong: Array<[unknown, RegExp]> = [
			[{timezone: 5}, /config\.json: timezone: expected a string, got number/],
			[{db: ''}, /config\.json: db: must not be empty/],
			[{colour: 'no'}, /config\.json: config: unrecognized key "colour" \(allowed keys: db, timezone, naive_timezone, claude_dir, team\)/],
			[{team: 'postgres://db/team'}, /config\.json: team: expected an object, e\.g\. \{"url": /],
			[{team: {uri: 'postgres://db/team'}}, /config\.json: team: unrecognized key "uri" \(allowed: url\)/],
			[{team: {url: ''}}, /config\.json: team\.url: expected a non-empty string/],
			[[1], /config\.json: config: expected an object/],
			[{db: null}, /db: expected a string, got null/],
		];
		for (const [content, message] of wrong) {
			await writeFile(file, JSON.stringify(content));
			assert.throws(() => loadConfig(file), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(content));
		}
	});
});
