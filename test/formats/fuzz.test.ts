import {after, before, test} from 'node:test';
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import fc from 'fast-check';
import initSqlJs, {type SqlJsStatic} from 'sql.js';
import type {Database} from '../../source/data/store/database.js';
import type {UsageRecord} from '../../source/domain/types.js';
import {findSources, readSource, SourceError} from '../../source/formats/trackers/sources.js';
import {makeProject} from '../helpers/temp.js';
import {addProject, collectUtc, openDatabase} from '../helpers/database.js';
import {SAMPLES, SOURCE_PATHS, sampleBytes, type SampleName} from '../helpers/samples.js';

/*
 * Property-based: any mutation of a valid file of any format (the real samples) collects or
 * reports errors; it never throws, and never stores a row that breaks the metric definitions.
 * Fixed seed and run counts keep it reproducible and a few seconds long.
 */

const SEED = 20_261_124;
/** Reading only (fast): many runs. Through a full collect into DuckDB (slower): fewer. */
const READ_RUNS = 60;
const COLLECT_RUNS = 5;

let database: Database;
let SQL: SqlJsStatic;

before(async () => {
	database = await openDatabase();
	SQL = await initSqlJs({locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')});
});

after(() => undefined);

/** Values that have broken parsers before: wrong types, extremes, Python's tokens, odd text. */
const nasty = fc.oneof(
	fc.constantFrom(null, true, false, 0, -1, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, '', ' ', 'NaN', '1970-01-01T00:00:00', '0000-00-00', '2026-02-30T10:00:00', '9999-12-31T23:59:59Z', '\ud800', '\u0000', 'x'.repeat(5000), [], {}, [null], {a: [1, {b: 2}]}),
	fc.string(),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.date({noInvalidDate: true}).map(date => date.toISOString()),
	fc.array(fc.string(), {maxLength: 4}),
	fc.dictionary(fc.string(), fc.jsonValue(), {maxKeys: 3}),
);

/** Every path to a value inside a JSON document. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
	const here = [prefix];
	if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => paths(item, [...prefix, index]))];
	if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
	return here;
}

function setAt(document: unknown, path: ReadonlyArray<string | number>, replacement: unknown, remove: boolean): unknown {
	if (path.length === 0) return replacement;
	const copy = structuredClone(document) as Record<string | number, unknown>;
	let node = copy;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
	const last = path.at(-1)!;
	if (remove && Array.isArray(node)) node.splice(Number(last), 1);
	else if (remove) delete node[last];
	else node[last] = replacement;
	return copy;
}

const PYTHON_TOKENS = ['NaN', 'Infinity', '-Infinity'];

/** A mutation of a JSON file's text or bytes. */
function jsonMutation(text: string) {
	const document = JSON.parse(text) as unknown;
	const allPaths = paths(document);
	const bytes = Buffer.from(text);
	return fc.oneof(
		// Replace or remove one value anywhere in the structure.
		fc.tuple(fc.constantFrom(...allPaths), nasty, fc.boolean()).map(([path, value, remove]) => Buffer.from(JSON.stringify(setAt(document, path, value, remove), null, 2))),
		// Several structural changes at once.
		fc.array(fc.tuple(fc.constantFrom(...allPaths), nasty), {minLength: 2, maxLength: 6}).map(changes => {
			let mutated = document;
			for (const [path, value] of changes) {
				try {
					mutated = setAt(mutated, path, value, false);
				} catch {
					// The path is gone after an earlier change.
				}
			}

			return Buffer.from(JSON.stringify(mutated));
		}),
		// A number replaced by a bare Python token.
		fc.tuple(fc.nat(), fc.constantFrom(...PYTHON_TOKENS)).map(([at, token]) => {
			const numbers = [...text.matchAll(/(?<=: )-?\d+(?:\.\d+)?(?:e-?\d+)?/g)];
			if (numbers.length === 0) return Buffer.from(text);
			const match = numbers[at % numbers.length]!;
			return Buffer.from(text.slice(0, match.index) + token + text.slice(match.index + match[0].length));
		}),
		// Truncated anywhere.
		fc.nat({max: bytes.length}).map(at => bytes.subarray(0, at)),
		// Bytes overwritten (not UTF-8, control bytes, structure characters).
		fc.array(fc.tuple(fc.nat({max: bytes.length - 1}), fc.integer({min: 0, max: 255})), {minLength: 1, maxLength: 8}).map(edits => {
			const copy = Buffer.from(bytes);
			for (const [at, byte] of edits) copy[at] = byte;
			return copy;
		}),
		// A slice cut out, or something inserted; a BOM in front.
		fc.tuple(fc.nat({max: bytes.length}), fc.nat({max: 200}), fc.string({maxLength: 20}), fc.boolean()).map(([at, length, insert, bom]) =>
			Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), bytes.subarray(0, at), Buffer.from(insert), bytes.subarray(Math.min(bytes.length, at + length))])),
	);
}

