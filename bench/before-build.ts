import {execFile} from 'node:child_process';
import {access, mkdir, rm, symlink} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/**
 * The build before outcomes and versions (issue 20): the last commit whose transcript reader knew
 * neither outcomes, bodies nor listings (schema 5). Its collect is measured beside this build's in
 * one run, so that the cost of reading outcomes is a ratio on the same machine at the same load.
 */
export const BEFORE_OUTCOMES = 'bbcc56650f44ca44eb3e65c599462d0d6818734a';

/** That commit's dist/ built once into .bench-cache/before-<commit>/ (its sources from git, our node_modules). */
export async function ensureBeforeBuild(root: string, cache: string, commit: string, log: (line: string) => void): Promise<string> {
	const folder = path.join(cache, `before-${commit.slice(0, 12)}`);
	const cli = path.join(folder, 'dist', 'cli.js');
	if (await access(cli).then(() => true, () => false)) return folder;
	log(`building ${commit.slice(0, 12)} (the build before outcomes) into ${folder}…`);
	await rm(folder, {recursive: true, force: true});
	await mkdir(folder, {recursive: true});
	// git archive | tar: the commit's tree without a second checkout in the repository's worktree list.
	await run('sh', ['-c', 'git -C "$1" archive --format=tar "$2" | tar -x -C "$3"', 'sh', root, commit, folder], {maxBuffer: 2 ** 26});
	await symlink(path.join(root, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
	await run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {cwd: folder, maxBuffer: 2 ** 26});
	return folder;
}
