import {unifiedDiff} from '../../../domain/line-diff.js';
import {versionLabel} from '../../../domain/versions.js';
import {UsageError} from '../../../errors.js';
import type {Database} from '../../store/database.js';
import {bodiesOf} from './version-rows.js';
import {versionKeys} from './versions.js';

/*
 * `versions <name> --diff A B` (outcomes.md: the text's change, on request): the unified diff of
 * two kept bodies, named by label (`v2`) or by a prefix of their fingerprint. Bodies leave the
 * database only this way, when asked for.
 */

export interface VersionRef {
	label: string;
	fingerprint: string;
}

export interface VersionDiff {
	skill_name: string;
	from: VersionRef;
	to: VersionRef;
	/** `diff -u` of the two bodies; empty when they are equal. */
	diff: string;
}

/** A fingerprint prefix shorter than this could name many texts of a busy skill by chance. */
const MIN_PREFIX = 4;

function resolve(reference: string, versions: readonly VersionRef[], skillName: string): VersionRef {
	const wanted = reference.trim().toLowerCase();
	const byLabel = versions.find(version => version.label === wanted);
	if (byLabel) return byLabel;
	const known = versions.map(version => version.label).join(', ');
	if (wanted.length < MIN_PREFIX || !/^[\da-f]+$/.test(wanted)) {
		throw new UsageError(`"${reference}" is not a version of ${skillName}: name one by its label (${known}) or by ${MIN_PREFIX}+ characters of its fingerprint`);
	}

	const matches = versions.filter(version => version.fingerprint.startsWith(wanted));
	if (matches.length === 1) return matches[0]!;
	if (matches.length === 0) throw new UsageError(`no version of ${skillName} has a fingerprint starting ${wanted}; its versions: ${known}`);
	throw new UsageError(`${wanted} starts the fingerprints of ${matches.map(version => version.label).join(', ')}: give more characters`);
}

export async function versionDiff(database: Database, skillName: string, options: {from: string; to: string; runsCommands: boolean}): Promise<VersionDiff> {
	const keys = await versionKeys(database, skillName, options.runsCommands);
	if (keys.key !== 'fingerprint') {
		throw new UsageError(`${skillName} is dynamic (${keys.reason}): its texts differ at every use, so there is no one text per version to compare`);
	}

	if (keys.seen.length === 0) throw new UsageError(`no text of ${skillName} was read: it has no versions (yet)`);
	const versions = keys.seen.map((seen, index): VersionRef => ({label: versionLabel(index), fingerprint: seen.key}));
	const from = resolve(options.from, versions, skillName);
	const to = resolve(options.to, versions, skillName);
	const bodies = await bodiesOf(database, [from.fingerprint, to.fingerprint]);
	for (const version of [from, to]) {
		if (!bodies.has(version.fingerprint)) throw new UsageError(`the text of ${skillName} ${version.label} is not kept in this database (its use was pulled from another machine)`);
	}

	const name = (version: VersionRef) => `${skillName} ${version.label} (${version.fingerprint.slice(0, 12)})`;
	return {skill_name: skillName, from, to, diff: unifiedDiff(bodies.get(from.fingerprint)!, bodies.get(to.fingerprint)!, {from: name(from), to: name(to)})};
}
