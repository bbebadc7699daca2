import os from 'node:os';
import type {LiveResult} from './live.js';

const HEADING = '## Live collection';

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`);
const load = (values: readonly number[]) => values.map(value => value.toFixed(2)).join(' / ');

export function renderLiveMarkdown(result: LiveResult): string {
	const cpus = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`;
	const lines = [
		HEADING,
		'',
		`\`npm run bench -- --scale live\`: the explorer (ink-testing-library, in the bench's process) open on the leaderboard, filtered to one skill, over the transcripts-small tree (${result.tree.files} files in ${result.tree.projects} projects, ${(result.tree.bytes / 2 ** 20).toFixed(0)} MB); one turn with one Skill call appended at a time, ${result.runs[0]?.appends ?? 0} times, 1 s apart, each timed from the write to the first frame that counts it; then the whole process's CPU over ${result.runs[0]?.idleSeconds.toFixed(0) ?? '30'} s with nothing changing.`,
		'',
		`- ${result.date}, ${cpus}, Node ${process.version}; load average (1/5/15 min) ${load(result.loadBefore)} before, ${load(result.loadAfter)} after`,
		'',
		'| mode | append → on the leaderboard p50 | p99 | target | a key while a collect runs (median of 5) | idle CPU | target |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...result.runs.map(run => {
			const mode = run.request === 'poll' ? 'polling (stat every 2 s)' : 'watch (fs.watch per folder)';
			const target = run.request === 'poll' ? '(fallback)' : '≤ 1 s / ≤ 2 s';
			const key = `${ms(run.keyDuringCollectMs)} (${run.keysBeforeCollectEnded} of 5 drawn before the collect ended)`;
			return `| ${mode} | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${target} | ${key} | ${run.idleCpuPercent.toFixed(run.idleCpuPercent < 0.1 ? 3 : 2)} % of a core | ${run.request === 'poll' ? '(fallback)' : '≤ 1 %'} |`;
		}),
		'',
		'An append\'s time is the 300 ms of quiet the debounce waits for, one incremental collect of the whole tree (most of the rest: every file listed and stat-ed, the grown file\'s new lines read, the rollups brought forward), then the leaderboard\'s query and frame; polling adds up to 2 s until its next look. The key column: `?` pressed 350 ms after a write, while the collect it caused runs (the footer\'s time had not moved yet when the help was drawn).',
		'',
		...result.runs.map(run => `- ${run.request === 'poll' ? 'polling' : 'watch'}, each append in ms: ${run.latenciesMs.map(value => value.toFixed(0)).join(', ')}`),
		'',
	];
	return lines.join('\n');
}

/** BENCHMARKS.md with its live section replaced (or added at the end); every other section as it was. */
export function withLiveSection(previous: string, section: string): string {
	const start = previous.indexOf(`\n${HEADING}\n`);
	if (start < 0) return `${previous.replace(/\n*$/, '\n')}\n${section}`;
	const next = previous.indexOf('\n## ', start + 1);
	const rest = next < 0 ? '' : previous.slice(next);
	return `${previous.slice(0, start + 1)}${section}${rest}`;
}