const SQLITE_COLUMNS = ['skill_name', 'invoked_at', 'session_id', 'workflow_path', 'completed', 'duration_seconds', 'user_query', 'alternatives_considered', 'selection_rank', 'follow_up_actions', 'error_type'];

/** A mutation of the SQLite store: odd values written through SQLite, or damaged bytes. */
function sqliteMutation(original: Buffer) {
	const sqlValue = fc.oneof(nasty.filter(value => value === null || ['string', 'number', 'boolean'].includes(typeof value)), fc.uint8Array({maxLength: 16}));
	return fc.oneof(
		fc.array(fc.tuple(fc.integer({min: 1, max: 6}), fc.constantFrom(...SQLITE_COLUMNS), sqlValue), {minLength: 1, maxLength: 6}).map(updates => {
			const db = new SQL.Database(original);
			try {
				for (const [row, column, value] of updates) {
					const bound = typeof value === 'boolean' ? Number(value) : typeof value === 'number' && !Number.isFinite(value) ? null : value;
					db.run(`UPDATE skill_invocation SET "${column}" = ? WHERE rowid = (SELECT rowid FROM skill_invocation ORDER BY rowid LIMIT 1 OFFSET ?)`, [bound as string | number | Uint8Array | null, row - 1]);
				}

				return Buffer.from(db.export());
			} finally {
				db.close();
			}
		}),
		fc.nat({max: original.length}).map(at => original.subarray(0, at)),
		fc.array(fc.tuple(fc.nat({max: original.length - 1}), fc.integer({min: 0, max: 255})), {minLength: 1, maxLength: 16}).map(edits => {
			const copy = Buffer.from(original);
			for (const [at, byte] of edits) copy[at] = byte;
			return copy;
		}),
	);
}

/** Rows that break a metric definition of formats.md, described; none is the only right answer. */
async function violations(): Promise<string[]> {
	const checks: Array<[string, string]> = [
		['status outside succeeded/failed/pending', `SELECT count(*) FROM skill_usage WHERE status NOT IN ('succeeded', 'failed', 'pending')`],
		['success not NULL iff pending', `SELECT count(*) FROM skill_usage WHERE (success IS NULL) <> (status = 'pending') OR (status <> 'pending' AND success <> (status = 'succeeded'))`],
		['duration_ms negative or not finite', `SELECT count(*) FROM skill_usage WHERE duration_ms IS NOT NULL AND (duration_ms < 0 OR NOT isfinite(duration_ms))`],
		['followup_actions negative', `SELECT count(*) FROM skill_usage WHERE followup_actions IS NULL OR followup_actions < 0`],
		['empty skill_name', `SELECT count(*) FROM skill_usage WHERE skill_name IS NULL OR trim(skill_name) = '' OR length(skill_name) > 200`],
		['invoked_at out of range', `SELECT count(*) FROM skill_usage WHERE invoked_at IS NULL OR invoked_at < TIMESTAMPTZ '1970-01-01 00:00:00+00' OR invoked_at >= TIMESTAMPTZ '2200-01-01 00:00:00+00'`],
		['metadata not a JSON object', `SELECT count(*) FROM skill_usage WHERE json_type(metadata) <> 'OBJECT'`],
		['aggregate rate outside 0..1', `SELECT count(*) FROM skill_aggregates WHERE success_rate IS NOT NULL AND (success_rate < 0 OR success_rate > 1 OR isnan(success_rate))`],
		['aggregate totals do not add up', `SELECT count(*) FROM skill_aggregates WHERE total_invocations <> successful_completions + failed_invocations OR pending_invocations < 0`],
		['aggregate duration negative or not finite', `SELECT count(*) FROM skill_aggregates WHERE avg_duration_ms IS NOT NULL AND (avg_duration_ms < 0 OR NOT isfinite(avg_duration_ms))`],
	];
	// One query for all checks: this runs after every mutation.
	const row = await database.one<Record<string, number>>(`SELECT ${checks.map(([, sql], index) => `(${sql})::INTEGER AS c${index}`).join(', ')}`);
	return checks.flatMap(([what], index) => (row?.[`c${index}`] ? [`${what}: ${row[`c${index}`]}`] : []));
}

