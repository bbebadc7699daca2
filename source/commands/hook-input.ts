import path from 'node:path';
import {z} from 'zod';

/*
 * The JSON Claude Code writes to a command hook's stdin (https://code.claude.com/docs/en/hooks,
 * "SessionEnd input": session_id, transcript_path, cwd, hook_event_name, reason). Only `cwd` is
 * needed: the session's project is the registered one holding it. Claude Code closes stdin after
 * writing; a stdin that stays open (a pipe nobody writes) is given up after WAIT_MS, since a
 * SessionEnd hook has 1.5 s in all.
 */

export interface HookSession {
	cwd: string;
	sessionId: string | null;
}

const LIMIT_BYTES = 1024 * 1024;
const WAIT_MS = 1000;

const payloadSchema = z.looseObject({
	cwd: z.string().min(1).refine(path.isAbsolute, 'is not an absolute path'),
	// eslint-disable-next-line @typescript-eslint/naming-convention
	session_id: z.string().optional(),
});

/** What came on stdin, up to LIMIT_BYTES and until it ends or WAIT_MS passes. */
async function readAll(stream: NodeJS.ReadableStream): Promise<{text: string; ended: boolean}> {
	return new Promise(resolve => {
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (ended: boolean) => {
			clearTimeout(timer);
			stream.removeAllListeners('data');
			stream.pause();
			resolve({text: Buffer.concat(chunks).toString('utf8'), ended});
		};

		const timer = setTimeout(() => finish(false), WAIT_MS);
		stream.on('data', (chunk: Buffer | string) => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(bytes);
			size += bytes.length;
			if (size > LIMIT_BYTES) finish(false);
		});
		stream.once('end', () => finish(true));
		stream.once('error', () => finish(false));
	});
}

/** The session, or what is wrong with the input (a line for the log). */
export async function readHookSession(stream: NodeJS.ReadableStream): Promise<HookSession | {problem: string}> {
	const {text, ended} = await readAll(stream);
	if (text.trim() === '') return {problem: `no hook input on stdin${ended ? '' : ` within ${WAIT_MS} ms`}: nothing collected`};
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		const why = ended ? (error as Error).message : `not complete within ${WAIT_MS} ms or over ${LIMIT_BYTES} bytes`;
		return {problem: `the hook input on stdin is not JSON (${why}): nothing collected`};
	}

	const parsed = payloadSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		return {problem: `the hook input has no usable "${issue.path.join('.') || 'cwd'}" (${issue.message}): nothing collected`};
	}

	return {cwd: parsed.data.cwd, sessionId: parsed.data.session_id ?? null};
}
