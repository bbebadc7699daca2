import {z} from 'zod';
import type {PullReport} from '../data/lake/pull.js';
import type {PushReport} from '../data/lake/push.js';
import {defineCommand} from './command.js';
import {anonymizeOption, lakeDir, mirrorOption, pull, pullText, push, pushText} from './lake.js';

export const sync = defineCommand({
	name: 'sync',
	usage: 'sync <DIR> [--anonymize] [--mirror]',
	summary: 'lake push then lake pull: this machine\'s invocations into DIR, every other machine\'s into this database',
	positionals: [{key: 'dir', label: '<DIR>'}],
	options: z.strictObject({dir: lakeDir, anonymize: anonymizeOption, mirror: mirrorOption}),
	async run(context, options): Promise<{push: PushReport; pull: PullReport}> {
		const pushed = await push(context, options.dir, Boolean(options.anonymize));
		return {push: pushed, pull: await pull(context, options.dir, Boolean(options.mirror))};
	},
	text(report, view) {
		return pushText(report.push, view) + pullText(report.pull);
	},
	partial: report => report.pull.skipped.length + report.pull.dropped.length > 0,
});
