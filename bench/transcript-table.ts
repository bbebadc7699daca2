import type {Machine} from './table.js';
import type {Beside, CollectRun, Measured, SkillscopeRuns, TranscriptResult} from './transcripts.js';

/** The "Claude Code transcripts" section of BENCHMARKS.md: one column per transcript scale, targets from issue 11. */

const NOT_YET = 'not yet measured';

function ms(value: number): string {
	if (!Number.isFinite(value)) return '?';
	return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function mb(bytes: number): string {
	return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GB` : `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function count(value: number): string {
	return value.toLocaleString('en-US');
}

function process_(run: Measured): string {
	return `${ms(run.ms)} (CPU ${ms(run.cpuMs)})`;
}

function columnName(result: TranscriptResult): string {
	const {scale} = result;
	if (scale.hugeFileBytes !== undefined) return `${scale.name} (one ${mb(result.tree.bytes)} file)`;
	return `${scale.name} (${scale.projects} × ${scale.sessionsPerProject}, ${mb(result.tree.bytes)})`;
}

function row(label: string, cells: string[], target = ''): string {
	return `| ${label} | ${cells.join(' | ')} | ${target} |`;
}

export function renderTranscriptMarkdown(results: readonly TranscriptResult[], machine: Machine): string {
	const load = (values?: number[]) => (values && values.length > 0 ? values.map(value => value.toFixed(2)).join(' / ') : '?');
	const skillscope = (cell: (runs: NonNullable<TranscriptResult['skillscope']>, result: TranscriptResult) => string) =>
		results.map(result => (result.skillscope && !result.notMeasured ? cell(result.skillscope, result) : NOT_YET));
	const collect = (run: CollectRun) => `${ms(run.ms)} (CPU ${ms(run.cpuMs)})${run.exitCode === 0 ? '' : `, exit ${run.exitCode}`}`;
	const lines = [
		'## Claude Code transcripts',
		'',
		'A generated transcript tree shaped like a real `~/.claude` (bench/generate-transcripts.ts, modelled on',
		'samples/claude-code/): `projects/<encoded cwd>/<sessionId>.jsonl`, one JSON object a line with the real line types',
		'(user, assistant lines sharing `message.id` and repeating `usage`, tool_use/tool_result, hook and agent `progress`,',
		'`system` stop_hook_summary/turn_duration/compact_boundary, file-history-snapshot, queue-operation); sessions of',
		'~60 KB and ~70 lines (real lines average 1.1–1.8 KB, so ~500 lines would be ~600 KB a session: the sizes of the',
		'scales were kept), a tenth with subagent files, one tool call in six a `Skill` (16 % of them failing with the real texts:',
		'`Unknown skill`, disable-model-invocation, a preprocessing Bash failure, a user rejection, a sibling error, an',
		'InputValidationError), user-typed `/name` skills and commands with their isMeta body, built-ins, compactions,',
		'3 % resumed sessions (the previous session copied under a new id), a few 1–5 MB screenshot lines. Every',
		'session\'s `cwd` is a real directory (15 % launched in `packages/core`), registered with `skillscope register`.',
		'',
		'Each tool runs as the whole process a user starts, on the same tree in the same run, after one read of every',
		'file (page cache warm for both): ccusage 20.0.24 `daily --json --offline` (its npm launcher, which starts the',
		'bundled Rust binary; the binary alone on the next line), skillscope `collect --db <fresh> --json`. Wall time;',
		'CPU is user + system (above wall when both cores worked; under load, wall also counts the waits for a core, so',
		'CPU is the steadier figure); peak RSS from GNU time. One run each; `node -e \'\'` is the median of 5. "Collect',
		'work" is the collect\'s own `totals.duration_ms`.',
		'',
		`Machine: ${machine.cpus}, ${machine.memoryGb} GB RAM, ${machine.platform}; Node ${machine.node}. Load while each scale ran (2 cores):`,
		'',
		...results.map(r => `- ${r.scale.name}: ${r.date}, load average (1/5/15 min) ${load(r.loadBefore)} before, ${load(r.loadAfter)} after`),
		...results.filter(r => r.notMeasured).map(r => `- ${r.scale.name}: skillscope ${NOT_YET}: ${r.notMeasured}`),
		'',
		`| measure | ${results.map(columnName).join(' | ')} | target |`,
		`| --- | ${results.map(() => '---:').join(' | ')} | --- |`,
		row('files (sessions + subagent files)', results.map(r => `${count(r.tree.mainFiles)} + ${count(r.tree.subagentFiles)}${r.tree.counts.compactionFiles ? ` (${count(r.tree.counts.compactionFiles)} of them the compaction agent's)` : ''}`)),
		row('lines', results.map(r => count(r.tree.lines))),
		row('invocations in the tree (model + subagent + user-typed)', results.map(r => `${count(r.tree.expectedRows)} (${count(r.tree.counts.modelSkills)} + ${count(r.tree.counts.subagentSkills)} + ${count(r.tree.counts.userSkills + r.tree.counts.userCommands)})`)),
		row('`node -e \'\'` (floor of a Node process)', results.map(r => `${ms(r.nodeFloor.ms)}, ${r.nodeFloor.maxRssMb} MB`)),
		row('`skillscope --version` (floor of a skillscope process)', results.map(r => (r.versionFloor ? `${ms(r.versionFloor.ms)}, ${r.versionFloor.maxRssMb} MB` : '?'))),
		row('ccusage daily --json --offline', results.map(r => process_(r.ccusage))),
		row('ccusage, native binary alone', results.map(r => process_(r.ccusageNative))),
		row('ccusage peak RSS', results.map(r => `${r.ccusage.maxRssMb} MB`)),
		row('skillscope collect, cold, whole process', skillscope(runs => collect(runs.cold))),
		row('**skillscope cold ÷ ccusage**', skillscope((runs, r) => `**${(runs.cold.ms / r.ccusage.ms).toFixed(2)}×**`), '≤ 1.0× (both scales)'),
		row('skillscope cold ÷ ccusage, CPU time (less sensitive to the load)', skillscope((runs, r) => `${(runs.cold.cpuMs / r.ccusage.cpuMs).toFixed(2)}×`)),
		row('skillscope cold: collect work', skillscope(runs => ms(runs.cold.workMs))),
		row('skillscope peak RSS, cold', skillscope(runs => `${runs.cold.maxRssMb} MB`), '≤ 400 MB at 150 MB; flat as the tree grows'),
		row('rows collected, cold (errors)', skillscope((runs, r) => `${count(runs.cold.collected)}${runs.cold.collected === r.tree.expectedRows ? '' : ` of ${count(r.tree.expectedRows)}`} (${runs.cold.errors})`), 'every invocation; the 1.5 GB file collected'),
		row('collect again, nothing changed (work)', skillscope(runs => `${ms(runs.unchanged.ms)} (${ms(runs.unchanged.workMs)})`)),
		row('one session grew by one turn: whole process', skillscope(runs => collect(runs.grown)), '≤ 0.5 s'),
		row('one session grew by one turn: collect work (rows new + updated)', skillscope(runs => `${ms(runs.grown.workMs)} (${runs.grown.collected} + ${runs.grown.updated})`), '≤ 0.1 s'),
		row('skillscope register, one process a project', skillscope((runs, r) => `${ms(runs.registerMs)} for ${r.scale.projects}`)),
		...besideRows(results),
	];
	return `${lines.join('\n')}\n`;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

const least = (values: readonly number[]) => Math.min(...values);

/**
 * This build ÷ the build before outcomes: the fastest run of each (other work on the machine only
 * ever adds time: a load spike in one run moved the means by a quarter), wall and CPU; the means
 * and every run beside it.
 */
function ratio(beside: Beside, pick: (runs: SkillscopeRuns) => CollectRun): string {
	const now = beside.now.map(pick);
	const before = beside.before.map(pick);
	const wall = least(now.map(run => run.ms)) / least(before.map(run => run.ms));
	const cpu = least(now.map(run => run.cpuMs)) / least(before.map(run => run.cpuMs));
	const meanRatio = mean(now.map(run => run.ms)) / mean(before.map(run => run.ms));
	const runs = (list: readonly CollectRun[]) => list.map(run => ms(run.ms)).join(', ');
	return `**${wall.toFixed(2)}×** (CPU ${cpu.toFixed(2)}×; means ${meanRatio.toFixed(2)}×): ${ms(least(now.map(run => run.ms)))} against ${ms(least(before.map(run => run.ms)))} (runs ${runs(now)} against ${runs(before)})`;
}

/** Issue 20's cost: reading outcomes, bodies and listings beside the build that read none, in one run. */
function besideRows(results: readonly TranscriptResult[]): string[] {
	if (!results.some(result => result.beside)) return [];
	const cells = (cell: (beside: Beside) => string) => results.map(result => (result.beside ? cell(result.beside) : NOT_YET));
	return [
		row('build before outcomes (turns N B B N; each build\'s fastest run)', cells(beside => `\`${beside.commit.slice(0, 12)}\``)),
		row('cold collect, this build ÷ the build before', cells(beside => ratio(beside, runs => runs.cold)), '≤ 1.10×'),
		row('one grown turn, this build ÷ the build before', cells(beside => ratio(beside, runs => runs.grown)), '≤ 1.10×'),
		row('`versions` of the most used skill (work, median of 5)', cells(beside => `${ms(beside.versionsMs)} (${beside.versionsOf}: ${beside.versionsCount} versions)`), '≤ 100 ms'),
	];
}
