import {z} from 'zod';
import {countPrunable, pruneOlderThan} from '../data/prune/retention.js';
import {formatCount} from '../domain/format.js';
import {CommandUsageError} from '../errors.js';
import {defineCommand} from './command.js';
import {day, flag} from './options.js';
import {resolveDay} from './resolve.js';

export const prune = defineCommand({
	name: 'prune',
	usage: 'prune --older-than DATE [--yes]',
	summary: 'delete invocations invoked before DATE, then recompute the rollups (asks first; --yes in scripts)',
	options: z.strictObject({
		olderThan: day('Delete the invocations invoked before this day'),
		yes: flag('Delete without asking'),
	}),
	async run(context, options) {
		if (options.olderThan === undefined) throw new CommandUsageError('--older-than is required, e.g. --older-than 90d');
		const before = resolveDay(context, options.olderThan, '--older-than')!;
		if (!options.yes && !context.ask) throw new CommandUsageError('prune deletes invocations for good and stdin is not a terminal to ask; add --yes to confirm');
		const zone = context.displayZone;
		const scope = {before, timezone: zone};
		const report = (deleted: number) => ({deleted_rows: deleted, before, timezone: zone});
		const count = await countPrunable(context.database, scope);
		if (count === 0) return report(0);
		if (!options.yes && context.ask) {
			const answer = await context.ask(`Delete ${formatCount(count)} invocations invoked before ${before} (${zone})? This cannot be undone. [y/N] `);
			if (!/^y(es)?$/i.test(answer.trim())) return {...report(0), declined: true as const};
		}

		return report((await pruneOlderThan(context.database, scope)).deletedRows);
	},
	text(report) {
		if ('declined' in report) return 'Nothing deleted\n';
		if (report.deleted_rows === 0) return `Nothing invoked before ${report.before} (${report.timezone}); nothing deleted\n`;
		return `Deleted ${formatCount(report.deleted_rows)} invocations invoked before ${report.before} (${report.timezone}); aggregates recomputed\n`;
	},
});
