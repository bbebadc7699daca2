/**
 * The words the synthetic transcripts are made of: skill names as real plugins and users name them,
 * the error texts Claude Code writes for a skill that failed to load, prompts, tool outputs. Kept
 * apart from the line builders so that the shapes (transcript-session.ts, session-envelope.ts,
 * tool-calls.ts, tool-results.ts) read without the prose.
 */

/** Skills the model calls; `plugin:name` for plugin skills, bare for ~/.claude/skills and project skills. */
export const MODEL_SKILLS = [
	'superpowers:brainstorming', 'superpowers:test-driven-development', 'superpowers:systematic-debugging',
	'superpowers:writing-plans', 'superpowers:executing-plans', 'superpowers:verification-before-completion',
	'superpowers:requesting-code-review', 'superpowers:using-git-worktrees', 'document-skills:pdf',
	'document-skills:xlsx', 'document-skills:docx', 'document-skills:pptx', 'elixir:hex-docs-search',
	'handgemacht:commit', 'handgemacht:create-beads', 'pr-review-toolkit:review-pr', 'commit-commands:commit',
	'feature-dev:feature-dev', 'frontend-design', 'webapp-testing', 'mcp-builder', 'skill-creator',
	'changelog-generator', 'playwright-debug', 'db-migrate', 'release-notes', 'code-review', 'bisect-flaky',
];

/**
 * The `skill_listing` attachment Claude Code (from about 2.1.100) writes when a session starts:
 * every model-invocable skill, `- name: description`; when many are installed the last
 * descriptions are cut to fit the listing budget and end with `…`.
 */
export function skillListing(cutLast: number): string {
	return MODEL_SKILLS.map((name, index) => {
		const description = `Use when the task calls for ${name.split(':').at(-1)!.replaceAll('-', ' ')}: follow its steps and verify the result before reporting`;
		return `- ${name}: ${index >= MODEL_SKILLS.length - cutLast ? `${description.slice(0, 24)}…` : description}`;
	}).join('\n');
}

/** Names the model sometimes guesses that no installed skill has: they fail with `Unknown skill`. */
export const UNKNOWN_SKILLS = ['commit', 'review', 'test', 'superpowers:tdd', 'pdf', 'git-commit', 'debug'];

/** Skills whose SKILL.md says `disable-model-invocation: true`: only the user may run them. */
export const USER_ONLY_SKILLS = ['handgemacht:release', 'deploy-prod', 'handgemacht:rotate-secrets'];

/** What users type as `/name`: skills (their body starts "Base directory for this skill:") and commands. */
export const USER_SKILLS = ['handgemacht:release', 'deploy-prod', 'frontend-design', 'superpowers:brainstorming', 'db-migrate'];
export const USER_COMMANDS = ['handgemacht:create-beads', 'commit-commands:commit-push-pr', 'review-pr', 'fix-issue', 'pr-comments'];
export const BUILT_INS = ['compact', 'model', 'mcp', 'clear', 'context', 'cost'];

export const SKILL_ARGS = ['', '', '', 'opentelemetry_bandit setup', 'the failing parser test', 'src/api/routes.ts', 'v2.4.0', 'quarterly-report.xlsx', '--staged'];

export const PROMPTS = [
	'Work on bead spotter-4te. Run bd show spotter-4te to see the issue details and bd ready to find available subtasks. Start with the first ready task.',
	'The CI job for the parser fails since yesterday, find out why and fix it.',
	'Add pagination to the /api/orders endpoint, keep the old behaviour when no page is given.',
	'Why is the dashboard so slow on first load? Profile it and propose a fix.',
	'Refactor the session store so that it no longer reads the whole file on every request.',
	'Write tests for the retry logic in src/net/client.ts, including the timeout case.',
	'Review the diff on this branch before I open the PR.',
	'commit this',
	'Update the README with the new configuration flags and an example.',
	'The migration 0042 breaks on Postgres 16, can you look?',
	'yes, go ahead',
	'Can you explain what happens in handle_info/2 when the socket closes?',
	'Make the export work for files with umlauts in their names (Grüße.csv).',
	'Run the full test suite and fix whatever fails.',
];

export const ASSISTANT_TEXTS = [
	'Let me look at the relevant files first.',
	'Now let me check available versions and look up the setup APIs.',
	'I found the cause: the timeout is applied per attempt, not per request. Let me fix that.',
	'All tests pass. Here is a summary of the changes:\n\n- moved the retry budget into `RetryPolicy`\n- added tests for the timeout and the give-up case\n- documented the new option in the README',
	'The build fails because `main..HEAD` is not a valid range in this worktree. I will commit by hand instead.',
	'Let me run the tests to verify the change.',
	'I\'ll use the skill for this.',
	'Done. The endpoint now accepts `page` and `per_page`; without them it returns the first 50 rows as before.',
];

