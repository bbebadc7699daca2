import {visible} from '../terminal-text.js';
import {distinctColumn} from './distinct.js';

/*
 * Names cut to a column so that what tells them apart survives (issue 27). A plugin's skill is
 * `plugin:skill`, and a family of them shares the plugin: cutting the end left
 * `project-reade…` for all of `project-reader:diagnose`, `:read` and `:cpp`. The skill part is
 * what a person reads, so it stays whole and the plugin gives way first (`project-r…:diagnose`).
 */

const CUT = '…';

/** `text` cut at its end to `width`, the cut marked. */
export function endCut(text: string, width: number): string {
	if (text.length <= width) return text;
	if (width <= 0) return '';
	return `${text.slice(0, width - 1)}${CUT}`;
}

/** `text` cut to `width` keeping its first `head` characters and as much of its end as fits. */
export function cutAfter(text: string, width: number, head: number): string {
	if (text.length <= width) return text;
	if (width <= 1) return CUT.slice(0, Math.max(0, width));
	const kept = Math.max(0, Math.min(head, width - 1));
	return `${text.slice(0, kept)}${CUT}${text.slice(text.length - (width - 1 - kept))}`;
}

/** Where a plugin's name ends and its skill's begins: `plugin:skill`, both parts non-empty. */
export function pluginSplit(name: string): {plugin: string; skill: string} | undefined {
	const colon = name.indexOf(':');
	if (colon <= 0 || colon === name.length - 1) return undefined;
	return {plugin: name.slice(0, colon), skill: name.slice(colon + 1)};
}

/**
 * One name cut to `width` on its own: a plugin's skill keeps its skill part and shortens the
 * plugin (down to its first letter, then to `…:`); any other name is cut at its end.
 */
export function fitName(name: string, width: number): string {
	const shown = visible(name);
	if (shown.length <= width) return shown;
	const parts = pluginSplit(shown);
	if (!parts) return endCut(shown, width);
	const room = width - parts.skill.length - 1;
	if (room >= 2) return `${endCut(parts.plugin, room)}:${parts.skill}`;
	// The skill part does not fit whole: its middle gives way, the plugin keeps a letter or two.
	const plugin = width >= 12 ? 3 : width >= 4 ? 1 : 0;
	if (plugin === 0) return endCut(shown, width);
	const skillRoom = width - plugin - 1;
	return `${endCut(parts.plugin, plugin)}:${cutAfter(parts.skill, skillRoom, Math.ceil((skillRoom - 1) / 2))}`;
}

/** Cuts of one name that show other parts of it, tried in turn when names collide: the middle first. */
function alternatives(shown: string, width: number): Array<(text: string) => string> {
	const middle = Math.ceil((width - 1) / 2);
	const heads = [middle, ...Array.from({length: Math.max(0, width)}, (_, index) => width - 1 - index).filter(head => head !== middle)];
	const whole = heads.map(head => (text: string) => cutAfter(text, width, head));
	const plugin = (head: number) => (text: string) => {
		const parts = pluginSplit(text);
		if (!parts || width < 6) return cutAfter(text, width, head);
		const room = Math.max(2, width - 1 - parts.skill.length);
		const skillRoom = width - 1 - room;
		return `${endCut(parts.plugin, room)}:${cutAfter(parts.skill, skillRoom, Math.min(head, Math.ceil((skillRoom - 1) / 2)))}`;
	};
	return pluginSplit(shown) ? [...heads.map(plugin), ...whole] : whole;
}

/**
 * A whole column of names fitted to `width`: each as `fitName` cuts it, and where two different
 * names would then read the same, those are cut elsewhere (in the middle, then nearer the start)
 * until they differ. Different names never render the same while `width` is 3 or more; the same
 * name twice renders the same.
 */
export function fitNames(names: readonly string[], width: number): string[] {
	const shown = names.map(name => visible(name));
	return distinctColumn(shown, width, shown.map(name => fitName(name, width)), name => alternatives(name, width));
}
