import {addDays, bucketEnd, bucketStart, localDate, stepBucket, type TimeWindow} from './time-window.js';

/** What the explorer's window selector offers: a calendar bucket, or the last N days. */
export type WindowChoice =
	| {kind: 'bucket'; window: TimeWindow; bucketStart: string}
	| {kind: 'last'; days: number; until: string};

export type WindowOption = {label: string; make: (today: string) => WindowChoice};

export const WINDOW_OPTIONS: readonly WindowOption[] = [
	{label: 'All time', make: () => ({kind: 'bucket', window: 'all', bucketStart: bucketStart('all', '1970-01-01')})},
	{label: 'Daily', make: today => ({kind: 'bucket', window: 'daily', bucketStart: today})},
	{label: 'Weekly', make: today => ({kind: 'bucket', window: 'weekly', bucketStart: bucketStart('weekly', today)})},
	{label: 'Monthly', make: today => ({kind: 'bucket', window: 'monthly', bucketStart: bucketStart('monthly', today)})},
	{label: 'Last 7 days', make: today => ({kind: 'last', days: 7, until: today})},
	{label: 'Last 30 days', make: today => ({kind: 'last', days: 30, until: today})},
	{label: 'Last 90 days', make: today => ({kind: 'last', days: 90, until: today})},
];

export function todayIn(zone: string, now: Date): string {
	return localDate(now, zone);
}

/** The previous (-1) or next (+1) bucket or range of the same length. */
export function stepChoice(choice: WindowChoice, steps: number): WindowChoice {
	if (choice.kind === 'last') return {...choice, until: addDays(choice.until, steps * choice.days)};
	return {...choice, bucketStart: stepBucket(choice.window, choice.bucketStart, steps)};
}

/** Inclusive local days covered, or undefined for all time. */
export function choiceRange(choice: WindowChoice): {since: string; until: string} | undefined {
	if (choice.kind === 'last') return {since: addDays(choice.until, -(choice.days - 1)), until: choice.until};
	const end = bucketEnd(choice.window, choice.bucketStart);
	return end === undefined ? undefined : {since: choice.bucketStart, until: end};
}

export function choiceLabel(choice: WindowChoice): string {
	if (choice.kind === 'last') {
		const range = choiceRange(choice)!;
		return `last ${choice.days} days (${range.since} – ${range.until})`;
	}

	switch (choice.window) {
		case 'all': {
			return 'all time';
		}

		case 'daily': {
			return `day ${choice.bucketStart}`;
		}

		case 'weekly': {
			return `week ${choice.bucketStart} – ${bucketEnd('weekly', choice.bucketStart)}`;
		}

		case 'monthly': {
			return `month ${choice.bucketStart.slice(0, 7)}`;
		}
	}
}

/** The label said shorter where room is short: the kind and the start, the dates it implies left out. */
export function shortChoiceLabel(choice: WindowChoice): string {
	if (choice.kind === 'last') return `last ${choice.days} days`;
	return choice.window === 'weekly' ? `week of ${choice.bucketStart}` : choiceLabel(choice);
}

/** Which option of WINDOW_OPTIONS a choice came from, for the selector's cursor. */
export function optionIndex(choice: WindowChoice): number {
	if (choice.kind === 'last') return WINDOW_OPTIONS.findIndex(option => option.label === `Last ${choice.days} days`);
	return ['all', 'daily', 'weekly', 'monthly'].indexOf(choice.window);
}
