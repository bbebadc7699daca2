import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {TranscriptParser, type TranscriptInvocation} from '../../source/formats/transcripts/parser.js';
import {Session, type Line} from '../helpers/transcripts.js';

/*
 * The invocation rules of transcripts.md, one test per rule, fed to the parser line by line.
 * Every expected value is worked out by hand from the lines the test builds: timestamps are given
 * as seconds after the session's start (`at`), so a duration of 7 s is 7000 ms, and so on.
 */

function parse(lines: readonly Line[], options: {subagent?: boolean} = {}): TranscriptInvocation[] {
	const parser = new TranscriptParser(options.subagent ?? false);
	let offset = 0;
	for (const [index, line] of lines.entries()) {
		parser.feed(line, offset, index + 1);
		offset += Buffer.byteLength(JSON.stringify(line)) + 1;
	}

	return parser.finish(offset, lines.length).invocations;
}

function only(lines: readonly Line[], options: {subagent?: boolean} = {}): TranscriptInvocation {
	const found = parse(lines, options);
	assert.equal(found.length, 1, `expected one invocation, got ${JSON.stringify(found.map(invocation => invocation.skillName))}`);
	return found[0]!;
}

const session = (options: {sessionId?: string; agentId?: string; cwd?: string} = {}) =>
	new Session({sessionId: options.sessionId ?? '11111111-2222-4333-8444-555555555555', cwd: options.cwd ?? '/home/u/repo', agentId: options.agentId});

describe('a model calls a skill (tool_use Skill)', () => {
	test('input.skill gives the name, its plugin, kind skill, trigger model, the key cc:tu:<id>, args and where it is', () => {
		const s = session();
		s.prompt('commit this', {at: 0});
		const id = s.skill('handgemacht:commit', {at: 2, args: 'fix the bug', id: 'toolu_01WD7R52g4Tq4muwnGEgs9nD'});
		s.result(id, {at: 3, content: 'Launching skill: handgemacht:commit'});
		const invocation = only(s.lines);
		assert.equal(invocation.key, 'cc:tu:toolu_01WD7R52g4Tq4muwnGEgs9nD');
		assert.equal(invocation.skillName, 'handgemacht:commit');
		assert.equal(invocation.plugin, 'handgemacht');
		assert.equal(invocation.kind, 'skill');
		assert.equal(invocation.trigger, 'model');
		assert.equal(invocation.args, 'fix the bug');
		assert.equal(invocation.invokedAtMs, s.ms(2));
		assert.equal(invocation.sessionId, s.sessionId);
		assert.equal(invocation.agentId, null);
		// The Skill call is the file's second line.
		assert.equal(invocation.line, 2);
	});

	test('early 2.0.x builds wrote input.command instead of input.skill', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1, field: 'command'});
		s.result(id, {at: 2});
		const invocation = only(s.lines);
		assert.equal(invocation.skillName, 'pdf');
		assert.equal(invocation.plugin, null);
		assert.equal(invocation.status, 'succeeded');
	});

	test('the name is trimmed and loses a leading /', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.skill('  /code-review  ', {at: 1});
		assert.equal(only(s.lines).skillName, 'code-review');
	});

	test('plugin is the part before the LAST colon; NULL without one', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.skill('acme:tools:lint', {at: 1});
		s.prompt('again', {at: 2});
		s.skill('lint', {at: 3});
		const [first, second] = parse(s.lines);
		assert.deepEqual([first!.skillName, first!.plugin], ['acme:tools:lint', 'acme:tools']);
		assert.deepEqual([second!.skillName, second!.plugin], ['lint', null]);
	});

	test('other tools are not invocations', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const read = s.tool('Read', {file_path: '/home/u/repo/SKILL.md'}, {at: 1});
		s.result(read, {at: 2, content: 'name: Skill'});
		const task = s.tool('Task', {description: 'use the Skill tool', prompt: 'call Skill pdf'}, {at: 3});
		s.result(task, {at: 4});
		assert.deepEqual(parse(s.lines), []);
	});
});

