import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {describe, test} from 'node:test';
import {TranscriptParser, type TranscriptInvocation} from '../../source/formats/transcripts/parser.js';
import {Session, type Line} from '../helpers/transcripts.js';

/*
 * outcomes.md, one test per rule, from lines of the shapes it describes (test/helpers/transcripts.ts
 * writes them as Claude Code 2.1.x does). Expected values are worked out by hand from the lines.
 */

const SESSION = '11111111-2222-4333-8444-555555555555';

function parse(lines: readonly Line[]): {invocations: TranscriptInvocation[]; problems: string[]} {
	const problems: string[] = [];
	const parser = new TranscriptParser(false, (line, message) => problems.push(`${line}: ${message}`));
	let offset = 0;
	for (const [index, line] of lines.entries()) {
		parser.feed(line, offset, index + 1);
		offset += Buffer.byteLength(JSON.stringify(line)) + 1;
	}

	return {invocations: parser.finish(offset, lines.length).invocations, problems};
}

const session = () => new Session({sessionId: SESSION, cwd: '/home/u/repo'});
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A model's call of `pdf` that loads, then `work` inside its window, then the turn's end. */
function used(work: (s: Session) => void): TranscriptInvocation {
	const s = session();
	s.prompt('convert it', {at: 0});
	const id = s.skill('pdf', {at: 1});
	s.skillLoaded(id, 'pdf', {at: 2});
	work(s);
	s.system('turn_duration', {at: 30});
	const {invocations} = parse(s.lines);
	assert.equal(invocations.length, 1);
	return invocations[0]!;
}

