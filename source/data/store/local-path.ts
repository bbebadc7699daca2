import path from 'node:path';
import {UsageError} from '../../errors.js';

/*
 * DuckDB reads more than files: a path such as `s3://…`, `https://…`, `hf://…` or `md:…` is a
 * request to a server (and to an extension download), and `*`, `?`, `[…]` or `{…}` make a path a
 * glob that can match other files. Every path skillscope hands to DuckDB goes through here.
 */

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `md:` / `motherduck:` open a remote database; a one-letter prefix is a Windows drive. */
const REMOTE_PREFIX = /^(md|motherduck):/i;
const GLOB = /[*?[\]{}]/;

/** Why DuckDB would treat `text` as something other than one local file, or undefined. */
export function notLocalReason(text: string): string | undefined {
	if (URL_LIKE.test(text)) return 'is a URL, not a local path (skillscope never reads or writes over the network)';
	if (REMOTE_PREFIX.test(text)) return 'is a MotherDuck address, not a local path (skillscope never reads or writes over the network)';
	if (GLOB.test(text)) return 'holds a glob character (* ? [ ] { }), which DuckDB would expand to other files';
	return undefined;
}

/** `text` as an absolute local path, or a usage error naming the option and what is wrong. */
export function localPath(text: string, what: string): string {
	const reason = notLocalReason(text);
	if (reason) throw new UsageError(`${what} "${text}" ${reason}`);
	const absolute = path.resolve(text);
	const resolvedReason = notLocalReason(absolute);
	if (resolvedReason) throw new UsageError(`${what} "${absolute}" ${resolvedReason}`);
	return absolute;
}
