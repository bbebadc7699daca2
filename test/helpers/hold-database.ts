import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';

/** Another process holding the database file, as a collect or the explorer would; stops when its stdin ends. */
export async function holdDatabase(file: string) {
	const script = `const {DuckDBInstance} = await import('@duckdb/node-api');
		const db = await DuckDBInstance.create(process.argv[1], JSON.parse(process.argv[2]));
		const connection = await db.connect();
		process.stdout.write('ready\\n');
		process.stdin.resume();
		process.stdin.on('end', () => { connection.closeSync(); db.closeSync(); process.exit(0); });`;
	const holder = spawn(process.execPath, ['--input-type=module', '-e', script, file, JSON.stringify(DUCKDB_OPTIONS)], {stdio: ['pipe', 'pipe', 'inherit']});
	await once(holder.stdout, 'data');
	return {
		pid: holder.pid!,
		async release() {
			holder.stdin.end();
			if (holder.exitCode === null) await once(holder, 'exit');
		},
	};
}
