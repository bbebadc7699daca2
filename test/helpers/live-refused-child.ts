/**
 * A process whose file descriptors are all taken when live collection starts, so that the system
 * refuses fs.watch (EMFILE) for real: it prints each live event as a JSON line. Once refused, it
 * gives a few descriptors back so that polling and collecting can work. Run by live-refused.test.ts.
 */
import {closeSync, openSync} from 'node:fs';
import {collect} from '../../source/data/collect/collector.js';
import {Database} from '../../source/data/store/database.js';
import {LiveCollector} from '../../source/data/watch/live-collector.js';

const [root, dbPath] = process.argv.slice(2) as [string, string];
const database = await Database.open(dbPath);
const held: number[] = [];
try {
	for (;;) held.push(openSync('/dev/null', 'r'));
} catch {
	// Every descriptor is taken.
}

const live = await LiveCollector.start({
	database,
	claudeRoot: root,
	request: 'auto',
	pollMs: 200,
	collect: async signal => collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root, signal}),
	onEvent(event) {
		if (event.type === 'mode') for (const fd of held.splice(0, 64)) closeSync(fd);
		const line = event.type === 'collected' ? {type: event.type, collected: event.report.totals.collected} : event;
		process.stdout.write(`${JSON.stringify(line)}\n`);
	},
});
process.on('SIGINT', () => {
	void live.stop().then(async () => database.close()).then(() => process.exit(0));
});
