import {createHash} from 'node:crypto';

/**
 * Which text of a skill the model was given (outcomes.md, "Version"): the body line of an
 * invocation, normalized so that one SKILL.md gives one fingerprint whatever it was called with.
 */

const BASE_DIRECTORY = /^Base directory for this skill: ([^\n]*)\n/;

/** `…/plugins/cache/<marketplace>/<plugin>/<version>/skills|commands/<name>` → `<version>`. */
/** What Claude Code substitutes for the session and the skill's folder (outcomes.md, step 4). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's placeholder, written as SKILL.md writes it
const SESSION_PLACEHOLDER = '${CLAUDE_SESSION_ID}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: as above
const DIRECTORY_PLACEHOLDER = '${CLAUDE_SKILL_DIR}';

const PLUGIN_CACHE = /\/plugins\/cache\/[^/]+\/[^/]+\/([^/]+)\/(?:skills|commands)\//;

export interface SkillVersion {
	fingerprint: string;
	/** The normalized body, kept once per fingerprint. */
	body: string;
	pluginVersion: string | null;
}

export interface BodyContext {
	/** `input.args` of a model's call, or the typed `<command-args>` text: as given, untrimmed. */
	args: string | null;
	sessionId: string | null;
}

/** The base directory a body names, if it starts with the line that names it. */
export function baseDirectoryOf(text: string): string | undefined {
	return BASE_DIRECTORY.exec(text.replaceAll('\r\n', '\n'))?.[1]?.trim();
}

export function pluginVersionOf(directory: string | undefined): string | null {
	if (directory === undefined) return null;
	return PLUGIN_CACHE.exec(`${directory.replaceAll('\\', '/')}/`)?.[1] ?? null;
}

/** outcomes.md's six steps, in order. */
export function normalizeBody(text: string, context: BodyContext): string {
	let body = text.replaceAll('\r\n', '\n');
	// 1. The base directory line and the blank line after it.
	const directory = BASE_DIRECTORY.exec(body)?.[1];
	if (directory !== undefined) body = body.replace(BASE_DIRECTORY, '').replace(/^\n/, '');
	// 3. The arguments, when not empty: their text as given, and trimmed (the call's input may pad them).
	const args = context.args ?? '';
	for (const form of new Set([args, args.trim()])) {
		if (form.trim() !== '') body = body.replaceAll(form, '$ARGUMENTS');
	}

	// 4. What changes with the session and the machine.
	if (context.sessionId) body = body.replaceAll(context.sessionId, SESSION_PLACEHOLDER);
	const place = directory?.trim();
	if (place) body = body.replaceAll(place, DIRECTORY_PLACEHOLDER);
	// 5. The arguments Claude Code appends when the skill has no $ARGUMENTS: the final paragraph
	// (by now `ARGUMENTS: $ARGUMENTS`, whatever the arguments were, step 3 having replaced them).
	body = body.trimEnd();
	const cut = body.lastIndexOf('\n\n');
	if ((cut < 0 ? body : body.slice(cut + 2)).startsWith('ARGUMENTS: ')) body = cut < 0 ? '' : body.slice(0, cut);
	// 6. Trailing whitespace of the whole text.
	return body.trimEnd();
}

export function fingerprintOf(body: string): string {
	return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The version a body line gives, or none for a line without text. */
export function skillVersion(text: string, context: BodyContext): SkillVersion | undefined {
	if (text.trim() === '') return undefined;
	const body = normalizeBody(text, context);
	return {fingerprint: fingerprintOf(body), body, pluginVersion: pluginVersionOf(baseDirectoryOf(text))};
}
