import {visible} from '../terminal-text.js';
import {distinctColumn} from './distinct.js';
import {cutAfter, endCut, fitNames} from './names.js';

/*
 * Paths shown by the part that tells them apart (issue 27). Two projects named `XPMotors_IOS`
 * under `/Users/<name>/Desktop/workSpace/…` differ in their middle, and a path cut at its start
 * read `…IOS` for both. A path keeps its start (`~` for the home folder) and its distinguishing
 * tail, the fewest last folders that no other row ends with; the middle is what gives way.
 */

/** `path` with the home folder written `~`, made visible. */
export function homePath(path: string, home?: string): string {
	const inside = home && home !== '/' && (path === home || path.startsWith(`${home.replace(/\/+$/, '')}/`));
	return visible(inside ? `~${path.slice(home.replace(/\/+$/, '').length)}` : path);
}

const folders = (path: string) => path.split('/').filter(part => part.length > 0);

/**
 * Each path's shortest tail of whole folders that no other (different) path ends with: `XPMotors_IOS`
 * when it is the only one so named, `workSpace/XPMotors_IOS` beside `Desktop/XPMotors_IOS`.
 */
export function distinctTails(paths: readonly string[]): string[] {
	const split = paths.map(folders);
	return paths.map((path, index) => {
		const own = split[index]!;
		for (let count = 1; count <= own.length; count++) {
			const tail = own.slice(-count).join('/');
			const shared = paths.some((other, at) => other !== path && split[at]!.slice(-count).join('/') === tail);
			if (!shared) return tail;
		}

		return own.join('/') || path;
	});
}

/**
 * The folder a path's distinguishing tail adds to its last one, for names that are the same on
 * two rows: `workSpace` for `…/workSpace/XPMotors_IOS`, undefined when the name alone is unique.
 */
export function distinguishingParents(paths: readonly string[]): Array<string | undefined> {
	return distinctTails(paths).map(tail => {
		const parts = tail.split('/');
		return parts.length > 1 ? parts.slice(0, -1).join('/') : undefined;
	});
}

/**
 * One path cut to `width` between whole folders: `~/…/` (or `…/`) and as many last folders as fit,
 * the distinguishing tail at least. A folder cut in its middle (`/home…ode/infra`) says less than
 * one left out (`…/code/infra`), and a start of `/t` or `/home` tells no row from another.
 */
function cutPath(path: string, tail: string, width: number): string {
	if (path.length <= width) return path;
	const parts = path.split('/');
	const start = path.startsWith('~/') ? '~/…/' : '…/';
	let whole: string | undefined;
	for (let count = Math.max(1, tail.split('/').length); count < parts.length; count++) {
		const text = `${start}${parts.slice(-count).join('/')}`;
		if (text.length > width) break;
		whole = text;
	}

	return whole ?? cutInside(path, tail, width);
}

/** A path whose distinguishing tail does not fit after `…/`: cut inside its folders. */
function cutInside(path: string, tail: string, width: number): string {
	const kept = Math.min(tail.length + 1, path.length);
	// No room for the start: the end of the path as far as it goes; else the tail alone, its
	// distinguishing parent kept whole (`workSpace/XPMo…`: the name is in a column of its own),
	// or one long folder cut in its middle.
	if (kept + 1 > width) {
		if (tail.length < width) return cutAfter(path, width, 0);
		return tail.includes('/') ? endCut(tail, width) : cutAfter(tail, width, Math.ceil((width - 1) / 2));
	}
	// The start takes up to a third of the room; the end the rest, the distinguishing tail at least.
	const head = Math.max(0, Math.min(Math.ceil((width - 1) / 3), width - 1 - kept));
	return cutAfter(path, width, head);
}

/**
 * A column of paths fitted to `width`: `~` for the home folder, the start and the distinguishing
 * tail kept, the middle cut; different paths never render the same (see `fitNames`).
 */
export function fitPaths(paths: readonly string[], width: number, home?: string): string[] {
	const shown = paths.map(path => homePath(path, home));
	const tails = distinctTails(shown);
	const tailOf = new Map(shown.map((path, index) => [path, tails[index]!]));
	const first = shown.map((path, index) => cutPath(path, tails[index]!, width));
	const heads = Array.from({length: Math.max(0, width)}, (_, index) => index);
	return distinctColumn(shown, width, first, path => [(text: string) => cutPath(text, tailOf.get(path) ?? text, width), ...heads.map(head => (text: string) => cutAfter(text, width, head))]);
}

/**
 * Project names as a column shows them: a name that two projects share gets its distinguishing
 * parent folder beside it (`XPMotors_IOS (workSpace)`), cut first when the column is narrow, then
 * the column fitted as names are (different rows never read the same). `among`: every project the
 * user knows (the registry), when a table holds only some: one shop of three still says which.
 */
export function projectLabels(projects: ReadonlyArray<{name: string; path: string}>, width: number, among: ReadonlyArray<{name: string; path: string}> = []): string[] {
	const pool = [...projects, ...among];
	const places = new Map<string, Set<string>>();
	for (const {name, path} of pool) places.set(name, (places.get(name) ?? new Set()).add(path));
	const paths = [...new Set(pool.map(project => project.path))];
	const parentOf = new Map(distinguishingParents(paths).map((parent, index) => [paths[index]!, parent]));
	const labels = projects.map(({name, path}) => {
		const parent = parentOf.get(path);
		const shown = visible(name);
		if ((places.get(name)?.size ?? 0) < 2 || parent === undefined) return shown;
		const room = width - shown.length - 3;
		const folder = visible(parent);
		return room >= 2 || folder.length <= room ? `${shown} (${folder.length <= room ? folder : cutAfter(folder, Math.max(2, room), 0)})` : `${folder}/${shown}`;
	});
	return fitNames(labels, width);
}
