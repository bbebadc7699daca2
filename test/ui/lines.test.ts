import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {DiscoveredProject} from '../../source/data/transcripts/discovery.js';
import type {SkillReport} from '../../source/data/queries/skill.js';
import type {Project} from '../../source/data/registry/registry.js';
import type {Recommendation} from '../../source/domain/recommend.js';
import type {CollectState} from '../../source/ui/hooks/use-collect.js';
import {collectStatus, footerStatus, progressBar, progressRows} from '../../source/ui/lines/collect-lines.js';
import {helpLines} from '../../source/ui/lines/help-lines.js';
import {fitWords, formatMeasured, quantity} from '../../source/domain/format.js';
import {versionsHeading} from '../../source/ui/lines/versions-lines.js';
import {fitLines, recommendationLine} from '../../source/ui/lines/insights-lines.js';
import {interruptedAdvice, rarelyPickedAdvice, worseVersionAdvice} from '../../source/domain/outcome-advice.js';
import {drawLeaderboard, leaderboardLines} from '../../source/ui/lines/leaderboard-lines.js';
import {lineText, plain, wrapText} from '../../source/ui/lines/line.js';
import {confirmQuestion, foundHeading, foundRows, foundState, foundTableRows, projectRows, registerAllQuestion, shortenPath, typedPath} from '../../source/ui/lines/projects-lines.js';
import {directionSegments, exposureLines, originText, perUse, rateTone, triggerSegments, triggersRecorded} from '../../source/ui/lines/skill-lines.js';
import {sparkline} from '../../source/ui/lines/sparkline.js';
import {allBindings} from '../../source/ui/keymap.js';
import {tableLines} from '../../source/ui/table-lines.js';

const project = (overrides: Partial<Project> = {}): Project => ({
	project_id: 'p1',
	project_name: 'crackerjack',
	project_type: 'sample',
	project_path: '/home/me/code/crackerjack',
	registered_at: '2026-11-01T00:00:00Z',
	last_sync_at: '2026-11-24T10:00:00Z',
	is_active: true,
	last_error_count: 0,
	last_error: null,
	invocations: 1234,
	machine_id: 'machine-1',
	machine_name: 'laptop',
	...overrides,
});

