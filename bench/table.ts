import type {Scale} from './generate.js';
import type {ExplorerTimes} from './explorer.js';

export interface ScaleResult {
	scale: Scale;
	bytes: number;
	rows: number;
	coldMs: number;
	/** CPU time (user + system, all threads) of the cold collect and of the reference. */
	coldCpuMs?: number;
	referenceCpuMs?: number;
	coldRssMb: number;
	referenceMs: number;
	referenceLoadMs: number;
	referenceRollupMs: number;
	referenceRssMb: number;
	unchangedMs: number;
	grownMs: number;
	topMs: number;
	weeklyMs: number;
	skillMs: number;
	/** The first drill-down after the collect, which computes the all-projects quantiles. */
	firstSkillMs?: number;
	compareMs: number;
	explorer?: ExplorerTimes;
	/** When this scale ran, and the machine's load averages (1, 5, 15 min) before and after it. */
	date?: string;
	loadBefore?: number[];
	loadAfter?: number[];
}

export interface Machine {
	cpus: string;
	memoryGb: number;
	node: string;
	date: string;
	platform: string;
}

function ms(value: number): string {
	if (!Number.isFinite(value)) return 'not measured';
	return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function row(label: string, cells: string[], target = ''): string {
	return `| ${label} | ${cells.join(' | ')} | ${target} |`;
}

/**
 * The table BENCHMARKS.md holds: one column per scale, the targets of issue 15 (1 M = million,
 * 10 M = large); the cold collect beside its floor, DuckDB's own read_json over the same files.
 */
export function renderMarkdown(results: readonly ScaleResult[], machine: Machine): string {
	const header = `| measure | ${results.map(r => `${r.scale.name} (${r.scale.projects} × ${r.scale.invocations.toLocaleString('en-US')})`).join(' | ')} | target |`;
	const rule = `| --- | ${results.map(() => '---:').join(' | ')} | --- |`;
	const load = (values?: number[]) => (values ? values.map(value => value.toFixed(2)).join(' / ') : '?');
	const runs = results.map(r => `${r.scale.name}: ${r.date ?? machine.date}, load average (1/5/15 min) ${load(r.loadBefore)} before, ${load(r.loadAfter)} after`);
	const lines = [
		'# Benchmarks',
		'',
		'Measured by `npm run bench` (bench/): synthetic projects in the session-buddy tracker',
		'format (variant B, indented like Python\'s `json.dump(indent=2)`), cached in `.bench-cache/`,',
		'each scale collected into a fresh database file. Naive times read, and buckets cut, in',
		'Europe/Berlin. Cold collect and the DuckDB reference run in their own processes (peak RSS is',
		'theirs); query times are the median of 5 runs after a warm-up; everything else is one run.',
		'',
		`Machine: ${machine.cpus}, ${machine.memoryGb} GB RAM, ${machine.platform}; Node ${machine.node}.`,
		'Other work ran on this machine meanwhile; its load while each scale ran (2 cores: a load of 2 is both busy):',
		'',
		...runs.map(line => `- ${line}`),
		'',
		header,
		rule,
		row('source files (total size)', results.map(r => `${(r.bytes / 2 ** 20).toFixed(0)} MB`)),
		row('rows stored', results.map(r => r.rows.toLocaleString('en-US'))),
		row('cold collect + aggregate', results.map(r => ms(r.coldMs))),
		row('floor: DuckDB read_json reference (load + rollup)', results.map(r => `${ms(r.referenceMs)} (${ms(r.referenceLoadMs)} + ${ms(r.referenceRollupMs)})`)),
		row('**cold collect ÷ reference**', results.map(r => `**${(r.coldMs / r.referenceMs).toFixed(2)}×**`), '≤ 1.5× at 1 M, then ≤ 1.0× at 1 M and 10 M'),
		row('cold collect ÷ reference, CPU time (less sensitive to the load)', results.map(r =>
			(r.coldCpuMs && r.referenceCpuMs ? `${(r.coldCpuMs / r.referenceCpuMs).toFixed(2)}× (${ms(r.coldCpuMs)} / ${ms(r.referenceCpuMs)})` : ''))),
		row('peak RSS, cold collect', results.map(r => `${r.coldRssMb} MB`), '≤ 1 GB at 10 M'),
		row('peak RSS, reference', results.map(r => `${r.referenceRssMb} MB`)),
		row('re-collect, nothing changed', results.map(r => ms(r.unchangedMs)), '< 1 s'),
		row('re-collect, one file grew 1 %', results.map(r => ms(r.grownMs)), '≤ 1 s at 10 M (the file: 45 MB)'),
		row('top 10, all time', results.map(r => ms(r.topMs)), '< 50 ms'),
		row('top 10, one week', results.map(r => ms(r.weeklyMs)), '< 50 ms'),
		row('skill drill-down (busiest skill, all projects)', results.map(r => ms(r.skillMs)), '≤ 100 ms at 10 M'),
		row('skill drill-down, the first after the collect (one run)', results.map(r => (r.firstSkillMs === undefined ? '' : ms(r.firstSkillMs))), '≤ 100 ms at 10 M'),
		row('compare (busiest skill)', results.map(r => ms(r.compareMs)), '< 100 ms'),
	];
	if (results.some(r => r.explorer)) {
		const cell = (value: (times: ExplorerTimes) => number) => results.map(r => (r.explorer ? ms(value(r.explorer)) : ''));
		lines.push(
			row('explorer: first frame with rows', cell(times => times.firstFrameMs), '< 1 s'),
			row('explorer: `j` → next frame', cell(times => times.keyMs)),
			row('explorer: Enter → drill-down frame', cell(times => times.drillMs), '≤ 300 ms at 10 M'),
		);
	}

	return `${lines.join('\n')}\n`;
}
