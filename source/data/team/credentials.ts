import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {TeamUrl} from './url.js';

/*
 * Who logs in, and with which password: the URL's, else the environment's (PGUSER, PGPASSWORD),
 * else the password file (PGPASSFILE, else ~/.pgpass), as libpq looks. skillscope never writes
 * any of them and never shows a password. The environment is read at the edge and passed here.
 */

export interface TeamCredentials {
	/** PGUSER, then USER/LOGNAME: the login when the URL names none. */
	user?: string;
	/** PGPASSWORD. */
	password?: string;
	/** PGPASSFILE, else `<home>/.pgpass`. */
	passFile: string;
}

export function credentialsFrom(variables: NodeJS.ProcessEnv, home: string): TeamCredentials {
	return {
		user: variables.PGUSER || variables.USER || variables.LOGNAME || undefined,
		password: variables.PGPASSWORD || undefined,
		passFile: variables.PGPASSFILE || path.join(home, '.pgpass'),
	};
}

/** One field of a .pgpass line: `*` matches anything; `\:` and `\\` are escapes. */
function fields(line: string): string[] {
	const out: string[] = [];
	let current = '';
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (char === '\\' && index + 1 < line.length) current += line[++index];
		else if (char === ':' && out.length < 4) {
			out.push(current);
			current = '';
		} else current += char;
	}

	out.push(current);
	return out;
}

export interface PassFileAnswer {
	password?: string;
	/** Why the file was not used, for the message of a failed login. */
	ignored?: string;
}

/** The password the file gives for this host, port, database and user, as libpq reads it. */
export function passFilePassword(file: string, url: TeamUrl, user: string): PassFileAnswer {
	let text: string;
	try {
		const found = statSync(file);
		// libpq ignores a password file that others can read; so does skillscope.
		if (process.platform !== 'win32' && (found.mode & 0o077) !== 0) return {ignored: `${file} is readable by others (chmod 600 it)`};
		text = readFileSync(file, 'utf8');
	} catch {
		return {};
	}

	const host = url.host.startsWith('/') ? 'localhost' : url.host;
	const wanted = [host, String(url.port), url.database, user];
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		const parts = fields(line);
		if (parts.length < 5) continue;
		if (wanted.every((value, index) => parts[index] === '*' || parts[index] === value)) return {password: parts[4]};
	}

	return {};
}

export interface Login {
	user: string;
	/** Asked by the driver only when the server wants a password. */
	password: () => string | undefined;
	/** Where the password came from, for the message of a refused login. */
	source: () => string;
}

export function loginFor(url: TeamUrl, credentials: TeamCredentials): Login {
	const user = url.user ?? credentials.user ?? 'postgres';
	let source = 'none was given (the URL, PGPASSWORD or ~/.pgpass)';
	return {
		user,
		password() {
			if (url.password !== undefined) {
				source = 'the URL\'s';
				return url.password;
			}

			if (credentials.password !== undefined) {
				source = 'PGPASSWORD\'s';
				return credentials.password;
			}

			const answer = passFilePassword(credentials.passFile, url, user);
			if (answer.password !== undefined) {
				source = `${credentials.passFile}'s`;
				return answer.password;
			}

			if (answer.ignored) source = `none was given (${answer.ignored})`;
			return undefined;
		},
		source: () => source,
	};
}
