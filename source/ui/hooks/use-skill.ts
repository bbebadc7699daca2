import {skillEffectiveness} from '../../data/queries/skill.js';
import {cousage} from '../../data/queries/cousage.js';
import {nextSkills} from '../../data/queries/next-skill.js';
import {skillTrend, skillTrendReport} from '../../data/queries/trend.js';
import {findProjectById} from '../../data/registry.js';
import {bucketStart, type TimeWindow} from '../../domain/time-window.js';
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
	const {database, displayZone, now} = useServices();
	return useAsync(async () => {
		if (skill === null) return undefined;
		const project = projectId ? await findProjectById(database, projectId) : undefined;
		const range = choiceRange(choice);
		const report = await skillEffectiveness(database, skill, {project}, range && {...range, zone: displayZone});
		const window = trendWindow(choice);
		const lastDay = range?.until ?? todayIn(displayZone, now());
		const count = choice.kind === 'last' ? Math.min(choice.days, 90) : TREND_BUCKETS;
		const trend = await skillTrend(database, skill, {project}, window, bucketStart(window, lastDay), count);
		// The direction looks at the last 8 buckets with data up to the window's end, wherever they are.
		const direction = await skillTrendReport(database, skill, {project}, window, {until: lastDay});
		const sessions = {scope: {project}, range: range && {...range, zone: displayZone}, limit: SESSION_LIST_LENGTH};
		const together = await cousage(database, {...sessions, skill});
		const next = await nextSkills(database, skill, sessions);
		return {report, trend, trendWindow: window, direction, together, next};
	}, [database, displayZone, skill, choice, projectId, version]);
}
