import {z} from 'zod';
import {freshRollups} from '../data/rollups/fresh.js';
import {adoption as adoptionOf, type AdoptionReport} from '../data/queries/adoption.js';
import {fitNames} from '../domain/fit/names.js';
import {formatCount, formatInstant, truncate} from '../domain/format.js';
import {bucketStart} from '../domain/time-window.js';
import {NAME_WIDTH, scopeLabel} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {day, machine, project, timeWindow} from './options.js';
import {resolveDay, resolveScope, today} from './resolve.js';

export const adoption = defineCommand({
	name: 'adoption',
	usage: 'adoption [--window W] [--at DATE] [--project P] [--machine M]',
	summary: 'when each skill was first used; the new ones',
	options: z.strictObject({
		window: timeWindow.optional().describe('daily | weekly | monthly: the day, week or month holding `at`; all: all time (default)'),
		at: day('Which bucket of the window: the one holding this day (default today; ignored for all)'),
		project,
		machine,
	}),
	async run(context, options) {
		const window = options.window ?? 'all';
		const at = resolveDay(context, options.at, '--at') ?? today(context);
		const scope = await resolveScope(context, options.project, options.machine);
		await freshRollups(context.database, {zone: context.displayZone});
		return {...(await adoptionOf(context.database, {scope, window, bucketStart: bucketStart(window, at), timezone: context.displayZone})), ...machineJson(scope)};
	},
	text(report, view) {
		const title = `Adoption, ${scopeLabel(report.project, report.machine)}`;
		if (report.skills.length === 0) return `${title}\nNo invocations collected yet.\n`;
		const table = (rows: AdoptionReport['skills']) => {
			const names = fitNames(rows.map(row => row.skill_name), NAME_WIDTH);
			return view.table(rows.map((row, index) => ({
				skill: names[index]!,
				'first used': formatInstant(row.first_used, view.displayZone),
				'first in': truncate(row.first_project ?? '', 24),
				uses: formatCount(row.total_invocations),
			})));
		};
		const period = report.window === 'all' ? 'all time' : `${report.bucket_start} to ${report.bucket_end}`;
		const fresh = report.new_in_window.length === 0 ? 'none' : `\n${table(report.new_in_window)}`;
		const all = report.window === 'all' ? '' : `\n\nAll skills, by first use\n${table(report.skills)}`;
		return `${title}\nNew in ${period}: ${fresh}${all}\n`;
	},
});