describe('line builders', () => {
	test('exposure in the drill-down: one sentence wrapped under its label at 80 columns, then what the rates rest on; no listing said as such', () => {
		const exposure = {sessions_with_listings: 230, sessions_listed: 212, sessions_model_invoked: 9, trigger_rate: 9 / 212, sessions_user_typed: 31, sessions_description_cut: 180};
		const sources = [{source: 'claude-code', total_invocations: 300}];
		assert.deepEqual(exposureLines({exposure, sources}, 80).map(lineText), [
			'exposure      listed in 212 sessions, picked by the model in 9 (4.2%), typed',
			'              by you in 31; its description was cut in 180',
			'              rates over 230 sessions that recorded a listing',
		]);
		assert.ok(exposureLines({exposure, sources}, 80).every(line => lineText(line).length <= 78));
		const none = {sessions_with_listings: 0, sessions_listed: 0, sessions_model_invoked: 0, trigger_rate: null, sessions_user_typed: 0, sessions_description_cut: 0};
		assert.deepEqual(exposureLines({exposure: none, sources}, 80).map(lineText), ['exposure      no listing recorded (Claude Code records them from 2.1.100)']);
		assert.deepEqual(exposureLines({exposure: none, sources: [{source: 'session-buddy', total_invocations: 12}]}, 80), [], 'a skill only trackers recorded says nothing of listings');
	});

	test('words wrap at the width; a longer word is cut', () => {
		assert.deepEqual(wrapText('one two three four', 9), ['one two', 'three', 'four']);
		assert.deepEqual(wrapText('abcdefghijkl x', 5), ['abcde', 'x']);
	});

	test('a recommendation: priority, skill, issue, evidence; the priority tinted unless selected', () => {
		const item: Recommendation = {skill: 'debug-failure', priority: 'high', issue: 'low_success_rate', action: 'Review it.', evidence: {success_rate: 0.497, total_invocations: 165}};
		const line = recommendationLine(item, 16, false);
		assert.equal(lineText(line), 'high    debug-failure     low success rate    49.7% of 165');
		assert.equal(line[0]!.tone, 'bad');
		assert.equal(recommendationLine(item, 16, true).length, 1, 'the selected row is one reverse-video piece');
	});

	test('the recommendations of outcomes and versions in a row: the numbers behind each, the issue within its column', () => {
		const advice = [
			worseVersionAdvice('pr-review', {label: 'v3', compared_with: 'v2', clean_rate: 15 / 33, previous_clean_rate: 25 / 30, p_value: 0.0035, diffable: true}),
			interruptedAdvice('standup', 3, 12)!,
			rarelyPickedAdvice('commit', 29, 29, '/root/skills/commit/SKILL.md')!,
		];
		assert.deepEqual(advice.map(item => lineText(recommendationLine(item, 12, false))), [
			'high    pr-review     worse version       v3 45.5% vs 83.3%',
			'medium  standup       often interrupted   25.0% of 12 interrupted',
			'low     commit        rarely model picked typed 29 of 29',
		]);
	});

	test('what does not fit is said, not silently cut', () => {
		const lines = Array.from({length: 10}, (_, index) => plain(`line ${index}`));
		assert.equal(fitLines(lines, 10).length, 10);
		const fitted = fitLines(lines, 4).map(lineText);
		assert.deepEqual(fitted.slice(0, 3), ['line 0', 'line 1', 'line 2']);
		assert.match(fitted[3]!, /… 7 more lines/);
	});

	test('the registry table fits 80 columns: no type, errors as a count', () => {
		const rows = projectRows([project({last_error_count: 2, last_error: 'bad JSON'})], 80, 'UTC', '/home/me');
		assert.deepEqual(Object.keys(rows[0]!), ['name', 'path', 'active', 'uses', 'last sync', 'errors']);
		assert.equal(rows[0]!.errors, '2');
		const width = Math.max(...tableLines(rows).map(line => line.length));
		assert.ok(width + 2 <= 80, `the table is ${width + 2} columns`);
		const wide = projectRows([project({last_error_count: 2, last_error: 'bad JSON'})], 120, 'UTC', '/home/me');
		assert.deepEqual(Object.keys(wide[0]!), ['name', 'type', 'path', 'active', 'uses', 'last sync', 'last error']);
		assert.equal(wide[0]!['last error'], '2: bad JSON');
		assert.equal(wide[0]!.path, '~/code/crackerjack');
	});

	test('at 80 columns three projects named shop say which by their folder, and without errors the path takes that column\'s room', () => {
		const shops = ['/home/demo/code/shop', '/home/demo/Desktop/workSpace/shop', '/home/demo/clients/acme/shop'].map((path, index) => project({project_id: `s${index}`, project_name: 'shop', project_path: path}));
		const rows = projectRows(shops, 80, 'UTC', '/home/me');
		assert.deepEqual(rows.map(row => row.name), ['shop (code)', 'shop (workSpace)', 'shop (acme)']);
		assert.deepEqual(Object.keys(rows[0]!), ['name', 'path', 'active', 'uses', 'last sync']);
		// Each path keeps the folders that tell it apart, cut between folders where it does not fit.
		const paths = rows.map(row => String(row.path));
		assert.equal(paths[0], '/home/demo/code/shop');
		assert.ok(paths[1]!.startsWith('…/') && paths[1]!.endsWith('/workSpace/shop') && paths[2]!.startsWith('…/') && paths[2]!.endsWith('/acme/shop'), paths.join(' | '));
		assert.ok(Math.max(...tableLines(rows).map(line => line.length)) + 2 <= 80);
	});

	test('a pulled project shows its machine and its own path, never the stored `<machine id>:` key', () => {
		const local = project();
		const pulled = project({project_id: 'p2', machine_id: 'm-2', machine_name: 'desktop', project_path: 'm-2:/home/me/code/webapp'});
		const rows = projectRows([local, pulled], 120, 'UTC', '/home/me');
		assert.deepEqual(rows.map(row => row.path), [`${local.machine_name}:~/code/crackerjack`, 'desktop:~/code/webapp']);
		assert.equal(projectRows([local], 120, 'UTC', '/home/me')[0]!.path, '~/code/crackerjack', 'one machine: no machine named');
	});

	test('paths: ~ is home, long ones keep their end', () => {
		assert.equal(shortenPath('/home/me/code/crackerjack', 12, '/home/me'), '…crackerjack');
		assert.equal(typedPath('  ~/code ', '/home/me'), '/home/me/code');
		assert.equal(typedPath('~other', '/home/me'), '~other');
	});

	test('each question names what it changes', () => {
		assert.match(confirmQuestion('purge-project', project()), /^Purge crackerjack\? This deletes its 1,234 collected invocations/);
		assert.match(confirmQuestion('toggle-project', project()), /^Deactivate crackerjack\? .*its rows stay/);
		assert.equal(confirmQuestion('toggle-project', project({is_active: false})), 'Reactivate crackerjack?');
	});

	test('the leaderboard marks the sorted column and draws rows in the order given', () => {
		const outcomes = {clean_finishes: 1, interrupted: 0, rejected: 0, errored: 0, load_failed: 0, retried: 0, clean_rate: 1};
		const metrics = {successful_completions: 1, failed_invocations: 0, pending_invocations: 0, avg_duration_ms: 1000, avg_followup_actions: 1, last_used: '2026-11-20T10:00:00Z', ...outcomes};
		const skills = [
			{...metrics, rank: 1, skill_name: 'alpha', total_invocations: 9, success_rate: 0.5},
			{...metrics, rank: 2, skill_name: 'beta', total_invocations: 3, success_rate: 0.9},
		];
		const drawn = drawLeaderboard(skills, 80, 'UTC');
		const lines = leaderboardLines(drawn, [skills[1]!, skills[0]!], 'success_rate', false, 80);
		assert.match(lines[1]!, /success ▲/);
		assert.match(lines[1]!, /uses {3}/, 'an unsorted heading keeps its room');
		assert.match(lines[3]!, /beta/);
		assert.match(lines[4]!, /alpha/);
		assert.ok(!drawLeaderboard(skills, 80, 'UTC').head[1]!.includes('follow-ups'), 'narrow: no follow-ups column');
		// Ten skills or more: two-digit ranks take their room from the names, and the table still fits;
		// a plugin's skill part stays whole where the plugin can give way (issue 27).
		const many = Array.from({length: 12}, (_, index) => ({...metrics, rank: index + 1, skill_name: `superpowers:skill-${index}`, total_invocations: 12 - index, success_rate: 0.5, clean_rate: null}));
		for (const columns of [80, 120]) {
			const drawn = drawLeaderboard(many, columns, 'UTC');
			const table = leaderboardLines(drawn, many, 'total_invocations', true, columns);
			assert.ok(table.every(line => line.length + 2 <= columns), `${columns}: ${table.find(line => line.length + 2 > columns)}`);
			// At 120 the names get the room first: the pending column, 0 on every row, gives way (it cut `superpo…:skill-11`).
			assert.match(drawn.lines.get('superpowers:skill-11')!, columns === 80 ? /│ 12 │ superpowers:skill-11 │.*│ unknown +│/ : /│ 12 │ superpowers:skill-11 │.*│ not known │/);
		}
		assert.ok(!drawLeaderboard(many, 120, 'UTC').head[1]!.includes('pending'));
		// Names that fit keep every column, the all-zero pending too.
		assert.ok(drawLeaderboard(skills, 120, 'UTC').head[1]!.includes('follow-ups'));
		assert.ok(drawLeaderboard(skills, 120, 'UTC').head[1]!.includes('pending'));
		// A pending count somewhere: the column stays while the name fits in 32 columns without it.
		const pending = many.map((row, index) => ({...row, pending_invocations: index === 0 ? 2 : 0}));
		assert.ok(drawLeaderboard(pending, 120, 'UTC').lines.get('superpowers:skill-11')!.includes('│ superpowers:skill-11 │'));
	});

	test('collect progress: per-project rows, a status, a bar, a footer status while running', () => {
		const collect: CollectState = {
			status: 'running',
			startedAt: 1000,
			errors: [],
			projects: [
				{projectId: 'a', name: 'alpha', sources: 2, sourcesDone: 1, rowsWritten: 1500, errors: 1, state: 'running', startedAt: 1000},
				{projectId: 'b', name: 'beta', sources: 0, sourcesDone: 0, rowsWritten: 0, errors: 0, state: 'waiting'},
			],
		};
		assert.deepEqual(progressRows(collect, 3500, 80)[0], {project: 'alpha', state: 'running', sources: '1/2', rows: '1,500', errors: '1', time: '2.5s'});
		assert.equal(progressRows(collect, 3500, 80)[1]!.sources, '');
		assert.equal(collectStatus(collect, 3500), 'Collecting… 0/2 projects, 2.5s  (Esc cancels)');
		assert.equal(footerStatus(collect), 'collecting 0/2…');
		assert.equal(footerStatus({...collect, status: 'done'}), undefined);
		assert.equal(progressBar(1, 4, 8), '██░░░░░░');
		// A project with nothing new finishes in a fraction of a millisecond, reported rounded to 0: never `0µs`.
		const finished = {...collect, status: 'done' as const, projects: [{...collect.projects[0]!, state: 'done' as const, durationMs: 0}, {...collect.projects[1]!, state: 'done' as const, durationMs: 42}]};
		assert.deepEqual(progressRows(finished, 3500, 80).map(row => row.time), ['<1ms', '42ms']);
	});

	test('words: a count of one is singular, a line that cannot wrap gives way between words', () => {
		assert.equal(quantity(1, 'version'), '1 version');
		assert.equal(quantity(3, 'version'), '3 versions');
		assert.equal(quantity(1200, 'session'), '1,200 sessions');
		assert.equal(versionsHeading(1, 'project-reader:cpp'), '1 version of project-reader:cpp by first use');
		assert.equal(versionsHeading(3, 'pr-review'), '3 versions of pr-review by first use, each against the one before');
		assert.equal(fitWords('installed nowhere: removed, renamed or never there', 80), 'installed nowhere: removed, renamed or never there');
		assert.equal(fitWords('installed nowhere: removed, renamed or never there', 45), 'installed nowhere: removed, renamed or never…');
		assert.equal(fitWords('installed nowhere: removed, renamed or never there', 30), 'installed nowhere: removed…');
		assert.equal(fitWords('one two', 4), 'one…');
		assert.equal(fitWords('unbreakable', 6), 'unbre…');
		for (let width = 2; width < 52; width++) {
			const fitted = fitWords('installed nowhere: removed, renamed or never there', width);
			assert.ok(fitted.length <= width, `${width}: ${fitted}`);
			// What is kept is whole words of the text (the first alone may be cut when nothing else fits).
			if (width >= 10) assert.ok(`${fitted.replace(/…$/, '')} `.split(' ').slice(0, -1).every(word => 'installed nowhere: removed, renamed or never there'.split(' ').some(whole => whole.replace(/[,:]$/, '') === word.replace(/[,:]$/, ''))), `${width}: ${fitted}`);
		}
		assert.equal(formatMeasured(0), '<1ms');
		assert.equal(formatMeasured(1500), '1.5s');
	});

	test('the drill-down: rate tones and the trend direction in words', () => {
		assert.equal(rateTone(0.5), 'bad');
		assert.equal(rateTone(0.65), 'warn');
		assert.equal(rateTone(0.8), undefined);
		assert.equal(rateTone(0.95), 'good');
		const direction = directionSegments({window: 'weekly', trend: [], trend_direction: 'declining', trend_slope: -0.25, trend_buckets_used: 3});
		assert.equal(direction.map(segment => segment.text).join(''), '▼ declining  (-25.0 points per week, last 3 weeks with uses)');
		assert.equal(sparkline([0, 5, 10, null]), '▁▅█ ');
	});

	test('the help lists every binding, the current screen’s first', () => {
		const lines = helpLines('projects').map(lineText);
		assert.equal(lines[0], 'Projects');
		for (const binding of allBindings()) assert.ok(lines.some(line => line.endsWith(binding.description)), binding.description);
		// Inside the overlay at 80 columns (76): a long description wraps under itself, never cut.
		for (const width of [56, 76, 116]) {
			const wrapped = helpLines('leaderboard', width).map(lineText);
			assert.ok(wrapped.every(line => line.length <= width), `${width}: ${wrapped.find(line => line.length > width)}`);
			const words = wrapped.join(' ').replaceAll(/\s+/g, ' ');
			for (const binding of allBindings()) assert.ok(words.includes(binding.description), `${width}: ${binding.description}`);
		}
	});
});

