import {DuckDBInstance} from '@duckdb/node-api';
import {DUCKDB_OPTIONS} from '../source/data/store/duckdb-options.js';
import {collect} from '../source/data/collect/collector.js';
import {Database} from '../source/data/store/database.js';

/**
 * The parts of the benchmark whose peak memory is measured: each runs alone in a fresh process
 * (spawned by run.ts), so that `maxRSS` is theirs and nothing else's. Prints one JSON line.
 */
export interface ChildResult {
	ms: number;
	/** User + system time of the whole process (every thread), from the start of the work. */
	cpuMs?: number;
	maxRssMb: number;
	rows?: number;
	loadMs?: number;
	rollupMs?: number;
	errors?: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

function peakRssMb(): number {
	// resourceUsage().maxRSS is in kilobytes.
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function coldCollect(dbPath: string, naiveZone: string, displayZone: string): Promise<ChildResult> {
	const database = await Database.open(dbPath);
	const started = performance.now();
	const cpu = process.cpuUsage();
	const report = await collect(database, {naiveTimezone: naiveZone, displayTimezone: displayZone});
	// Closing writes what is still in the WAL to the file: part of what a user waits for.
	await database.close();
	const ms = performance.now() - started;
	return {ms, cpuMs: cpuMsSince(cpu), maxRssMb: peakRssMb(), rows: report.totals.collected, errors: report.totals.errors};
}

/** DuckDB's own JSON reader over the same files: one query to load, one to roll up by skill and week. */
async function reference(files: string[]): Promise<ChildResult> {
	const instance = await DuckDBInstance.create(':memory:', {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	const list = `[${files.map(file => `'${file.replaceAll("'", "''")}'`).join(', ')}]`;
	const started = performance.now();
	const cpu = process.cpuUsage();
	await connection.run(`CREATE TABLE ref AS SELECT unnest(invocations, recursive := true)
		FROM read_json(${list}, maximum_object_size = 2000000000)`);
	const loadMs = performance.now() - started;
	const rollupStarted = performance.now();
	const reader = await connection.runAndReadAll(`CREATE TABLE ref_weekly AS
		SELECT skill_name, date_trunc('week', invoked_at::TIMESTAMP) AS week,
			count(*) FILTER (WHERE completed OR duration_seconds IS NOT NULL OR error_type IS NOT NULL) AS total,
			count(*) FILTER (WHERE completed) AS succeeded,
			avg(duration_seconds) FILTER (WHERE completed) AS avg_duration,
			avg(len(follow_up_actions)) AS avg_followups
		FROM ref GROUP BY ALL`);
	void reader;
	const rollupMs = performance.now() - rollupStarted;
	const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ref`);
	const rows = Number(count.getRowObjectsJS()[0]!.n);
	connection.closeSync();
	instance.closeSync();
	return {ms: loadMs + rollupMs, cpuMs: cpuMsSince(cpu), loadMs, rollupMs, rows, maxRssMb: peakRssMb()};
}

const [mode, ...args] = process.argv.slice(2);
const result = mode === 'collect' ? await coldCollect(args[0]!, args[1]!, args[2]!) : await reference(args);
process.stdout.write(`${JSON.stringify(result)}\n`);
