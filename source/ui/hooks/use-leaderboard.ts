import {freshRollups} from '../../data/rollups/fresh.js';
import {useMemo} from 'react';
import {topSkills, type Period} from '../../data/queries/top.js';
import {scopeOfId} from '../../data/registry/machines.js';
import {filterRows, sortRows, type LeaderboardSort} from '../../domain/leaderboard.js';
import {choiceRange, type WindowChoice} from '../../domain/window-choice.js';
import {drawLeaderboard, leaderboardLines} from '../lines/leaderboard-lines.js';
import {useServices} from '../services.js';
import {queueWrite} from '../write-queue.js';
import type {TriggerFilter} from '../state.js';
import {useAsync} from './use-async.js';

export function periodOf(choice: WindowChoice): Period {
	if (choice.kind === 'bucket') return {kind: 'bucket', window: choice.window, bucketStart: choice.bucketStart};
	return {kind: 'range', ...choiceRange(choice)!};
}

/**
 * Every skill of the window, queried and drawn once per load; a sort or a filter then only
 * reorders drawn lines, so each key press answers without a query or a redraw.
 */
export function useLeaderboard(
	choice: WindowChoice,
	projectId: string | null,
	sort: LeaderboardSort,
	descending: boolean,
	filter: string,
	trigger: TriggerFilter,
	version: number,
	width: number,
) {
	const {database, displayZone} = useServices();
	const loaded = useAsync(async () => {
		await freshRollups(database, {zone: displayZone}, work => queueWrite(database, work));
		const scope = await scopeOfId(database, projectId);
		// A trigger is not in the rollups: topSkills then reads raw rows, over the days of the display zone.
		const report = await topSkills(database, {scope, period: periodOf(choice), limit: 100_000, ...(trigger ? {trigger, zone: displayZone} : {})});
		return drawLeaderboard(report.skills, width, displayZone);
	}, [database, displayZone, choice, projectId, trigger, width], [version]);
	const rows = useMemo(() => (loaded.data ? filterRows(sortRows(loaded.data.skills, sort, descending), filter) : undefined), [loaded.data, sort, descending, filter]);
	const lines = useMemo(() => (loaded.data && rows ? leaderboardLines(loaded.data, rows, sort, descending, width) : undefined), [loaded.data, rows, sort, descending, width]);
	return {...loaded, rows, lines};
}
