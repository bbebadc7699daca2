import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ensureTranscripts} from '../../bench/generate-transcripts.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {collectUtc, openDatabase} from '../helpers/database.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * The bench's transcript tree is what the speed figures rest on: a small one, collected, must hold
 * the invocations its manifest counts, and the listings its sessions open with (issue 21), so that a
 * collect measured on it reads listings as a real one does.
 */
test('a generated transcript tree collects to the invocations its manifest counts, and records its listings', async () => {
	const cache = await makeTempDir('skillscope-bench-tree-');
	const tree = await ensureTranscripts(cache, {name: 'transcripts-test', projects: 2, sessionsPerProject: 6, bigLines: 0}, () => undefined);
	const database = await openDatabase();
	for (const [index, dir] of tree.projectDirs.entries()) await registerProject(database, dir, {name: `p${index}`});
	const report = await collectUtc(database, {claudeRoot: tree.root});
	assert.equal(report.totals.errors, 0);
	const [stored] = await database.all<{rows: number}>('SELECT count(*)::INTEGER AS rows FROM skill_usage');
	assert.equal(stored!.rows, tree.expectedRows);
	const [listed] = await database.all<{sessions: number; cut: number}>(
		'SELECT count(DISTINCT session_id)::INTEGER AS sessions, count(DISTINCT session_id) FILTER (WHERE description_cut)::INTEGER AS cut FROM skill_listings',
	);
	assert.ok(listed!.sessions > 0 && listed!.sessions <= tree.sessions, `sessions with a listing: ${listed!.sessions} of ${tree.sessions}`);
	assert.ok(listed!.cut > 0 && listed!.cut < listed!.sessions, `sessions with a cut description: ${listed!.cut} of ${listed!.sessions}`);
	const again = await collectUtc(database, {claudeRoot: tree.root});
	assert.equal(again.totals.collected, 0, 'a second collect finds nothing new');
});
