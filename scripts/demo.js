#!/usr/bin/env node
// Registers the bundled demo projects into a throwaway database, and the projects found in the
// bundled Claude Code root (fixtures/demo-claude, as CLAUDE_CONFIG_DIR), collects them, and opens
// the explorer on them (on a terminal) or prints the leaderboard and two drill-downs (elsewhere):
// what a newcomer runs first. Nothing outside a temp directory is written: the projects and the
// Claude Code root are copied there, and what a user has installed is added to the copies
// (scripts/demo-installed.js), so that the Inventory screen is full.
import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {installDemoExtras} from './demo-installed.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const keep = process.argv.includes('--keep');
const directory = mkdtempSync(path.join(os.tmpdir(), 'skillscope-demo-'));
const demo = path.join(directory, 'projects');
const claude = path.join(directory, 'claude');
cpSync(path.join(root, 'fixtures', 'demo'), demo, {recursive: true});
cpSync(path.join(root, 'fixtures', 'demo-claude'), claude, {recursive: true});
installDemoExtras(claude, path.join(demo, 'webapp'));
// The demo's sessions end on 2026-11-20: its "now" is the morning after, whatever the date, so that
// what was used last week stays active and the stale skill stays stale on every run.
const env = {...process.env, SKILLSCOPE_DB: path.join(directory, 'demo.duckdb'), CLAUDE_CONFIG_DIR: claude, SKILLSCOPE_NOW: '2026-11-21T12:00:00Z'};

function run(args, {quiet = false} = {}) {
	const result = spawnSync(process.execPath, [cli, ...args], {env, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit'});
	if (result.status !== 0 && result.status !== 3) {
		process.stderr.write(`demo: skillscope ${args.join(' ')} exited with ${result.status}\n`);
		process.exit(result.status ?? 1);
	}
}

try {
	const projects = readdirSync(demo, {withFileTypes: true}).filter(entry => entry.isDirectory()).map(entry => entry.name);
	for (const project of projects) run(['register', path.join(demo, project), '--type', 'demo'], {quiet: true});
	// The transcripts' launch directories (/home/demo/...) exist nowhere: registered as missing.
	run(['register', '--discovered'], {quiet: true});
	// The demo's naive timestamps were generated as UTC wall-clock times.
	run(['collect', '--naive-timezone', 'UTC']);
	if (process.stdout.isTTY && process.stdin.isTTY && !process.argv.includes('--print')) {
		run(['--naive-timezone', 'UTC']);
	} else {
		process.stdout.write('\n');
		run(['top']);
		process.stdout.write('\n');
		run(['skill', 'debug-failure']);
		process.stdout.write('\n');
		run(['skill', 'code-review']);
		// Does it work, and did an edit make it better? pr-review was edited twice; its last text is worse.
		process.stdout.write('\n');
		run(['versions', 'pr-review']);
		process.stdout.write('\n');
		run(['versions', 'pr-review', '--diff', 'v2', 'v3']);
		process.stdout.write('\n');
		run(['recommend']);
	}
	process.stdout.write(
		keep
			? `\nThe demo database is kept: SKILLSCOPE_DB=${env.SKILLSCOPE_DB} npx skillscope top --window weekly\n`
			: '\nTo keep the demo database and explore it further: npm run demo -- --keep\n',
	);
} finally {
	if (!keep) rmSync(directory, {recursive: true, force: true});
}