export const THOUGHTS = [
	'Now let me check the latest versions of the OTEL packages on hex.pm and look at the documentation for setup.',
	'The user wants pagination. I should check how the other endpoints do it before inventing something new.',
	'The test is flaky only under load; that smells like a shared temp directory.',
	'Before editing, I need to know who else calls this function.',
];

export const BASH_COMMANDS: ReadonlyArray<readonly [string, string]> = [
	['git status --short', 'Show working tree status'],
	['git diff --stat', 'Show changed files'],
	['git log --oneline -10', 'Show recent commits'],
	['npm test -- --run src/net', 'Run the network tests'],
	['mix test test/spotter/services', 'Run the service tests'],
	['grep -rn "retryBudget" src', 'Find uses of retryBudget'],
	['ls -la config', 'List the config directory'],
	['git add -A && git commit -m "Fix retry timeout per request"', 'Commit the fix'],
];

const CODE_LINES = [
	'import {setTimeout as sleep} from \'node:timers/promises\';',
	'export async function withRetry<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {',
	'\tlet attempt = 0;',
	'\tconst deadline = Date.now() + policy.budgetMs;',
	'\twhile (true) {',
	'\t\ttry {',
	'\t\t\treturn await work();',
	'\t\t} catch (error) {',
	'\t\t\tif (++attempt >= policy.attempts || Date.now() > deadline) throw error;',
	'\t\t\tawait sleep(policy.backoffMs * 2 ** attempt);',
	'\t\t}',
	'\t}',
	'}',
	'config :spotter, Spotter.Repo,',
	'  database: "../path/to/your.db",',
	'  pool_size: 10',
	'defmodule Spotter.Services.TranscriptRenderer do',
	'  @moduledoc "Renders a transcript as HTML, one message at a time."',
	'  def render(lines) when is_list(lines), do: Enum.map(lines, &render_line/1)',
];

/** A Read tool's output: numbered lines with the arrow Claude Code writes. */
export function readOutput(next: () => number, lines: number): string {
	const start = 1 + Math.floor(next() * 200);
	let out = '';
	for (let i = 0; i < lines; i++) out += `${String(start + i).padStart(6)}→${CODE_LINES[Math.floor(next() * CODE_LINES.length)]}\n`;
	return out;
}

export function bashOutput(next: () => number, command: string): string {
	if (command.startsWith('git status')) return ' M src/net/client.ts\n M test/net/client.test.ts\n?? docs/retry.md';
	if (command.startsWith('git diff')) return ' src/net/client.ts       | 24 +++++++++++++-----------\n test/net/client.test.ts | 61 ++++++++++++++++++++++++++++++++++++++\n 2 files changed, 74 insertions(+), 11 deletions(-)';
	if (command.includes('test')) {
		const passed = 20 + Math.floor(next() * 300);
		return `\n> test\n> node --test\n\n▶ withRetry\n  ✔ retries until the budget is spent (${(next() * 40).toFixed(1)}ms)\n  ✔ gives up after the last attempt (${(next() * 9).toFixed(1)}ms)\n▶ withRetry (${(next() * 60).toFixed(1)}ms)\nℹ tests ${passed}\nℹ pass ${passed}\nℹ fail 0\nℹ duration_ms ${Math.floor(next() * 9000)}`;
	}

	return 'a1b2c3d Fix retry timeout per request\n9f8e7d6 Add pagination to orders\n5a4b3c2 Bump deps';
}

/** The skill failures Claude Code writes, with the `toolUseResult` that accompanies each (a string on these lines). */
export interface SkillFailure {
	content: string;
	toolUseResult: string;
}