describe('the legacy SlashCommand tool (1.0.123–2.1.2)', () => {
	test('input.command "/name args": the name is the first word without /', () => {
		const s = session();
		s.prompt('review', {at: 0});
		const id = s.slashCommand('/review-pr 123 --fast', {at: 1, id: 'toolu_legacy1'});
		s.result(id, {at: 2, content: 'Launching command /review-pr'});
		const invocation = only(s.lines);
		assert.equal(invocation.key, 'cc:tu:toolu_legacy1');
		assert.equal(invocation.skillName, 'review-pr');
		assert.equal(invocation.kind, 'skill');
		assert.equal(invocation.trigger, 'model');
		assert.equal(invocation.status, 'succeeded');
	});

	test('a plugin command keeps its prefix', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.slashCommand('/handgemacht:commit', {at: 1});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.skillName, invocation.plugin], ['handgemacht:commit', 'handgemacht']);
	});
});

describe('the user types /name args', () => {
	test('a body starting "Base directory for this skill:" makes it a skill, trigger user, key cc:cmd:<uuid>, succeeded', () => {
		const s = session();
		s.prompt('hello', {at: 0});
		const uuid = s.command('pdf', {at: 10, args: 'report.pdf'});
		s.skillBody(uuid, 'pdf', {at: 10});
		s.text('Reading the PDF', {at: 12, outputTokens: 30});
		const invocation = only(s.lines);
		assert.equal(invocation.key, `cc:cmd:${uuid}`);
		assert.equal(invocation.skillName, 'pdf');
		assert.equal(invocation.kind, 'skill');
		assert.equal(invocation.trigger, 'user');
		assert.equal(invocation.status, 'succeeded');
		assert.equal(invocation.errorType, null);
		assert.equal(invocation.args, 'report.pdf');
		assert.equal(invocation.invokedAtMs, s.ms(10));
		// Its window: the body (not activity) and one assistant line at 12 s.
		assert.equal(invocation.durationMs, 2000);
		assert.equal(invocation.outputTokens, 30);
	});

	test('any other body makes it a command (commands/*.md)', () => {
		const s = session();
		const uuid = s.command('handgemacht:create-beads', {at: 0, args: 'websearch to learn'});
		s.body(uuid, 'Create beads (epic + tasks + dependencies) with a structured preview before execution.', {at: 0});
		const invocation = only(s.lines);
		assert.equal(invocation.kind, 'command');
		assert.equal(invocation.skillName, 'handgemacht:create-beads');
		assert.equal(invocation.plugin, 'handgemacht');
		assert.equal(invocation.trigger, 'user');
		assert.equal(invocation.status, 'succeeded');
	});

	test('<command-name> first (as other builds write it) works the same, the name trimmed without its /', () => {
		const s = session();
		const uuid = s.command('  review  ', {at: 0, order: 'name-first'});
		s.skillBody(uuid, 'review', {at: 0});
		const invocation = only(s.lines);
		assert.equal(invocation.skillName, 'review');
		assert.equal(invocation.kind, 'skill');
	});

	test('progress and attachment lines between the command line and its body do not break the pairing', () => {
		const s = session();
		const uuid = s.command('review', {at: 0});
		s.hookProgress({at: 0});
		s.attachment('skill listing', {at: 0, attachmentType: 'skill_listing'});
		s.skillBody(uuid, 'review', {at: 0});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.skillName, invocation.kind, invocation.key], ['review', 'skill', `cc:cmd:${uuid}`]);
	});

	test('a command line with only <command-name> (no <command-message>) is read the same', () => {
		const s = session();
		const line = s.raw({
			parentUuid: null, isSidechain: false, userType: 'external', cwd: s.cwd, sessionId: s.sessionId, version: '2.1.39', gitBranch: 'main',
			type: 'user', message: {role: 'user', content: '<command-name>/acme:deploy</command-name>\n<command-args>prod</command-args>'}, uuid: 'cmd-only-name', timestamp: s.iso(0),
		});
		s.body(line.uuid as string, 'Deploy to the given stage.', {at: 0});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.skillName, invocation.plugin, invocation.kind, invocation.args], ['acme:deploy', 'acme', 'command', 'prod']);
	});

	test('newer builds pair the body by the same promptId', () => {
		const s = session();
		s.command('deploy', {at: 0, promptId: 'prompt-7'});
		// The body's parent is not the command line here: only the promptId pairs them.
		s.body(null, 'Base directory for this skill: /home/u/.claude/skills/deploy\n\n# deploy', {at: 0, promptId: 'prompt-7'});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.skillName, invocation.kind, invocation.trigger], ['deploy', 'skill', 'user']);
	});

	test('a body line that is not the command line\'s child (nor of its promptId) does not make it an invocation', () => {
		const s = session();
		s.prompt('hi', {at: 0});
		const other = s.prompt('something else', {at: 1});
		s.command('deploy', {at: 2});
		s.body(other, 'Base directory for this skill: /x', {at: 2});
		assert.deepEqual(parse(s.lines), []);
	});
});

