import os from 'node:os';
import type {TeamBenchResult} from './team.js';

const HEADING = '## Team server';

const time = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const load = (values: readonly number[]) => values.map(value => value.toFixed(2)).join(' / ');
const count = (value: number) => value.toLocaleString('en');

export function renderTeamMarkdown(result: TeamBenchResult): string {
	const cpus = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`;
	const {team, lake, top, lakeTop} = result;
	const lines = [
		HEADING,
		'',
		`\`npm run bench -- --scale team\` (issue 24): ${result.server} on loopback (the tests' server: its own temp folder, fsync and synchronous_commit off, shared_buffers 64 MB), one machine of ${count(result.rows)} invocations over 20 projects and 12 months made by SQL, in the bench's process; the lake folder beside it on the same disk. One run each, wall-clock; tops are the median of 5 after one warm-up.`,
		'',
		`- ${result.date}, ${cpus}, Node ${process.version}; load average (1/5/15 min) ${load(result.loadBefore)} before, ${load(result.loadAfter)} after`,
		'',
		'| | team (PostgreSQL) | lake (Parquet folder) |',
		'| --- | --- | --- |',
		`| push of ${count(result.rows)} (the first) | ${time(team.pushMs)} | ${time(lake.pushMs)} |`,
		`| push again, nothing changed | ${time(team.sameMs)} | ${time(lake.sameMs)} |`,
		`| push after ${count(result.grownRows)} more (1 %) | ${time(team.grownMs)} | ${time(lake.grownMs)} |`,
		`| size after those pushes | ${count(team.serverMb)} MB (database; invocations ${count(team.invocationsMb)} MB, skill_daily ${count(team.dailyRows)} rows) | ${count(lake.folderMb)} MB |`,
		`| pull of ${count(result.rows + result.grownRows)} into a fresh database | ${time(team.pullMs)} | ${time(lake.pullMs)} |`,
		`| top 10 over ${count(top.invocations)} (10 machines), all time | ${time(top.allMs)} (skill_daily: ${count(top.dailyRows)} rows, ${count(top.dailyMb)} MB; database ${count(top.serverMb)} MB) | ${time(lakeTop.allMs)} (DuckDB over ${count(lakeTop.files)} files, ${count(lakeTop.folderMb)} MB) |`,
		`| team top, one month / one machine | ${time(top.monthMs)} / ${time(top.machineMs)} | |`,
		`| team top, the whole call (connect, schema check, query) | ${time(top.callMs)} | |`,
		`| local top after the pull (${count(result.rows + result.grownRows)}) | ${time(result.localTopMs)} | |`,
		'',
		'A push sends only the project months whose digest changed (the second push sends nothing; the grown one the 20 months that took the new rows) and writes in one server transaction; a lake push writes every file again. A pull upserts through the lake\'s own code, then refreshes the rollups: the same work for both routes once the rows are here. The 10 M server is the machine\'s rows and days copied under nine more machine ids (what nine more pushes would leave); `team top` reads skill_daily only, the lake\'s top reads every row of every file.',
		'',
	];
	return lines.join('\n');
}

/** BENCHMARKS.md with its team section replaced (or added at the end); every other section as it was. */
export function withTeamSection(previous: string, section: string): string {
	const start = previous.indexOf(`\n${HEADING}\n`);
	if (start < 0) return `${previous.replace(/\n*$/, '\n')}\n${section}`;
	const next = previous.indexOf('\n## ', start + 1);
	const rest = next < 0 ? '' : previous.slice(next);
	return `${previous.slice(0, start + 1)}${section}${rest}`;
}