describe('outcome: how the work the skill drove ended (first match wins)', () => {
	test('clean: loaded, its tools succeeded, the turn ended', () => {
		const invocation = used(s => s.result(s.tool('Read', {file_path: 'a.pdf'}, {at: 3}), {at: 4}));
		assert.deepEqual([invocation.status, invocation.outcome, invocation.retried], ['succeeded', 'clean', false]);
	});

	test('load_failed: the call itself failed (status failed), whatever came after', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2, isError: true, content: 'Unknown skill: pdf'});
		s.userText('[Request interrupted by user]', {at: 3});
		assert.equal(parse(s.lines).invocations[0]!.outcome, 'load_failed');
	});

	test('interrupted: a user line of the window starts [Request interrupted by user', () => {
		const invocation = used(s => {
			s.tool('Bash', {command: 'make'}, {at: 3});
			s.userText('[Request interrupted by user]', {at: 5});
		});
		assert.equal(invocation.outcome, 'interrupted');
	});

	test('interrupted: the text of a tool_result starts [Request interrupted by user for tool use]', () => {
		const invocation = used(s => s.result(s.tool('Bash', {command: 'make'}, {at: 3}), {at: 4, isError: true, content: [{type: 'text', text: '[Request interrupted by user for tool use]'}]}));
		assert.equal(invocation.outcome, 'interrupted');
	});

	test('rejected: another call\'s result says the user doesn\'t want to proceed', () => {
		const invocation = used(s => s.result(s.tool('Edit', {file_path: 'a'}, {at: 3}), {at: 4, isError: true, content: "The user doesn't want to proceed with this tool use."}));
		assert.equal(invocation.outcome, 'rejected');
	});

	test('rejected: the line\'s toolUseResult is the string "User rejected tool use"', () => {
		const invocation = used(s => s.result(s.tool('Write', {file_path: 'a'}, {at: 3}), {at: 4, isError: true, content: 'Error', toolUseResult: 'User rejected tool use'}));
		assert.equal(invocation.outcome, 'rejected');
	});

	test('errored: the last tool_result of the window is an error; an error followed by a success is clean', () => {
		const failedLast = used(s => {
			s.result(s.tool('Bash', {command: 'make'}, {at: 3}), {at: 4});
			s.result(s.tool('Bash', {command: 'make test'}, {at: 5}), {at: 6, isError: true, content: 'exit 2'});
		});
		assert.equal(failedLast.outcome, 'errored');
		const recovered = used(s => {
			s.result(s.tool('Bash', {command: 'make'}, {at: 3}), {at: 4, isError: true, content: 'exit 2'});
			s.result(s.tool('Bash', {command: 'make'}, {at: 5}), {at: 6});
		});
		assert.equal(recovered.outcome, 'clean');
	});

	test('precedence: interrupted before rejected before errored', () => {
		const all = used(s => {
			s.result(s.tool('Edit', {file_path: 'a'}, {at: 3}), {at: 4, isError: true, content: "The user doesn't want to proceed with this tool use."});
			s.result(s.tool('Bash', {command: 'make'}, {at: 5}), {at: 6, isError: true, content: 'exit 1'});
			s.userText('[Request interrupted by user]', {at: 7});
		});
		assert.equal(all.outcome, 'interrupted');
		const twoOfThem = used(s => {
			s.result(s.tool('Edit', {file_path: 'a'}, {at: 3}), {at: 4, isError: true, content: "The user doesn't want to proceed with this tool use."});
			s.result(s.tool('Bash', {command: 'make'}, {at: 5}), {at: 6, isError: true, content: 'exit 1'});
		});
		assert.equal(twoOfThem.outcome, 'rejected');
	});

	test('what comes after the window ends does not count: an error after the next human prompt', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.skillLoaded(id, 'pdf', {at: 2});
		s.prompt('now something else', {at: 3});
		s.result(s.tool('Bash', {command: 'make'}, {at: 4}), {at: 5, isError: true, content: 'exit 1'});
		assert.equal(parse(s.lines).invocations[0]!.outcome, 'clean');
	});

	test('a pending invocation (no result yet) has no outcome; a window open at the end has the outcome as it stands', () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.skill('pdf', {at: 1});
		assert.deepEqual([parse(s.lines).invocations[0]!.status, parse(s.lines).invocations[0]!.outcome], ['pending', null]);
		const open = session();
		open.prompt('go', {at: 0});
		const id = open.skill('pdf', {at: 1});
		open.skillLoaded(id, 'pdf', {at: 2});
		open.result(open.tool('Bash', {command: 'make'}, {at: 3}), {at: 4, isError: true, content: 'exit 1'});
		const standing = parse(open.lines).invocations[0]!;
		assert.deepEqual([standing.windowOpen, standing.outcome], [true, 'errored']);
	});

	test('a typed command that ran: clean unless its window says otherwise', () => {
		const s = session();
		const uuid = s.command('review', {at: 0});
		s.skillBody(uuid, 'review', {at: 0});
		s.result(s.tool('Read', {file_path: 'a'}, {at: 1}), {at: 2});
		s.userText('[Request interrupted by user]', {at: 3});
		assert.deepEqual(parse(s.lines).invocations.map(invocation => [invocation.skillName, invocation.trigger, invocation.outcome]), [['review', 'user', 'interrupted']]);
	});
});

describe('retried: the same skill again before the second human prompt after it', () => {
	function retriedOf(build: (s: Session) => void): Array<[string, boolean]> {
		const s = session();
		build(s);
		return parse(s.lines).invocations.map(invocation => [invocation.skillName, invocation.retried]);
	}

	test('again in the same turn (on purpose or not: the reports say so)', () => {
		assert.deepEqual(retriedOf(s => {
			s.prompt('go', {at: 0});
			s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
			s.skillLoaded(s.skill('pdf', {at: 3}), 'pdf', {at: 4});
		}), [['pdf', true], ['pdf', false]]);
	});

	test('again in the next turn: retried; after the second prompt: not', () => {
		assert.deepEqual(retriedOf(s => {
			s.prompt('go', {at: 0});
			s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
			s.prompt('that was wrong, again', {at: 3});
			s.skillLoaded(s.skill('pdf', {at: 4}), 'pdf', {at: 5});
			s.prompt('thanks', {at: 6});
			s.prompt('now the next one', {at: 7});
			s.skillLoaded(s.skill('pdf', {at: 8}), 'pdf', {at: 9});
		}), [['pdf', true], ['pdf', false], ['pdf', false]]);
	});

	test('another skill, a built-in, and lines that are not human prompts neither retry nor close the horizon', () => {
		assert.deepEqual(retriedOf(s => {
			s.prompt('go', {at: 0});
			s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
			s.skillLoaded(s.skill('docx', {at: 3}), 'docx', {at: 4});
			s.builtIn('compact', {at: 5});
			s.taskNotification({at: 6});
			s.userText('[Request interrupted by user]', {at: 7});
			s.prompt('one prompt', {at: 8});
			const uuid = s.command('pdf', {at: 9});
			s.skillBody(uuid, 'pdf', {at: 9});
		}), [['pdf', true], ['docx', false], ['pdf', false]]);
	});
});