describe('built-in commands are not invocations', () => {
	for (const name of ['compact', 'model', 'mcp', 'clear']) {
		test(`/${name} as user lines (caveat, command line, <local-command-stdout>)`, () => {
			const s = session();
			s.prompt('hi', {at: 0});
			s.builtIn(name, {at: 5});
			s.prompt('next', {at: 9});
			s.text('ok', {at: 10});
			assert.deepEqual(parse(s.lines), []);
		});

		test(`/${name} as system/local_command lines`, () => {
			const s = session();
			s.prompt('hi', {at: 0});
			s.localCommand(name, {at: 5});
			s.text('ok', {at: 10});
			assert.deepEqual(parse(s.lines), []);
		});
	}

	test('a built-in at the very end of a file is not an invocation either', () => {
		const s = session();
		s.prompt('hi', {at: 0});
		s.command('compact', {at: 5});
		assert.deepEqual(parse(s.lines), []);
	});
});

describe('what is never an invocation', () => {
	test('mentions inside a tool_result (string content, text blocks) do not count', () => {
		const s = session();
		s.prompt('read the other transcript', {at: 0});
		const bash = s.tool('Bash', {command: 'cat other.jsonl'}, {at: 1});
		s.result(bash, {
			at: 2,
			content: '{"type":"user","message":{"content":"<command-name>/handgemacht:create-beads</command-name>"}}\n{"type":"tool_use","name":"Skill","input":{"skill":"pdf"}}',
		});
		const read = s.tool('Read', {file_path: 'x'}, {at: 3});
		s.result(read, {at: 4, content: [{type: 'text', text: '<command-message>pdf</command-message>\n<command-name>/pdf</command-name>'}]});
		s.body(null, 'Base directory for this skill: /x', {at: 4});
		assert.deepEqual(parse(s.lines), []);
	});

	test('progress/agent_progress lines copying a subagent\'s Skill call and its body do not count', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const task = s.tool('Task', {description: 'x', prompt: 'y'}, {at: 1});
		s.agentProgress([{type: 'tool_use', id: 'toolu_copied', name: 'Skill', input: {skill: 'pdf'}}], {at: 2, parentToolUseId: task});
		s.agentProgress([{type: 'tool_result', tool_use_id: 'toolu_copied', content: 'Launching skill: pdf'}], {at: 3, parentToolUseId: task, messageType: 'user'});
		s.agentProgress([{type: 'tool_use', id: 'toolu_copied2', name: 'SlashCommand', input: {command: '/review'}}], {at: 4, parentToolUseId: task});
		s.result(task, {at: 5});
		assert.deepEqual(parse(s.lines), []);
	});

	test('attachment lines (skill listings, skill bodies re-injected after compaction) do not count', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.attachment('Base directory for this skill: /home/u/.claude/skills/pdf\n\n# pdf', {at: 1, attachmentType: 'invoked_skills'});
		s.attachment('<command-name>/pdf</command-name> - "Skill" listing', {at: 2, attachmentType: 'skill_listing'});
		assert.deepEqual(parse(s.lines), []);
	});

	test('a compaction summary (isCompactSummary) mentioning a command and a skill does not count', () => {
		const s = session();
		s.system('compact_boundary', {at: 0});
		s.compactSummary('This session is being continued from a previous conversation. The user ran <command-name>/handgemacht:commit</command-name> and the Skill tool {"skill":"pdf"}.', {at: 0});
		s.text('continuing', {at: 1});
		assert.deepEqual(parse(s.lines), []);
	});

	test('a compaction summary is not a command line even when its text starts like one', () => {
		// Contrived (real summaries start "This session is being continued"), but the spec excludes isCompactSummary lines outright.
		const s = session();
		s.system('compact_boundary', {at: 0});
		const line = s.raw({
			parentUuid: null, isSidechain: false, userType: 'external', cwd: s.cwd, sessionId: s.sessionId, version: '2.1.39', gitBranch: 'main',
			type: 'user', message: {role: 'user', content: '<command-message>pdf</command-message>\n<command-name>/pdf</command-name>'},
			isCompactSummary: true, uuid: 'summary-uuid-1', timestamp: s.iso(1),
		});
		s.body(line.uuid as string, 'Base directory for this skill: /x', {at: 1});
		assert.deepEqual(parse(s.lines), []);
	});

	test('summary, file-history-snapshot and queue-operation lines do not count', () => {
		const s = session();
		s.snapshot();
		s.queueOperation('<command-name>/pdf</command-name>', {at: 0});
		s.summary('Used the Skill tool for "pdf"');
		assert.deepEqual(parse(s.lines), []);
	});

	test('a human prompt that mentions /pdf or the Skill tool is not an invocation', () => {
		const s = session();
		s.prompt('please use the Skill tool with {"skill":"pdf"} or /pdf', {at: 0});
		s.text('ok', {at: 1});
		assert.deepEqual(parse(s.lines), []);
	});

	test('the isMeta body a Skill call loads (sourceToolUseID) is not a second invocation', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('elixir:hex-docs-search', {at: 1});
		s.skillLoaded(id, 'elixir:hex-docs-search', {at: 2});
		const invocation = only(s.lines);
		assert.equal(invocation.key, `cc:tu:${id}`);
	});
});

