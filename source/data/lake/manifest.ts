import type {Dirent} from 'node:fs';
import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {z} from 'zod';
import {LAKE_FORMAT, MANIFEST, PART_FILE, relativeTo} from './layout.js';
import {SCHEMA_VERSION} from '../store/schema.js';

/** What a machine's folder says of itself, written last by its push (lake/push.ts). */
const manifestSchema = z.object({
	format: z.literal(LAKE_FORMAT),
	schema_version: z.int().min(1),
	machine_id: z.string(),
	name: z.string().min(1),
	/** The host that pushed (lake/host.ts); absent in pushes made before hosts were named. */
	host_id: z.string().optional(),
	pushed_at: z.iso.datetime(),
	anonymized: z.boolean(),
	rows: z.int().min(0),
	projects: z.array(z.object({
		project_id: z.string().regex(/^[0-9a-f]{16}$/),
		project_name: z.string(),
		project_type: z.string(),
		project_path: z.string().nullable(),
		rows: z.int().min(0),
	})),
	files: z.array(z.object({path: z.string().regex(PART_FILE), rows: z.int().min(0)})),
});

export type LakeManifest = z.infer<typeof manifestSchema>;

export type FolderCheck = {ok: true; manifest: LakeManifest; files: string[]} | {ok: false; problem: string};

const fail = (problem: string): FolderCheck => ({ok: false, problem});

/** A manifest of ten thousand files is about a megabyte. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * A machine's folder as a pull may read it, or why not: no manifest (a push that never
 * finished), a manifest that does not parse or does not match the folder, a newer schema, files
 * listed and missing or present and unlisted. The files' contents are checked when read.
 */
export async function checkFolder(folder: string, machineId: string): Promise<FolderCheck> {
	let entries: Dirent[];
	try {
		entries = await readdir(folder, {recursive: true, withFileTypes: true});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return fail(`cannot be read: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (error as Error).message)}`);
	}

	// A push writes files and folders only; a link may lead anywhere (a manifest to /etc/passwd).
	const link = entries.find(entry => entry.isSymbolicLink());
	if (link) return fail(`${relativeTo(folder, path.join(link.parentPath, link.name))} is a link: a push writes files and folders, never links`);
	const file = path.join(folder, MANIFEST);
	const found = await stat(file).catch(() => undefined);
	if (!found?.isFile()) return fail(`no ${MANIFEST}: a push that did not finish (half-written)`);
	if (found.size > MAX_MANIFEST_BYTES) return fail(`${MANIFEST} is damaged: ${found.size} bytes, more than a manifest holds`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		// Never the text itself (Node quotes its first bytes): the file may be anything.
		const at = /at position (\d+)/.exec((error as Error).message)?.[1];
		return fail(`${MANIFEST} is damaged: not valid JSON${at === undefined ? '' : ` (at character ${at})`}`);
	}

	const version = (parsed as {schema_version?: unknown} | null)?.schema_version;
	if (typeof version === 'number' && version > SCHEMA_VERSION) {
		return fail(`written by a newer skillscope (schema version ${version}, this one reads up to ${SCHEMA_VERSION}): upgrade to pull it`);
	}

	const checked = manifestSchema.safeParse(parsed);
	if (!checked.success) {
		const issue = checked.error.issues[0]!;
		return fail(`${MANIFEST} is damaged: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
	}

	const manifest = checked.data;
	if (manifest.machine_id !== machineId) return fail(`${MANIFEST} names machine ${manifest.machine_id}, not the folder's ${machineId}`);
	const present = entries.filter(entry => entry.isFile() && entry.name !== MANIFEST).map(entry => relativeTo(folder, path.join(entry.parentPath, entry.name))).sort();
	const listed = manifest.files.map(file => file.path).sort();
	const missing = listed.filter(file => !present.includes(file));
	if (missing.length > 0) return fail(`${missing.length} file(s) in ${MANIFEST} are missing (half-written), e.g. ${missing[0]}`);
	const extra = present.filter(file => !listed.includes(file));
	if (extra.length > 0) return fail(`${extra.length} file(s) not in ${MANIFEST} (half-written or not of skillscope), e.g. ${extra[0]}`);
	const projects = new Set(manifest.projects.map(project => project.project_id));
	const stray = listed.find(file => !projects.has(file.slice('project='.length, 'project='.length + 16)));
	if (stray) return fail(`${MANIFEST} is damaged: ${stray} is of a project it does not list`);
	return {ok: true, manifest, files: manifest.files.map(file => path.join(folder, ...file.path.split('/')))};
}