describe('version: the normalized body the model was given, and its fingerprint', () => {
	const DIR = '/home/u/.claude/skills/pdf';

	function versionOf(body: string, options: {args?: string; dir?: string} = {}): TranscriptInvocation {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1, args: options.args});
		s.skillLoaded(id, 'pdf', {at: 2, body, dir: options.dir ?? DIR});
		return parse(s.lines).invocations[0]!;
	}

	test('the base directory line and the blank line after it are dropped; the fingerprint is the SHA-256 of the rest', () => {
		const invocation = versionOf('# PDF\n\nConvert files.');
		assert.equal(invocation.body, '# PDF\n\nConvert files.');
		assert.equal(invocation.fingerprint, sha256('# PDF\n\nConvert files.'));
	});

	test('CRLF becomes LF; trailing whitespace of the whole text is dropped', () => {
		assert.equal(versionOf('# PDF\r\n\r\nConvert files.  \r\n\r\n').body, '# PDF\n\nConvert files.');
	});

	test('the arguments become $ARGUMENTS: two uses with other arguments are one version', () => {
		const one = versionOf('Convert report.pdf to text.', {args: 'report.pdf'});
		const two = versionOf('Convert slides.pdf to text.', {args: 'slides.pdf'});
		assert.equal(one.body, 'Convert $ARGUMENTS to text.');
		assert.equal(one.fingerprint, two.fingerprint);
	});

	test('the session id and the skill\'s folder become their placeholders', () => {
		const invocation = versionOf(`Log to /tmp/${SESSION}.log; scripts in ${DIR}/scripts.`);
		// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's placeholders, not a template
		assert.equal(invocation.body, 'Log to /tmp/${CLAUDE_SESSION_ID}.log; scripts in ${CLAUDE_SKILL_DIR}/scripts.');
	});

	test('a final ARGUMENTS: paragraph (appended when the skill has no $ARGUMENTS) is dropped', () => {
		const withArgs = versionOf('# PDF\n\nConvert files.\n\nARGUMENTS: report.pdf', {args: 'report.pdf'});
		const without = versionOf('# PDF\n\nConvert files.');
		assert.equal(withArgs.body, '# PDF\n\nConvert files.');
		assert.equal(withArgs.fingerprint, without.fingerprint);
	});

	test('an edit to the text is a new fingerprint', () => {
		assert.notEqual(versionOf('# PDF\n\nConvert files.').fingerprint, versionOf('# PDF\n\nConvert files, and check them.').fingerprint);
	});

	test('plugin_version: the <version> of a plugin cache directory, null elsewhere', () => {
		assert.equal(versionOf('x', {dir: '/home/u/.claude/plugins/cache/acme-market/acme/1.4.2/skills/pdf'}).pluginVersion, '1.4.2');
		assert.equal(versionOf('x', {dir: '/home/u/.claude/plugins/cache/acme-market/acme/2.0.0/commands/pdf'}).pluginVersion, '2.0.0');
		assert.equal(versionOf('x').pluginVersion, null);
	});

	test('a typed command\'s body is the whole text (commands/*.md have no base directory line)', () => {
		const s = session();
		const uuid = s.command('deploy', {at: 0, args: 'staging'});
		s.body(uuid, 'Deploy to staging now.\n', {at: 0});
		const [invocation] = parse(s.lines).invocations;
		assert.deepEqual([invocation!.kind, invocation!.body], ['command', 'Deploy to $ARGUMENTS now.']);
	});

	test('a load failure has no body: no fingerprint', () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2, isError: true, content: 'Unknown skill: pdf'});
		assert.deepEqual([parse(s.lines).invocations[0]!.fingerprint, parse(s.lines).invocations[0]!.body], [null, null]);
	});
});