describe('subagent files', () => {
	test('trigger subagent, the parent\'s session id, the agent id', () => {
		const parent = '8463c716-a2ea-4c14-9efa-87158ebd9f20';
		const s = session({sessionId: parent, agentId: 'aac57f5'});
		s.userText('Search hex.pm for the latest versions', {at: 0});
		const id = s.skill('elixir:hex-docs-search', {at: 1});
		s.result(id, {at: 2, content: 'Launching skill: elixir:hex-docs-search'});
		const invocation = only(s.lines, {subagent: true});
		assert.equal(invocation.trigger, 'subagent');
		assert.equal(invocation.sessionId, parent);
		assert.equal(invocation.agentId, 'aac57f5');
		assert.equal(invocation.status, 'succeeded');
	});
});

describe('status from the result', () => {
	test('no is_error (absent or false) → succeeded; is_error true → failed', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('a', {at: 1});
		s.result(a, {at: 2, content: 'Launching skill: a'});
		s.prompt('go', {at: 3});
		const b = s.skill('b', {at: 4});
		s.result(b, {at: 5, content: 'Launching skill: b', isError: false});
		s.prompt('go', {at: 6});
		const c = s.skill('c', {at: 7});
		s.result(c, {at: 8, content: 'boom', isError: true});
		const found = parse(s.lines);
		assert.deepEqual(found.map(invocation => [invocation.skillName, invocation.status, invocation.errorType]), [
			['a', 'succeeded', null],
			['b', 'succeeded', null],
			['c', 'failed', 'error'],
		]);
	});

	const cases: Array<{text: string | unknown[]; toolUseResult?: unknown; expected: string; why: string}> = [
		{text: '<tool_use_error>Unknown skill: nope</tool_use_error>', expected: 'unknown_skill', why: 'Unknown skill'},
		{text: 'Skill pdf cannot be used with Skill tool due to disable-model-invocation', expected: 'not_model_invocable', why: 'disable-model-invocation'},
		{text: 'Bash command failed for pattern "!`git log --oneline main..HEAD`": [stderr]\nfatal: ambiguous argument', expected: 'preprocess_failed', why: 'Bash command failed for pattern'},
		{text: "The user doesn't want to proceed with this tool use. The tool use was rejected.", expected: 'user_rejected', why: "doesn't want to proceed"},
		{text: 'Rejected', toolUseResult: 'User rejected tool use', expected: 'user_rejected', why: 'toolUseResult "User rejected tool use"'},
		{text: '<tool_use_error>Sibling tool call errored</tool_use_error>', expected: 'sibling_error', why: 'Sibling tool call errored'},
		{text: 'InputValidationError: Skill failed due to the following issue: The required parameter `skill` is missing', expected: 'invalid_input', why: 'InputValidationError'},
		{text: 'Something else went wrong', toolUseResult: 'Error: Something else went wrong', expected: 'error', why: 'no pattern'},
		{text: [{type: 'text', text: 'prefix '}, {type: 'text', text: 'Unknown skill: x'}], expected: 'unknown_skill', why: 'the text blocks of an array'},
		// First match wins, in the spec's order.
		{text: 'InputValidationError … Unknown skill', expected: 'unknown_skill', why: 'Unknown skill before InputValidationError'},
		{text: 'Bash command failed for pattern x; disable-model-invocation', expected: 'not_model_invocable', why: 'disable-model-invocation before Bash pattern'},
		{text: 'Sibling tool call errored', toolUseResult: 'User rejected tool use', expected: 'user_rejected', why: 'user_rejected before sibling_error'},
		{text: 'Unknown skill: x', toolUseResult: 'User rejected tool use', expected: 'unknown_skill', why: 'unknown_skill before user_rejected'},
		{text: "Sibling tool call errored; InputValidationError; doesn't want to proceed", expected: 'user_rejected', why: 'user_rejected before the rest'},
	];
	for (const {text, toolUseResult, expected, why} of cases) {
		test(`is_error with ${why} → ${expected}`, () => {
			const s = session();
			s.prompt('go', {at: 0});
			const id = s.skill('x', {at: 1});
			s.result(id, {at: 2, content: text, isError: true, toolUseResult});
			const invocation = only(s.lines);
			assert.equal(invocation.status, 'failed');
			assert.equal(invocation.errorType, expected);
		});
	}

	test('toolUseResult as an object or a string never breaks the read', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('a', {at: 1});
		s.result(a, {at: 2, content: 'Launching skill: a', toolUseResult: {success: true, commandName: 'a', allowedTools: ['Read']}});
		s.prompt('go', {at: 3});
		const b = s.skill('b', {at: 4});
		s.result(b, {at: 5, content: 'no', isError: true, toolUseResult: ['weird', 1]});
		assert.deepEqual(parse(s.lines).map(invocation => [invocation.status, invocation.errorType]), [['succeeded', null], ['failed', 'error']]);
	});

	test('no result in the file → pending', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.skill('a', {at: 1});
		const invocation = only(s.lines);
		assert.equal(invocation.status, 'pending');
		assert.equal(invocation.loadMs, null);
	});

	test('the result pairs by tool_use_id, many lines later after parallel tools; load_ms = its timestamp − invoked_at', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const messageId = 'msg_parallel';
		const task = s.tool('Task', {description: 'x', prompt: 'y'}, {at: 1, messageId});
		const skill = s.skill('elixir:hex-docs-search', {at: 2, messageId});
		for (let index = 0; index < 5; index++) s.hookProgress({at: 3 + index});
		s.result(task, {at: 30, content: 'Task done'});
		s.result(skill, {at: 31.5, content: 'Launching skill: elixir:hex-docs-search'});
		const invocation = only(s.lines);
		assert.equal(invocation.status, 'succeeded');
		// 31.5 s − 2 s.
		assert.equal(invocation.loadMs, 29_500);
	});

	test('the result is the later tool_result with the same id in the file, even after the turn moved on', () => {
		// The spec pairs by id and line order only ("it may come many lines later"); it sets no turn limit.
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.prompt('are you there?', {at: 5});
		s.result(id, {at: 6, isError: true, content: 'Unknown skill: pdf'});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.status, invocation.errorType, invocation.loadMs], ['failed', 'unknown_skill', 5000]);
		// The window still ended at the prompt: the late result is no activity of it.
		assert.equal(invocation.durationMs, 0);
	});

	test('a result line with several blocks settles each call it answers', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const bash = s.block('Bash', {command: 'ls'});
		const skill = s.block('Skill', {skill: 'pdf'});
		s.assistant([skill], {at: 1, messageId: 'msg_m'});
		s.assistant([bash], {at: 2, messageId: 'msg_m'});
		s.results([{id: bash.id, content: 'x', isError: true}, {id: skill.id, content: 'Unknown skill: pdf', isError: true}], {at: 3});
		const invocation = only(s.lines);
		assert.deepEqual([invocation.status, invocation.errorType, invocation.toolErrors, invocation.followUps], ['failed', 'unknown_skill', 1, ['Bash:ls']]);
	});
});

