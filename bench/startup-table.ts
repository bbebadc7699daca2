import type {StartupResult, Measured} from './startup.js';
import type {Machine} from './table.js';

/** The start-up section of BENCHMARKS.md (issue 15's process rows), placed before "## Notes". */

export const STARTUP_HEADING = '## Start-up, and calls with nothing to do';

function ms(value: number): string {
	return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function measured(run: Measured): string {
	return `${ms(run.ms)} (CPU ${ms(run.cpuMs)}, ${run.maxRssMb} MB)`;
}

interface Row {
	what: string;
	run: Measured;
	floor?: {name: string; run: Measured; target: number};
	/** A limit in ms of its own (issue 11's), besides or instead of a ratio. */
	limitMs?: number;
	/** The collect's own work, against a limit of its own (issue 11's ≤ 100 ms for one grown turn). */
	work?: {ms: number; limitMs: number};
	note?: string;
}

function line(row: Row): string {
	const ratio = row.floor ? row.run.ms / row.floor.run.ms : undefined;
	const ratioMet = ratio === undefined || ratio <= row.floor!.target;
	const limitMet = (row.limitMs === undefined || row.run.ms <= row.limitMs) && (row.work === undefined || row.work.ms <= row.work.limitMs);
	const targets = [
		row.floor ? `≤ ${row.floor.target} × ${row.floor.name}` : undefined,
		row.limitMs === undefined ? undefined : `≤ ${ms(row.limitMs)}`,
		row.work === undefined ? undefined : `work ≤ ${ms(row.work.limitMs)}`,
	].filter(Boolean);
	const met = targets.length === 0 ? '' : ratioMet && limitMet ? 'met' : '**not met**';
	const cpuRatio = row.floor ? `${(row.run.cpuMs / row.floor.run.cpuMs).toFixed(2)} ×` : '';
	const cells = [row.what, measured(row.run), row.floor ? ms(row.floor.run.ms) : '', ratio === undefined ? '' : `${ratio.toFixed(2)} ×`, cpuRatio, targets.join(', '), met];
	return `| ${cells.join(' | ')} |${row.note ? ` ${row.note} |` : ' |'}`;
}

/** The ratio to the floor that requires the binding, as skillscope does. */
function required(run: Measured, result: StartupResult): string {
	return result.requiredFloor ? `${(run.ms / result.requiredFloor.ms).toFixed(2)} × the required floor` : '';
}

export function startupRows(result: StartupResult): Row[] {
	const node = {name: "`node -e ''`", run: result.nodeFloor};
	const duckdb = {name: 'the DuckDB floor', run: result.duckdbFloor};
	const transcriptFloor = {name: 'the DuckDB floor', run: result.transcriptFloor};
	const rows = result.trackerRows.toLocaleString('en-US');
	return [
		{what: "`node -e ''` (floor of any Node process)", run: result.nodeFloor},
		{what: '`skillscope --version`', run: result.version, floor: {...node, target: 1.5}},
		{what: '`skillscope --help`', run: result.help, floor: {...node, target: 1.5}},
		{what: 'a usage error (`skillscope top --bogus`, exit 2)', run: result.usageError, floor: {...node, target: 1.5}},
		{what: `DuckDB floor: import @duckdb/node-api, open the ${rows}-row database, one count(*)`, run: result.duckdbFloor},
		{what: 'the same, the binding loaded with `require` (as skillscope loads it: no scan of its CommonJS exports)', run: result.requiredFloor},
		{what: `\`top --json\`, ${rows} rows`, run: result.top, floor: {...duckdb, target: 1.3}, note: required(result.top, result)},
		{what: `\`skill ${result.skill.name} --json\`, ${rows} rows`, run: result.skill, floor: {...duckdb, target: 1.3}, note: required(result.skill, result)},
		{
			what: `\`collect --json\`, nothing changed, ${MILLION_LABEL} tracker projects`,
			run: result.trackerUnchanged,
			floor: {...duckdb, target: 1.2},
			note: `work ${ms(result.trackerUnchanged.workMs)}; ${required(result.trackerUnchanged, result)}`,
		},
		{what: 'DuckDB floor, the transcript database (transcripts-small)', run: result.transcriptFloor},
		{what: '`collect --json`, nothing changed, transcripts-small', run: result.transcriptUnchanged, floor: {...transcriptFloor, target: 1.2}, limitMs: 500, note: `work ${ms(result.transcriptUnchanged.workMs)}`},
		{
			what: '`collect --json` after one session grew by one turn, transcripts-small',
			run: result.transcriptGrown,
			limitMs: 500,
			work: {ms: result.transcriptGrown.workMs, limitMs: 100},
			note: `work ${ms(result.transcriptGrown.workMs)}; rows new: ${result.transcriptGrown.collected} (the turn holds 1)`,
		},
	];
}

const MILLION_LABEL = '20 × 50,000';

export function renderStartupMarkdown(result: StartupResult, machine: Machine): string {
	const load = (values: number[]) => values.map(value => value.toFixed(2)).join(' / ');
	return [
		STARTUP_HEADING,
		'',
		'Whole processes as a user starts them (bench/startup.ts), each beside a floor measured in the same rounds:',
		"`node -e ''` for the calls that need no database; for the others a script that imports `@duckdb/node-api`",
		'(an ESM import, as the issue defines it), opens the same database and runs one `SELECT count(*)`. Each figure is',
		`the median of ${result.runs} rounds, a round running every process of its group once (after one warm-up round), so that`,
		'a load drifting over the minutes weighs on a command and its floor alike. Wall time; CPU is user + system; peak RSS',
		'from GNU time; under load, wall time also counts the waits for a core, so the ratio of CPU times is the steadier',
		'figure (the targets are of wall time; GNU time counts CPU in 10 ms steps, coarse beside a 60 ms process). The tracker database is 20 × 50,000 generated invocations collected once and cached; every call runs',
		'with `--timezone Europe/Berlin --naive-timezone Europe/Berlin`, the zone the rollups were built in.',
		'',
		`Machine: ${machine.cpus}, ${machine.memoryGb} GB RAM, ${machine.platform}; Node ${machine.node}. Ran ${result.date},`,
		`load average (1/5/15 min) ${load(result.loadBefore)} before, ${load(result.loadAfter)} after (2 cores: a load of 2 is both busy).`,
		'',
		'| measure | whole process | floor | ratio | ratio of CPU | target (wall) | | note |',
		'| --- | ---: | ---: | ---: | ---: | --- | --- | --- |',
		...startupRows(result).filter(row => row.run !== undefined).map(line),
		'',
	].join('\n');
}

function sectionBounds(markdown: string): {at: number; end: number} | undefined {
	const at = markdown.indexOf(`\n${STARTUP_HEADING}`);
	if (at < 0) return undefined;
	const next = markdown.indexOf('\n## ', at + 1);
	return {at: at + 1, end: next < 0 ? markdown.length : next + 1};
}

/** The start-up section a BENCHMARKS.md holds, if any: kept when this run measured none. */
export function startupSectionOf(markdown: string): string | undefined {
	const bounds = sectionBounds(markdown);
	return bounds ? markdown.slice(bounds.at, bounds.end) : undefined;
}

/** `markdown` with its start-up section (if any) replaced by `section`, placed before "## Notes". */
export function withStartupSection(markdown: string, section: string | undefined): string {
	const bounds = sectionBounds(markdown);
	const without = bounds ? markdown.slice(0, bounds.at) + markdown.slice(bounds.end) : markdown;
	if (section === undefined) return without;
	const chosen = section;
	const notes = without.indexOf('\n## Notes');
	const before = notes < 0 ? without.replace(/\n*$/, '\n') : without.slice(0, notes + 1);
	const after = notes < 0 ? '' : without.slice(notes + 1);
	return `${before.replace(/\n*$/, '\n\n')}${chosen.replace(/\n*$/, '\n')}${after ? `\n${after}` : ''}`;
}