export function skillFailure(kind: 'unknown' | 'not-invocable' | 'preprocess' | 'rejected' | 'sibling' | 'invalid', skill: string): SkillFailure {
	switch (kind) {
		case 'unknown':
			return {content: `<tool_use_error>Unknown skill: ${skill}</tool_use_error>`, toolUseResult: `Error: Unknown skill: ${skill}`};
		case 'not-invocable':
			return {content: `<tool_use_error>Skill ${skill} cannot be used with Skill tool due to disable-model-invocation</tool_use_error>`, toolUseResult: `Error: Skill ${skill} cannot be used with Skill tool due to disable-model-invocation`};
		case 'preprocess': {
			const text = 'Bash command failed for pattern "!`git log --oneline main..HEAD`": [stderr]\nfatal: ambiguous argument \'main..HEAD\': unknown revision or path not in the working tree.\nUse \'--\' to separate paths from revisions, like this:\n\'git <command> [<revision>...] -- [<file>...]\'';
			return {content: text, toolUseResult: `Error: ${text}`};
		}

		case 'rejected':
			return {content: 'The user doesn\'t want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.', toolUseResult: 'User rejected tool use'};
		case 'sibling':
			return {content: '<tool_use_error>Sibling tool call errored</tool_use_error>', toolUseResult: 'Error: Sibling tool call errored'};
		case 'invalid':
			return {content: '<tool_use_error>InputValidationError: Skill failed due to the following issue:\nThe required parameter `skill` is missing</tool_use_error>', toolUseResult: 'InputValidationError: [\n  {\n    "code": "invalid_type",\n    "expected": "string",\n    "received": "undefined",\n    "path": [\n      "skill"\n    ],\n    "message": "Required"\n  }\n]'};
	}
}

/** A SKILL.md as Claude Code injects it after a skill loads (the isMeta line). */
export function skillBody(skill: string, home: string): string {
	const [plugin, name] = skill.includes(':') ? skill.split(':') as [string, string] : [undefined, skill];
	const base = plugin ? `${home}/.claude/plugins/cache/${plugin}/${plugin}/1.2.0/skills/${name}` : `${home}/.claude/skills/${name}`;
	return `Base directory for this skill: ${base}\n\n# ${name}\n\nUse this skill when the task matches its description. Follow the steps in order and do not skip verification.\n\n## Steps\n\n1. Read the relevant files before changing anything.\n2. Make the smallest change that solves the problem.\n3. Run the tests; if they fail, fix the cause, not the test.\n4. Summarise what changed and why.\n\n## Notes\n\n- Prefer local sources (\`deps/\`, \`node_modules/\`) over the web.\n- Mention follow-up work instead of doing it silently.\n\nARGUMENTS: `;
}

/** A plugin command's expanded prompt (commands/*.md): no "Base directory" line. */
export function commandBody(command: string, args: string): string {
	return `Create beads (epic + tasks + dependencies) with a structured preview before execution.\n\n> **SCOPE**: This command (${command}) ONLY plans; it does NOT write code.\n\n**Arguments**: ${args}\n\n## Instructions\n\nFollow these phases in strict order. DO NOT create anything until the user explicitly approves the plan.\n\n### Phase 1: Understand Input\n\nParse \`${args}\` for either a description or a file path.`;
}

/** Hook commands are written as configured, the variable unexpanded: the text holds `${CLAUDE_PLUGIN_ROOT}` itself. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${CLAUDE_PLUGIN_ROOT}` is what Claude Code writes into the lines.
export const PLUGIN_ROOT = '${CLAUDE_PLUGIN_ROOT}';
export const HOOKS_PRE = [`cd ${PLUGIN_ROOT}/hooks && bun run ./guardian.ts`, `${PLUGIN_ROOT}/scripts/pre-tool-capture.sh`, `${PLUGIN_ROOT}/scripts/pre-commit-check.sh`];
export const HOOKS_POST = [`${PLUGIN_ROOT}/scripts/tool-call-capture.sh`, 'callback'];
export const BRANCHES = ['main', 'main', 'main', 'feature/pagination', 'fix/retry-timeout', 'spotter-4te'];
export const SLUG_WORDS = ['lexical', 'painting', 'whisper', 'drifting', 'tumbling', 'humble', 'seeking', 'umbrella', 'dazzling', 'imagining', 'quiet', 'amber', 'river', 'copper', 'lantern'];

/** The lines Claude Code writes around a built-in command and a compaction. */
export const CAVEAT = '<local-command-caveat>Caveat: The messages below were generated by the user while running local commands. DO NOT respond to these messages or otherwise consider them in your response unless the user explicitly asks you to.</local-command-caveat>';
export const COMPACTION_REMINDER = '<system-reminder>\nPostToolUse:Edit hook additional context: [CREDO]\n[W] ↗ test/net/client.test.ts:269:14 Using `length/1` is expensive, prefer `Enum.empty?/1`\n</system-reminder>';
export const COMPACT_SUMMARY = 'This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\nAnalysis:\nThe user asked for pagination on /api/orders and for the retry timeout to apply per request. Both were implemented and tested.\n\nSummary:\n1. Primary Request and Intent: fix the retry timeout, add pagination.\n2. Key Technical Concepts: RetryPolicy, cursor pagination.\n3. Files and Code Sections: src/net/client.ts, src/api/orders.ts.\n4. Pending Tasks: update the README.';
