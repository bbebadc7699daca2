import {skillWithVersions} from '../../data/queries/skill.js';
import {cousage} from '../../data/queries/cousage.js';
import {nextSkills} from '../../data/queries/next-skill.js';
import {skillTrend, skillTrendReport} from '../../data/queries/trend.js';
import {installedTraits} from '../../data/inventory/inventory.js';
import {scopeOfId} from '../../data/registry/machines.js';
import {bucketStart, stepBucket, type TimeWindow} from '../../domain/time-window.js';
import {choiceRange, todayIn, type WindowChoice} from '../../domain/window-choice.js';
import {useServices} from '../services.js';
import {useAsync} from './use-async.js';

/** How many buckets the drill-down's sparkline shows. */
export const TREND_BUCKETS = 12;
/** How many companions and successors the drill-down lists. */
export const SESSION_LIST_LENGTH = 5;

/** The sparkline's buckets: those of the chosen window; months for all time; days for a range. */
function trendWindow(choice: WindowChoice): Exclude<TimeWindow, 'all'> {
	if (choice.kind === 'last') return 'daily';
	return choice.window === 'all' ? 'monthly' : choice.window;
}

export function useSkill(skill: string | null, choice: WindowChoice, projectId: string | null, version: number) {
	const {database, displayZone, now, claudeRoot} = useServices();
	return useAsync(async () => {
		if (skill === null) return undefined;
		const scope = await scopeOfId(database, projectId);
		const range = choiceRange(choice);
		const installed = await installedTraits(database, claudeRoot, skill);
		const {report, versions} = await skillWithVersions(database, skill, scope, range && {...range, zone: displayZone}, installed);
		const window = trendWindow(choice);
		const lastDay = range?.until ?? todayIn(displayZone, now());
		const count = choice.kind === 'last' ? Math.min(choice.days, 90) : TREND_BUCKETS;
		// One series from the first use to the window's end: the direction reads its last 8 buckets
		// with data, the sparkline its last `count` buckets (empty ones before the first use).
		const direction = await skillTrendReport(database, skill, scope, window, {until: lastDay});
		const recent = direction.trend.slice(-count);
		const empty = {total_invocations: 0, successful_completions: 0, success_rate: null, avg_duration_ms: null, clean_rate: null};
		const trend = [
			...Array.from({length: count - recent.length}, (_, index) => ({...empty, bucket_start: stepBucket(window, recent[0]?.bucket_start ?? bucketStart(window, lastDay), index - (count - recent.length))})),
			...recent,
		];
		const sessions = {scope, range: range && {...range, zone: displayZone}, limit: SESSION_LIST_LENGTH};
		const together = await cousage(database, {...sessions, skill});
		const next = await nextSkills(database, skill, sessions);
		// Clean rate per week, whatever the window's buckets (issue 20), and the versions it ran.
		const cleanTrend = await skillTrend(database, skill, scope, 'weekly', bucketStart('weekly', lastDay), TREND_BUCKETS);
		return {report, trend, trendWindow: window, direction, together, next, cleanTrend, versions};
	}, [database, displayZone, claudeRoot, skill, choice, projectId], [version]);
}
