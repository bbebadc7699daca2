import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {copyFile, lstat, mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {REPO, runCli, withTempDir} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';

/** Every entry under `root`: name, type, mode, size, mtime (ns) and content hash. */
async function fingerprint(root: string): Promise<string[]> {
	const lines: string[] = [];
	async function walk(directory: string): Promise<void> {
		for (const name of (await readdir(directory)).sort()) {
			const file = path.join(directory, name);
			const info = await lstat(file, {bigint: true});
			const kind = info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'link' : 'file';
			const hash = kind === 'file' ? createHash('sha256').update(await readFile(file)).digest('hex') : '';
			lines.push(`${path.relative(root, file)} ${kind} ${info.mode} ${info.size} ${info.mtimeNs} ${info.ctimeNs} ${hash}`);
			if (kind === 'dir') await walk(file);
		}
	}

	await walk(root);
	lines.push(`. ${(await lstat(root, {bigint: true})).mtimeNs}`);
	return lines;
}

test('a collect of every format (SQLite in WAL mode with a -shm file included) leaves every project tree unchanged', async () => {
	await withTempDir(async directory => {
		const env = {SKILLSCOPE_DB: path.join(directory, 'db', 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json')};
		const root = path.join(directory, 'projects');
		const projects = await makeSampleProjects(root);
		const wal = path.join(root, 'wal', '.session-buddy');
		await mkdir(wal, {recursive: true});
		const fixture = path.join(REPO, 'fixtures', 'formats', 'sqlite-wal');
		await copyFile(path.join(fixture, 'skills.db'), path.join(wal, 'skills.db'));
		await copyFile(path.join(fixture, 'skills.db-wal'), path.join(wal, 'skills.db-wal'));
		// A live writer keeps a shared-memory index beside the log.
		await writeFile(path.join(wal, 'skills.db-shm'), Buffer.alloc(32_768));
		// A project with a broken file too: error paths must not write either.
		await writeFile(path.join(projects.tracker, '.crackerjack-notes'), 'x');
		await mkdir(path.join(projects.tracker, '.crackerjack'));
		await writeFile(path.join(projects.tracker, '.crackerjack', 'skill_metrics.json'), '{"invocations": [');
		for (const project of [...Object.values(projects), path.join(root, 'wal')]) assert.equal((await runCli(['register', project], env)).code, 0);

		const before = await fingerprint(root);
		const result = await runCli(['collect', '--json'], env);
		assert.equal(result.code, 3, result.stderr);
		const report = JSON.parse(result.stdout) as {totals: {collected: number}};
		assert.equal(report.totals.collected, 3 + 1 + 3 + 3 + 6 + 5);
		assert.equal((await runCli(['collect'], env)).code, 3);
		assert.deepEqual(await fingerprint(root), before);
	});
});