/** A Skill call at 10 s, activity at 12 s, then `ender` at 20 s, then activity after it at 30 s. */
function windowAround(ender: (s: Session) => void): {s: Session; invocations: TranscriptInvocation[]} {
	const s = session();
	s.prompt('start', {at: 0});
	const id = s.skill('pdf', {at: 10, messageId: 'msg_own', outputTokens: 5});
	s.result(id, {at: 11, content: 'Launching skill: pdf'});
	const read = s.tool('Read', {file_path: 'a.pdf'}, {at: 12, messageId: 'msg_in', outputTokens: 40});
	s.result(read, {at: 12.5});
	ender(s);
	const edit = s.tool('Edit', {file_path: 'b'}, {at: 30, messageId: 'msg_after', outputTokens: 700});
	s.result(edit, {at: 31, isError: true, content: 'failed'});
	return {s, invocations: parse(s.lines)};
}

describe('the window ends just before the first ender', () => {
	const enders: Array<[string, (s: Session) => void]> = [
		['a human prompt', s => s.prompt('now something else', {at: 20})],
		['a command line (a built-in)', s => s.builtIn('compact', {at: 20})],
		['a command line (system/local_command)', s => s.localCommand('model', {at: 20})],
		['a system turn_duration line', s => s.system('turn_duration', {at: 20})],
		['a system stop_hook_summary line', s => s.system('stop_hook_summary', {at: 20})],
		['a system compact_boundary line', s => s.system('compact_boundary', {at: 20})],
	];
	for (const [name, ender] of enders) {
		test(name, () => {
			const {invocations} = windowAround(ender);
			const invocation = invocations.find(found => found.skillName === 'pdf')!;
			// Activity in the window: 11 s, 12 s, 12.5 s; the Edit at 30 s is after the ender.
			assert.equal(invocation.durationMs, 2500);
			assert.deepEqual(invocation.followUps, ['Read']);
			assert.equal(invocation.toolErrors, 0);
			assert.equal(invocation.outputTokens, 40);
			assert.equal(invocation.windowOpen, false);
		});
	}

	test('the next invocation (a user command with its body)', () => {
		const {invocations} = windowAround(s => {
			const uuid = s.command('review', {at: 20});
			s.skillBody(uuid, 'review', {at: 20});
		});
		const [pdf, review] = invocations;
		assert.equal(pdf!.durationMs, 2500);
		assert.deepEqual(pdf!.followUps, ['Read']);
		assert.equal(pdf!.windowOpen, false);
		// review: 20 s → the Edit's result at 31 s.
		assert.deepEqual([review!.skillName, review!.durationMs, review!.followUps, review!.toolErrors, review!.outputTokens], ['review', 11_000, ['Edit'], 1, 700]);
		assert.equal(review!.windowOpen, true);
	});

	test('the next invocation (another Skill call)', () => {
		const {invocations} = windowAround(s => {
			s.skill('docx', {at: 20, messageId: 'msg_docx', outputTokens: 9});
		});
		const [pdf, docx] = invocations;
		assert.deepEqual([pdf!.durationMs, pdf!.followUps, pdf!.outputTokens], [2500, ['Read'], 40]);
		// docx: 20 s → 31 s; its own message (9 tokens) is not counted, the Edit's (700) is.
		assert.deepEqual([docx!.skillName, docx!.durationMs, docx!.followUps, docx!.toolErrors, docx!.outputTokens], ['docx', 11_000, ['Edit'], 1, 700]);
		assert.equal(docx!.status, 'pending');
	});

	test('the end of the file: the window is open', () => {
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('pdf', {at: 10});
		s.result(id, {at: 11});
		const bash = s.tool('Bash', {command: 'git status'}, {at: 15});
		s.result(bash, {at: 16});
		const invocation = only(s.lines);
		assert.equal(invocation.windowOpen, true);
		assert.equal(invocation.durationMs, 6000);
		assert.deepEqual(invocation.followUps, ['Bash:git']);
	});

	const notEnders: Array<[string, (s: Session) => void]> = [
		['a <task-notification> user line', s => s.taskNotification({at: 20})],
		['[Request interrupted by user]', s => s.userText('[Request interrupted by user]', {at: 20})],
		['[Request interrupted by user for tool use]', s => s.userText('[Request interrupted by user for tool use]', {at: 20})],
		['<system-reminder>', s => s.userText('<system-reminder>\nPostToolUse:Write hook additional context</system-reminder>', {at: 20})],
		['<bash-input> and <bash-stdout>', s => {
			s.userText('<bash-input>ls</bash-input>', {at: 20});
			s.userText('<bash-stdout>a b</bash-stdout><bash-stderr></bash-stderr>', {at: 20});
		}],
		['<local-command-stdout> alone', s => s.userText('<local-command-stdout>Done</local-command-stdout>', {at: 20})],
		['<local-command-caveat> (isMeta)', s => s.userText('<local-command-caveat>Caveat</local-command-caveat>', {at: 20, isMeta: true})],
		['<user-prompt-submit-hook>', s => s.userText('<user-prompt-submit-hook>checked</user-prompt-submit-hook>', {at: 20})],
		['an isMeta text line', s => s.userText('Continue from where you left off.', {at: 20, isMeta: true})],
		['an isCompactSummary line', s => s.compactSummary('This session is being continued from a previous conversation', {at: 20})],
		['a system line of another subtype', s => s.system('api_error', {at: 20})],
		['progress, attachment, snapshot, queue-operation lines', s => {
			s.hookProgress({at: 20});
			s.attachment('skill listing', {at: 20});
			s.snapshot();
			s.queueOperation('enqueue', {at: 20});
		}],
	];
	for (const [name, notEnder] of notEnders) {
		test(`does not end at ${name}`, () => {
			const {invocations} = windowAround(notEnder);
			assert.equal(invocations.length, 1);
			const pdf = invocations[0]!;
			// The window runs to the end: the Edit's result at 31 s − 10 s.
			assert.equal(pdf.durationMs, 21_000);
			assert.deepEqual(pdf.followUps, ['Read', 'Edit']);
			assert.equal(pdf.toolErrors, 1);
			assert.equal(pdf.outputTokens, 740);
			assert.equal(pdf.windowOpen, true);
		});
	}
});