describe('transcript lines', () => {
	const found = (path: string, overrides: Partial<DiscoveredProject> = {}): DiscoveredProject => ({
		path,
		sessions: 3,
		invocations: 12,
		first_seen: '2026-11-01T09:00:00.000Z',
		last_seen: '2026-11-20T18:00:00.000Z',
		registered: false,
		unregistered: false,
		exists: true,
		...overrides,
	});

	test('found directories: the registry as it is now decides which are listed and how they are marked', () => {
		const discovered = [found('/code/a'), found('/code/b', {exists: false}), found('/code/c', {registered: true})];
		assert.deepEqual(foundRows(discovered, undefined).map(row => row.path), ['/code/a', '/code/b'], 'before the registry loads: as discovered');
		const now = foundRows(discovered, [project({project_path: '/code/a'}), project({project_path: '/code/b', is_active: false})]);
		assert.deepEqual(now.map(row => [row.path, foundState(row)]), [['/code/b', 'unregistered, missing'], ['/code/c', 'new']], 'a registered since is gone, a deactivated one is unregistered, a purged one is new');
		assert.equal(registerAllQuestion(now), 'Register 1 directory found in transcripts; 1 unregistered stay so?');
		assert.equal(registerAllQuestion([found('/a', {exists: false}), found('/b')]), 'Register 2 directories found in transcripts (1 missing)?');
	});

	test('the found table and its heading fit 80 columns; the first start says what A does', () => {
		const rows = [found('/home/me/a/very/long/path/to/a/project/that/goes/on/and/on'), found('/home/me/b', {unregistered: true, exists: false})];
		const width = Math.max(...tableLines(foundTableRows(rows, 80, 'UTC', '/home/me')).map(line => line.length));
		assert.ok(width + 2 <= 80, `the table is ${width + 2} columns`);
		const first = foundHeading([found('/a'), found('/b')], 0, '/home/me/.claude', 120, '/home/me');
		assert.deepEqual(first, ['2 projects found in Claude Code transcripts under ~/.claude — A registers them all']);
		const narrow = foundHeading([found('/a')], 0, '/a/root/with/a/long/name/that/does/not/fit/in/eighty/columns', 80);
		assert.equal(narrow.length, 2);
		assert.ok(narrow.every(line => line.length < 80), narrow.join('\n'));
		assert.match(foundHeading([found('/a')], 2, '/r', 120)[0]!, /^Not registered, found in Claude Code transcripts under \/r — a registers one, A all$/);
		// A root deep in a long home folder: still one line, the root cut in its middle.
		const deep = foundHeading([found('/a'), found('/b')], 0, '/home/a-much-longer-folder-name-like-a-real-home/check/fixtures/demo-claude', 120);
		assert.deepEqual(deep, ['2 projects found in Claude Code transcripts under /home/a-much-longer-fol…k/fixtures/demo-claude — A registers them all']);
		assert.equal(deep[0]!.length, 119);
	});

	test('the drill-down’s origin: a trigger split when recorded, tokens and tool errors only where recorded', () => {
		const report = {
			avg_followup_actions: 2,
			avg_output_tokens: 1234.4,
			avg_tool_errors: 0.25,
			kind: 'skill',
			plugin: 'superpowers',
			by_trigger: [{trigger: 'model', total_invocations: 3, successful_completions: 2, pending_invocations: 1}, {trigger: 'unknown', total_invocations: 2, successful_completions: 2, pending_invocations: 0}],
			sources: [{source: 'claude-code', total_invocations: 3}, {source: 'session-buddy', total_invocations: 2}],
		} as unknown as SkillReport;
		assert.equal(perUse(report), '2.00 follow-ups, 1,234 output tokens, 0.25 tool errors');
		assert.equal(triggerSegments(report.by_trigger).map(segment => segment.text).join(''), 'model 3: 2 ok, 1 pending · tracker 2: 2 ok');
		assert.equal(originText(report), 'skill, plugin superpowers · recorded by claude-code 3, session-buddy 2');
		const tracker = {...report, avg_output_tokens: null, avg_tool_errors: null, plugin: null, by_trigger: [report.by_trigger[1]!], sources: [report.sources[1]!]};
		assert.ok(!triggersRecorded(tracker.by_trigger));
		assert.equal(perUse(tracker), '2.00 follow-ups');
		assert.equal(originText(tracker), 'skill · recorded by session-buddy 2 · trigger not recorded (tracker metrics)');
	});
});
