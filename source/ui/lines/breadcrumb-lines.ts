import {fitName} from '../../domain/fit/names.js';

/*
 * The breadcrumbs on one line (issue 27): where the user is, the window and the scope. Cut at the
 * end, a long trail lost the window and the scope first ("… › Versions  ·  wee…"). What gives
 * way is what is least lost, in this order: the wide gaps, the window's dates that its kind says
 * again, the scope's name said twice (a drill-down names it in its trail), the screens passed
 * through (their titles, not the skill's name), the end of the scope's name, then every crumb
 * before the current one; the current screen's name is cut last.
 */

export interface BreadcrumbParts {
	trail: string;
	gap: string;
	window: string;
	scope: string;
}

export interface BreadcrumbInput {
	trail: readonly string[];
	window: string;
	/** The window said shorter, its kind and start: `week of 2026-11-16`. */
	shortWindow: string;
	/** `project `, `machine ` or nothing (all active projects), before the scope's name. */
	scopePrefix: string;
	scopeName: string;
	/** Screen titles: crumbs that give way before a skill's name. */
	titles: ReadonlySet<string>;
}

const ARROW = ' › ';
const SKIPPED = '…';

/** The crumbs with those `dropped` (by index) said once as … where they stood. */
function joinKept(trail: readonly string[], dropped: (index: number) => boolean): string {
	const parts: string[] = [];
	for (const [index, crumb] of trail.entries()) {
		if (!dropped(index)) parts.push(crumb);
		else if (parts.at(-1) !== SKIPPED) parts.push(SKIPPED);
	}

	return parts.join(ARROW);
}

/** The breadcrumbs' parts fitted to `width`, never reaching its last column. */
export function fitBreadcrumbs(input: BreadcrumbInput, width: number): BreadcrumbParts {
	const room = width - 1;
	const {trail, titles, scopePrefix, scopeName} = input;
	const last = trail.length - 1;
	// A drill-down scoped to a project ends its trail with the project's name: the scope says it too.
	const twice = trail.length > 1 && scopePrefix !== '' && trail[last] === scopeName;
	const own = twice ? trail.slice(0, -1) : trail;
	const ownLast = own.length - 1;
	const scope = (name: string) => `${scopePrefix}${name}`;
	const steps: Array<{trail: string; gap: string; window: string; scopeRoom?: true}> = [
		{trail: trail.join(ARROW), gap: '  ·  ', window: input.window},
		{trail: trail.join(ARROW), gap: ' · ', window: input.window},
		{trail: trail.join(ARROW), gap: ' · ', window: input.shortWindow},
		{trail: own.join(ARROW), gap: ' · ', window: input.shortWindow},
		{trail: joinKept(own, index => index < ownLast && titles.has(own[index]!)), gap: ' · ', window: input.shortWindow},
		{trail: joinKept(own, index => index < ownLast && titles.has(own[index]!)), gap: ' · ', window: input.shortWindow, scopeRoom: true},
		{trail: joinKept(own, index => index < ownLast), gap: ' · ', window: input.shortWindow, scopeRoom: true},
	];
	const minimum = Math.min(scopeName.length, 12);
	for (const step of steps) {
		const fixed = step.trail.length + step.gap.length * 2 + step.window.length + scopePrefix.length;
		if (fixed + scopeName.length <= room) return {...step, scope: scope(scopeName)};
		if (step.scopeRoom && room - fixed >= minimum) return {...step, scope: scope(fitName(scopeName, room - fixed))};
	}

	// Only the current screen's name is left to cut: the scope keeps its least.
	const before = own.length > 1 ? `${SKIPPED}${ARROW}` : '';
	const fixed = before.length + 6 + input.shortWindow.length + scopePrefix.length + minimum;
	return {trail: `${before}${fitName(own[ownLast]!, Math.max(1, room - fixed))}`, gap: ' · ', window: input.shortWindow, scope: scope(fitName(scopeName, minimum))};
}