/** Collects `bytes` placed at `target` in a new project; the collect must not throw. */
async function collectMutated(target: string, bytes: Buffer): Promise<void> {
	const project = await addProject(database, {[target]: bytes});
	const report = await collectUtc(database, {projectIds: [project.project_id]});
	const own = report.projects[0]!;
	assert.ok(own.errors >= 0 && own.collected >= 0);
	assert.ok(own.error_details.every(detail => typeof detail.message === 'string' && detail.message.length > 0));
	assert.deepEqual(await violations(), []);
}

/** What a record must be before it may become a row. */
function recordViolations(record: UsageRecord): string[] {
	const found: string[] = [];
	if (!['succeeded', 'failed', 'pending'].includes(record.status)) found.push(`status ${record.status}`);
	if (record.durationMs !== null && !(Number.isFinite(record.durationMs) && record.durationMs >= 0)) found.push(`duration ${record.durationMs}`);
	if (!(Number.isInteger(record.followupActions) && record.followupActions >= 0 && record.followupActions <= 2_147_483_647)) found.push(`followups ${record.followupActions}`);
	if (record.skillName.trim() === '' || record.skillName.length > 200 || record.skillName !== record.skillName.trim()) found.push(`name ${JSON.stringify(record.skillName.slice(0, 30))}`);
	if (!(Number.isSafeInteger(record.invokedAtUs) && record.invokedAtUs >= 0 && record.invokedAtUs < Date.UTC(2200, 0, 1) * 1000)) found.push(`invoked_at ${record.invokedAtUs}`);
	if (record.completedAtUs !== null && !(Number.isSafeInteger(record.completedAtUs) && record.completedAtUs < Date.UTC(2200, 0, 1) * 1000)) found.push(`completed_at ${record.completedAtUs}`);
	return found;
}

/** Reads `bytes` placed at `target`: records and problems, or a SourceError naming the file; nothing else. */
async function readMutated(target: string, bytes: Buffer): Promise<void> {
	const dir = await makeProject({[target]: bytes});
	const [source] = await findSources(dir);
	try {
		const result = await readSource(source!, 'UTC');
		assert.deepEqual(result.records.flatMap(recordViolations), []);
		assert.ok(result.problems.every(problem => problem.message.length > 0));
	} catch (error) {
		assert.ok(error instanceof SourceError, `not a SourceError: ${(error as Error).stack}`);
		assert.ok(error.message.startsWith(source!.absolutePath), error.message);
	}
}

const JSON_SAMPLES: Array<[SampleName, string]> = [
	[SAMPLES.crackerjackTracker, SOURCE_PATHS.crackerjackJson],
	[SAMPLES.sessionBuddyTracker, SOURCE_PATHS.sessionBuddyJson],
	[SAMPLES.sessionBuddyExport, SOURCE_PATHS.sessionBuddyJson],
	[SAMPLES.design, SOURCE_PATHS.sessionBuddyJson],
];

for (const [sample, target] of JSON_SAMPLES) {
	test(`mutations of ${sample}: read into valid records or reported, never thrown`, async () => {
		const text = sampleBytes(sample).toString('utf8');
		await fc.assert(fc.asyncProperty(jsonMutation(text), async bytes => readMutated(target, bytes)), {seed: SEED, numRuns: READ_RUNS});
	});

	test(`mutations of ${sample}: collected or reported, and every stored row keeps the metric definitions`, async () => {
		const text = sampleBytes(sample).toString('utf8');
		await fc.assert(fc.asyncProperty(jsonMutation(text), async bytes => collectMutated(target, bytes)), {seed: SEED + 1, numRuns: COLLECT_RUNS});
	});
}

test('mutations of the SQLite store: read into valid records or reported, never thrown', async () => {
	const original = sampleBytes(SAMPLES.sqlite);
	await fc.assert(fc.asyncProperty(sqliteMutation(original), async bytes => readMutated(SOURCE_PATHS.sessionBuddyDb, bytes)), {seed: SEED, numRuns: READ_RUNS});
});

test('mutations of the SQLite store: collected or reported, and every stored row keeps the metric definitions', async () => {
	const original = sampleBytes(SAMPLES.sqlite);
	await fc.assert(fc.asyncProperty(sqliteMutation(original), async bytes => collectMutated(SOURCE_PATHS.sessionBuddyDb, bytes)), {seed: SEED + 1, numRuns: COLLECT_RUNS});
});

test('the unmutated samples break no definition either (the checks can pass)', async () => {
	for (const [sample, target] of JSON_SAMPLES) await collectMutated(target, sampleBytes(sample));
	await collectMutated(SOURCE_PATHS.sessionBuddyDb, sampleBytes(SAMPLES.sqlite));
	const stored = await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage`);
	assert.ok(stored!.n > 0);
});
