import type {CommandSpec} from './commands/command.js';
import {COMMANDS} from './commands/registry.js';
import {SORT_FIELDS, SOURCES, TRIGGERS} from './data/queries/top.js';
import {WINDOWS} from './domain/time-window.js';

/*
 * The `--help` text. Its command list is drawn from the registry (usage and summary of each);
 * the README's usage block is a copy of it (a test keeps them equal).
 */

const INDENT = '    ';
const CONTINUED = '        ';
/** Where summaries start, and how wide lines may grow. */
const SUMMARY_COLUMN = 43;
const USAGE_WIDTH = 80;
const SUMMARY_WIDTH = 100;

/** Words into lines of at most `width` characters, the first starting with `first`, the others with `rest`. */
function wrap(words: readonly string[], width: number, first: string, rest: string): string[] {
	const lines: string[] = [];
	let line = first;
	for (const word of words) {
		const start = lines.length === 0 ? first : rest;
		if (line !== start && line.length + 1 + word.length > width) {
			lines.push(line);
			line = rest + word;
		} else {
			line = line === start ? line + word : `${line} ${word}`;
		}
	}

	return [...lines, line];
}

/** Usage tokens: words, with each bracketed option (brackets nest) kept whole. */
function usageTokens(usage: string): string[] {
	const tokens: string[] = [];
	let depth = 0;
	for (const word of usage.split(' ')) {
		if (depth > 0) tokens[tokens.length - 1] += ` ${word}`;
		else tokens.push(word);
		depth += (word.match(/\[/g)?.length ?? 0) - (word.match(/\]/g)?.length ?? 0);
	}

	return tokens;
}

export function commandEntry(command: CommandSpec): string[] {
	const usage = wrap(usageTokens(command.usage), USAGE_WIDTH, INDENT, CONTINUED);
	const pad = ' '.repeat(SUMMARY_COLUMN);
	const last = usage.at(-1)!;
	const summary = command.summary.split(' ');
	if (last.length + 2 <= SUMMARY_COLUMN) {
		const [head, ...tail] = wrap(summary, SUMMARY_WIDTH, last.padEnd(SUMMARY_COLUMN), pad);
		return [...usage.slice(0, -1), head!, ...tail];
	}

	return [...usage, ...wrap(summary, SUMMARY_WIDTH, pad, pad)];
}

export function helpText(commands: readonly CommandSpec[] = COMMANDS): string {
	return `
  Explore how AI-assistant skills are used and how well they work, across your projects.
  Everything stays on this machine.

  Usage
    $ skillscope                          open the explorer (needs a terminal)
    $ skillscope <command> [options]

  Commands
${commands.flatMap(commandEntry).join('\n')}

  Options
    --db PATH              database file (default ~/.claude/data/mahavishnu/skill_metrics.duckdb,
                           or $SKILLSCOPE_DB)
    --timezone IANA        zone of days, weeks and months (default: this machine's)
    --naive-timezone IANA  zone of timestamps written without one (default: this machine's)
    --claude-dir DIR       Claude Code's root, whose transcripts are read (default $CLAUDE_CONFIG_DIR,
                           or ~/.claude)
    --json                 print JSON on stdout (rates 0-1, times ISO-8601 UTC)
    --no-color             no colours (also NO_COLOR=1)
    --debug                show stack traces
    --help, --version

  Values
    W       ${WINDOWS.join(' | ')} (default all)
    DATE    2026-11-24 | today | yesterday | 30d (30 days ago), in --timezone
${wrap(SORT_FIELDS, SUMMARY_WIDTH, '    FIELD   ', '            ').join('\n')}
    R       a fraction from 0 to 1, e.g. 0.8
    T       ${TRIGGERS.join(' | ')} (who triggered a skill; trackers record none)
    S       ${SOURCES.join(' | ')}

  Exit codes
    0 ok   1 error   2 bad usage   3 done, but some sources could not be read

  Examples
    $ skillscope discover
    $ skillscope register --discovered
    $ skillscope register ~/code/webapp --type web
    $ skillscope collect
    $ skillscope top --window weekly --limit 5
    $ skillscope skill code-review --json
`;
}
