import {z} from 'zod';
import {refreshAggregates} from '../data/rollups/aggregator.js';
import {rollupsAreFresh} from '../data/rollups/fresh.js';
import {formatCount} from '../domain/format.js';
import {defineCommand} from './command.js';
import {flag, timeWindow} from './options.js';

export const aggregate = defineCommand({
	name: 'aggregate',
	usage: 'aggregate [--window W] [--force]',
	summary: 'bring the rollups up to date (--force: recompute all)',
	options: z.strictObject({
		// Every window is rolled up from the same daily pass: --window is only checked.
		window: timeWindow.optional().describe('daily | weekly | monthly | all. Accepted for the design\'s signature: every window is rolled up from the same pass'),
		force: flag('Recompute even when the rollups are up to date (default false)'),
	}),
	async run(context, options) {
		const timezone = context.displayZone;
		if (!options.force && (await rollupsAreFresh(context.database, {zone: timezone}))) return {recomputed: false as const, timezone};
		const result = await refreshAggregates(context.database, {timezone});
		return {recomputed: true as const, rows: result.rows, duration_ms: result.durationMs, timezone};
	},
	text(report) {
		if (!report.recomputed) return `Aggregates are up to date (zone ${report.timezone}); --force recomputes them\n`;
		return `Recomputed ${formatCount(report.rows)} aggregate rows in ${report.duration_ms} ms (zone ${report.timezone})\n`;
	},
});
