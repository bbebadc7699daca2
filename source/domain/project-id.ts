import {createHash} from 'node:crypto';

/** formats.md: the first 16 hex characters of SHA-256 of the resolved absolute path. */
export function projectIdForPath(resolvedPath: string): string {
	const normalised = resolvedPath.length > 1 ? resolvedPath.replace(/\/+$/, '') : resolvedPath;
	return createHash('sha256').update(normalised).digest('hex').slice(0, 16);
}
