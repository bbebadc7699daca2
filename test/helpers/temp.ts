import {after} from 'node:test';
import {mkdir, mkdtemp, realpath, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

/*
 * Temporary directories for one test file. Importing this module registers one `after` hook on
 * the file's root test that removes every directory made through it.
 */
const made: string[] = [];
after(async () => {
	await Promise.all(made.splice(0).map(dir => rm(dir, {recursive: true, force: true})));
});

/** A new empty directory under the OS temp dir, resolved (no symlinks in its path). */
export async function makeTempDir(prefix = 'skillscope-test-'): Promise<string> {
	const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
	made.push(dir);
	return dir;
}

export type FileTree = Record<string, string | Buffer>;

/** Writes `files` (paths relative to `root`, parents created) into `root`. */
export async function writeTree(root: string, files: FileTree): Promise<void> {
	for (const [relative, content] of Object.entries(files)) {
		const file = join(root, relative);
		await mkdir(dirname(file), {recursive: true});
		await writeFile(file, content);
	}
}

/** A project directory holding `files`, e.g. `{'.session-buddy/skill_metrics.json': '...'}`. */
export async function makeProject(files: FileTree = {}, prefix = 'skillscope-project-'): Promise<string> {
	const dir = await makeTempDir(prefix);
	await writeTree(dir, files);
	return dir;
}