describe('window metrics', () => {
	test('duration_ms = max(activity timestamps) − invoked_at, with timestamps out of order', () => {
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('pdf', {at: 100});
		// Results written with an earlier clock than the call (real files do this by milliseconds).
		s.result(id, {at: 99.5});
		const read = s.tool('Read', {file_path: 'x'}, {at: 140});
		s.result(read, {at: 139});
		s.text('done', {at: 120});
		// Not activity: progress and isMeta lines, even with later timestamps.
		s.hookProgress({at: 500});
		s.userText('<system-reminder>late</system-reminder>', {at: 600, isMeta: true});
		s.system('stop_hook_summary', {at: 700});
		const invocation = only(s.lines);
		// max(100, 99.5, 140, 139, 120) − 100 s.
		assert.equal(invocation.durationMs, 40_000);
		assert.equal(invocation.loadMs, -500);
	});

	test('an invocation with no activity after it has duration 0', () => {
		const s = session();
		s.prompt('start', {at: 0});
		s.skill('pdf', {at: 5});
		s.prompt('never mind', {at: 50});
		assert.equal(only(s.lines).durationMs, 0);
	});

	test('follow-ups: the window\'s tool_use names other than Skill/SlashCommand, Bash refined by its program', () => {
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('handgemacht:commit', {at: 1});
		s.result(id, {at: 2, isError: true, content: 'Bash command failed for pattern "!`git log`"'});
		const diff = s.block('Bash', {command: 'git diff --stat && echo "---"'});
		const read = s.block('Read', {file_path: 'x'});
		s.assistant([{type: 'text', text: 'by hand'}, diff, read], {at: 3});
		s.results([{id: diff.id}, {id: read.id}], {at: 4});
		const add = s.tool('Bash', {command: 'git add a && git commit -m x'}, {at: 5});
		s.result(add, {at: 6});
		const ready = s.tool('Bash', {command: 'bd ready'}, {at: 7});
		s.result(ready, {at: 8});
		const glob = s.tool('Glob', {pattern: '**/*.ts'}, {at: 9});
		s.result(glob, {at: 10});
		const invocation = only(s.lines);
		assert.deepEqual(invocation.followUps, ['Bash:git', 'Read', 'Bash:git', 'Bash:bd', 'Glob']);
		assert.equal(invocation.status, 'failed');
		assert.equal(invocation.errorType, 'preprocess_failed');
	});

	test('tool_errors: the follow-up calls whose result has is_error true (not the skill\'s own failure)', () => {
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2, isError: true, content: 'boom'});
		const a = s.tool('Bash', {command: 'false'}, {at: 3});
		s.result(a, {at: 4, isError: true, content: 'Exit code 1'});
		const b = s.tool('Read', {file_path: 'missing'}, {at: 5});
		s.result(b, {at: 6, isError: true, content: 'File does not exist.'});
		const c = s.tool('Read', {file_path: 'ok'}, {at: 7});
		s.result(c, {at: 8, isError: false});
		const d = s.tool('Write', {file_path: 'ok'}, {at: 9});
		s.result(d, {at: 10});
		const invocation = only(s.lines);
		assert.equal(invocation.toolErrors, 2);
		assert.equal(invocation.followUps.length, 4);
	});

	test('output_tokens: each message.id once however many lines it spans, the invocation\'s own message excluded', () => {
		const s = session();
		s.prompt('start', {at: 0});
		// The invocation's message spans a text line before and after the Skill line.
		s.text('Let me use the skill', {at: 1, messageId: 'msg_own', outputTokens: 50});
		const id = s.skill('pdf', {at: 2, messageId: 'msg_own', outputTokens: 50});
		s.text('(still the same response)', {at: 3, messageId: 'msg_own', outputTokens: 50});
		s.result(id, {at: 4});
		// One response over three lines, each repeating its usage: 40 once, not 120.
		s.text('Reading', {at: 5, messageId: 'msg_a', outputTokens: 40});
		const read = s.tool('Read', {file_path: 'x'}, {at: 6, messageId: 'msg_a', outputTokens: 40});
		s.text('…', {at: 7, messageId: 'msg_a', outputTokens: 40});
		s.result(read, {at: 8});
		s.text('Done', {at: 9, messageId: 'msg_b', outputTokens: 13});
		s.prompt('thanks', {at: 10});
		s.text('You are welcome', {at: 11, messageId: 'msg_c', outputTokens: 999});
		assert.equal(only(s.lines).outputTokens, 53);
	});

	test('output_tokens: a response whose repeated usage grows line by line counts once, at its final count', () => {
		// As in the real sample 8463c716 (msg …WmiKPK: 5 on its text line, 82 on its tool_use line).
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('pdf', {at: 1, messageId: 'msg_own', outputTokens: 56});
		s.result(id, {at: 2});
		s.text('Now let me check', {at: 3, messageId: 'msg_a', outputTokens: 5});
		const bash = s.tool('Bash', {command: 'bd ready'}, {at: 4, messageId: 'msg_a', outputTokens: 82});
		s.result(bash, {at: 5});
		assert.equal(only(s.lines).outputTokens, 82);
	});

	test('subagent copies in agent_progress lines add no follow-ups, tokens or duration', () => {
		const s = session();
		s.prompt('start', {at: 0});
		const id = s.skill('pdf', {at: 1, messageId: 'msg_own'});
		const task = s.tool('Task', {description: 'x', prompt: 'y'}, {at: 2, messageId: 'msg_t', outputTokens: 10});
		s.agentProgress([{type: 'tool_use', id: 'toolu_in_agent', name: 'WebSearch', input: {query: 'q'}}], {at: 50, parentToolUseId: task});
		s.result(id, {at: 3});
		s.result(task, {at: 4});
		s.system('turn_duration', {at: 60});
		const invocation = only(s.lines);
		assert.deepEqual(invocation.followUps, ['Task']);
		assert.equal(invocation.outputTokens, 10);
		assert.equal(invocation.durationMs, 3000);
	});
});
