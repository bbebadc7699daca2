import type {ProjectReport} from './types.js';

/** Per project report: the span of `invoked_at` of the rows inserted or updated, for the rollups. */
export const changedRanges = new WeakMap<ProjectReport, {fromUs: number; toUs: number}>();

/** Reports of projects whose rows moved between projects: their rollups are recomputed whole. */
export const movedProjects = new WeakSet<ProjectReport>();

/** Widens the report's changed span to hold [fromUs, toUs]. */
export function addChangedRange(report: ProjectReport, fromUs: number, toUs: number): void {
	const range = changedRanges.get(report);
	changedRanges.set(report, {
		fromUs: Math.min(range?.fromUs ?? Number.POSITIVE_INFINITY, fromUs),
		toUs: Math.max(range?.toUs ?? Number.NEGATIVE_INFINITY, toUs),
	});
}
