/**
 * Generates the demo projects under fixtures/demo (see fixtures/demo/README.md).
 *
 *   node --import tsx scripts/make-demo.ts [outDir]
 *
 * Output must be byte-identical on every run, so nothing here reads the clock or Math.random:
 * all randomness comes from one seeded PRNG per project, and "now" is a fixed reference date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from './seeded-random.js';

// All times are integer microseconds since the epoch: the writers record microseconds, and
// integers keep the arithmetic exact.
const US_PER_S = 1_000_000;
const US_PER_MIN = 60 * US_PER_S;
const US_PER_DAY = 24 * 60 * US_PER_MIN;
const REFERENCE_US = Date.UTC(2026, 10, 20, 18, 0, 0) * 1000;
const SPAN_DAYS = 120;


// ---------------------------------------------------------------------------------------------
// JSON exactly as Python's json.dumps(obj, indent=2) writes it

/** JS numbers do not know int from float; Python prints 50.0 and 50 differently, so floats are boxed. */
class PyFloat {
	constructor(readonly value: number) {}
}
const float = (value: number): PyFloat => new PyFloat(value);

type Py = null | boolean | number | string | PyFloat | Py[] | { [key: string]: Py };

/** Python's repr(float): shortest round-trip digits, exponent form below 1e-4 or from 1e16, "e-05". */
function pyFloatRepr(x: number): string {
	const [mantissa, exp] = x.toExponential().split('e') as [string, string];
	const e = Number(exp);
	if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
	const fixed = String(x);
	return fixed.includes('.') ? fixed : `${fixed}.0`;
}

function pyDumps(value: Py, level = 0): string {
	const pad = '  '.repeat(level + 1);
	const end = '  '.repeat(level);
	if (value instanceof PyFloat) return pyFloatRepr(value.value);
	if (typeof value === 'number') {
		if (!Number.isInteger(value)) throw new Error(`non-integer ${value} must be boxed with float()`);
		return String(value);
	}
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((v) => pad + pyDumps(v, level + 1)).join(',\n')}\n${end}]`;
	}
	const entries = Object.entries(value);
	if (entries.length === 0) return '{}';
	return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${pyDumps(v, level + 1)}`).join(',\n')}\n${end}}`;
}

// ---------------------------------------------------------------------------------------------
// Timestamps

function isoSeconds(us: number): string {
	return new Date(Math.floor(us / 1000)).toISOString().slice(0, 19);
}

/** Python's datetime.isoformat(): microseconds only when non-zero. */
function pyIso(us: number, suffix = ''): string {
	const micros = us % US_PER_S;
	return isoSeconds(us) + (micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`) + suffix;
}

// ---------------------------------------------------------------------------------------------
// The skills: shared by every project, each with its own character

interface Skill {
	medianSeconds: number;
	sigma: number; // of the log-normal duration
	success: number;
	followUps: number; // mean number of follow-up actions on success
	errors: readonly (readonly [string, number])[];
	phase: string;
	step: string;
	queries: readonly string[];
}

const ERR = {
	timeout: ['TimeoutError', 1],
	context: ['ContextLimitExceeded', 1],
	tool: ['ToolError', 1],
	cancel: ['UserCancelled', 1],
	validation: ['ValidationError', 1],
	permission: ['PermissionDenied', 1],
} as const;

const SKILLS: Record<string, Skill> = {
	'code-review': {
		medianSeconds: 45, sigma: 0.6, success: 0.94, followUps: 1.2,
		errors: [ERR.context, ERR.tool], phase: 'verification', step: 'review',
		queries: ['review the retry logic in the uploader', 'check this diff before I merge', 'look for race conditions in the cache layer', 'review the new API handlers'],
	},
	'write-tests': {
		medianSeconds: 95, sigma: 0.55, success: 0.82, followUps: 1.5,
		errors: [ERR.tool, ERR.timeout, ERR.validation], phase: 'execution', step: 'tests',
		queries: ['add tests for the date parser', 'cover the error paths in the client', 'write property tests for the serializer'],
	},
	'crackerjack-run': {
		medianSeconds: 120, sigma: 0.7, success: 0.8, followUps: 1.4,
		errors: [ERR.timeout, ERR.tool, ERR.tool], phase: 'execution', step: 'run',
		queries: ['run full quality checks', 'fix type errors', 'run the fast hooks before commit', 'fix the lint failures'],
	},
	'session-checkpoint': {
		medianSeconds: 8, sigma: 0.5, success: 0.97, followUps: 0.6,
		errors: [ERR.tool], phase: 'verification', step: 'checkpoint',
		queries: ['checkpoint before the refactor', 'save progress'],
	},
	'session-start': {
		medianSeconds: 3, sigma: 0.4, success: 0.98, followUps: 0.2,
		errors: [ERR.permission], phase: 'setup', step: 'start',
		queries: ['start a session', 'resume yesterday'],
	},
	'session-end': {
		medianSeconds: 6, sigma: 0.5, success: 0.95, followUps: 0.9,
		errors: [ERR.tool, ERR.cancel], phase: 'cleanup', step: 'end',
		queries: ['wrap up and write a handoff', 'end the session'],
	},
	'refactor-code': {
		medianSeconds: 150, sigma: 0.7, success: 0.66, followUps: 1.8,
		errors: [ERR.context, ERR.validation, ERR.cancel], phase: 'execution', step: 'refactor',
		queries: ['split the god class in billing', 'reduce complexity in the parser', 'extract the retry policy'],
	},
	'debug-failure': {
		medianSeconds: 240, sigma: 0.8, success: 0.55, followUps: 3,
		errors: [[ERR.context[0], 3], [ERR.timeout[0], 2], ERR.tool, ERR.cancel], phase: 'execution', step: 'debug',
		queries: ['why does the nightly job fail', 'flaky test in test_sync', 'segfault in the worker', 'fix the failing CI run'],
	},
	'write-docs': {
		medianSeconds: 60, sigma: 0.5, success: 0.93, followUps: 1,
		errors: [ERR.context], phase: 'execution', step: 'docs',
		queries: ['document the config options', 'update the README for the new CLI'],
	},
	'plan-feature': {
		medianSeconds: 180, sigma: 0.6, success: 0.85, followUps: 3.2,
		errors: [ERR.context, ERR.cancel], phase: 'planning', step: 'plan',
		queries: ['plan the export feature', 'break down the auth migration', 'design the plugin API'],
	},
	'dependency-update': {
		medianSeconds: 75, sigma: 0.6, success: 0.63, followUps: 1.6,
		errors: [[ERR.validation[0], 2], ERR.tool, ERR.timeout], phase: 'execution', step: 'deps',
		queries: ['bump the pinned dependencies', 'upgrade pydantic to v2'],
	},
	'security-audit': {
		medianSeconds: 300, sigma: 0.5, success: 0.75, followUps: 2,
		errors: [ERR.timeout, ERR.tool], phase: 'verification', step: 'audit',
		queries: ['audit the upload endpoint', 'check for secrets in the repo'],
	},
	'perf-profile': {
		medianSeconds: 420, sigma: 0.6, success: 0.5, followUps: 1.8,
		errors: [[ERR.timeout[0], 3], ERR.context, ERR.tool], phase: 'verification', step: 'profile',
		queries: ['why is the import so slow', 'profile the batch loader'],
	},
	'crackerjack-init': {
		medianSeconds: 30, sigma: 0.4, success: 0.75, followUps: 1,
		errors: [ERR.validation], phase: 'setup', step: 'init',
		queries: ['set up crackerjack in this repo'],
	},
	'skill-analytics': {
		medianSeconds: 20, sigma: 0.4, success: 1, followUps: 0.5,
		errors: [ERR.tool], phase: 'verification', step: 'analytics',
		queries: ['which skills do I use most'],
	},
};

const FOLLOW_UPS_OK = ['run tests', 'git commit', 'git push', 'update docs', 'edit code', 'open pr'] as const;
const FOLLOW_UPS_FAILED = ['open issue', 'git stash', 're-run skill', 'run tests', 'edit code'] as const;

// ---------------------------------------------------------------------------------------------
// Simulating a project's history, independent of how a variant writes it down

type Outcome = 'ok' | 'error' | 'abandoned' | 'pending';

interface Invocation {
	skill: string;
	session: string;
	start: number;
	durationUs: number; // true wall time; writers decide whether they knew it
	outcome: Outcome;
	errorType: string | null;
	followUps: string[];
	workflowPath: string | null;
	query: string | null;
	alternatives: string[];
	rank: number | null;
	phase: string | null;
	stepId: string | null;
	workflow: string; // variant D's free-form metadata
	agent: string | null;
}

interface Project {
	dir: string;
	file: string;
	seed: number;
	targetInvocations: number;
	/** Relative popularity of the skills used mid-session. */
	mix: Record<string, number>;
	/** Whether sessions tend to open with session-start and close with session-end. */
	bookends: boolean;
	/** Skills forced to appear exactly this often, so "too few invocations to judge" shows up. */
	rare: Record<string, number>;
	/** Tracked-but-never-finished invocations near the end (variants A and B only). */
	pending: number;
	sessionId: 'hex' | 'uuid';
	render: (invocations: Invocation[], rng: Rng) => Py;
}

function dayFactor(day: number): number {
	const weekday = new Date(REFERENCE_US / 1000 - (SPAN_DAYS - day) * 86_400_000).getUTCDay();
	const weekend = weekday === 0 ? 0.25 : weekday === 6 ? 0.35 : 1;
	return weekend * (0.45 + (0.9 * day) / SPAN_DAYS); // adoption grows over the window
}

function lognormalUs(rng: Rng, medianSeconds: number, sigma: number): number {
	const seconds = Math.min(medianSeconds * Math.exp(sigma * rng.normal()), 1800);
	return Math.max(Math.round(seconds * US_PER_S), 250_000);
}

function pickFollowUps(rng: Rng, pool: readonly string[], mean: number): string[] {
	return rng.sample(pool, Math.min(4, rng.poisson(mean)));
}

function simulate(project: Project, rng: Rng): Invocation[] {
	// 1. Sessions per day: ~5 invocations each, weighted to weekdays and the recent past.
	const factors = Array.from({ length: SPAN_DAYS }, (_, d) => dayFactor(d));
	const factorSum = factors.reduce((a, b) => a + b, 0);
	const perSession = 5;
	const plans: { start: number; skills: string[] }[] = [];
	const midPool = Object.entries(project.mix);
	factors.forEach((factor, d) => {
		const dayStart = REFERENCE_US - (SPAN_DAYS - d) * US_PER_DAY - 18 * 60 * US_PER_MIN; // midnight
		// Stochastic rounding rather than Poisson: less noise, so the weekday and trend shapes show.
		const n = Math.floor(((project.targetInvocations / perSession) * factor) / factorSum + rng.next());
		const starts = Array.from({ length: n }, () => dayStart + Math.floor((8 + rng.next() * 12) * 60 * US_PER_MIN)).sort((a, b) => a - b);
		for (const start of starts) {
			const size = rng.int(2, 8);
			const skills = Array.from({ length: size }, () => rng.weighted(midPool));
			if (project.bookends && rng.chance(0.55)) skills[0] = 'session-start';
			if (project.bookends && rng.chance(0.45)) skills[size - 1] = 'session-end';
			plans.push({ start, skills });
		}
	});
	for (const [skill, count] of Object.entries(project.rare)) {
		for (const plan of rng.sample(plans.filter((p) => p.skills.length >= 3), count)) plan.skills[1] = skill;
	}

	// 2. Play each session out: invocations follow each other minutes apart, never overlapping.
	const invocations: Invocation[] = [];
	const pool = [...midPool.map(([s]) => s), ...Object.keys(project.rare)];
	let cursor = 0;
	for (const plan of plans) {
		let t = Math.max(plan.start, cursor + 10 * US_PER_MIN) + rng.int(0, US_PER_S - 1);
		const session = project.sessionId === 'uuid' ? rng.uuid() : rng.hex(8);
		const phased = rng.chance(0.6);
		const workflow = rng.weighted([['feature-dev', 4], ['bugfix', 3], ['refactor', 2], ['maintenance', 1]] as const);
		const agent = rng.chance(0.7) ? rng.pick(['python-pro', 'typescript-pro', 'data-engineer', 'code-reviewer']) : null;
		const steps = new Map<string, number>();
		for (const name of plan.skills) {
			const skill = SKILLS[name]!;
			const ok = rng.chance(skill.success);
			const errorType = ok || rng.chance(0.25) ? null : rng.weighted(skill.errors);
			let durationUs = lognormalUs(rng, skill.medianSeconds, skill.sigma);
			if (errorType === 'TimeoutError') durationUs = 300 * US_PER_S + rng.int(0, 2 * US_PER_S);
			else if (!ok) durationUs = Math.round(durationUs * (0.2 + 0.8 * rng.next()));
			const isSession = name.startsWith('session-');
			const query = rng.chance(isSession ? 0.3 : 0.75) ? rng.pick(skill.queries) : null;
			const alternatives = query === null ? [] : rng.sample(pool.filter((s) => s !== name), rng.int(0, 3));
			const step = (steps.get(skill.step) ?? 0) + 1;
			steps.set(skill.step, step);
			invocations.push({
				skill: name,
				session,
				start: t,
				durationUs,
				outcome: ok ? 'ok' : errorType ? 'error' : 'abandoned',
				errorType,
				followUps: ok ? pickFollowUps(rng, FOLLOW_UPS_OK, skill.followUps) : pickFollowUps(rng, FOLLOW_UPS_FAILED, skill.followUps * 0.7),
				workflowPath: isSession
					? rng.chance(0.7) ? null : rng.pick(['quick', 'daily'])
					: rng.weighted([['quick', 3], ['daily', 3], ['comprehensive', 2.5], [null, 1.5]] as const),
				query,
				alternatives,
				rank: query === null ? null : rng.weighted([[1, 7], [2, 2], [3, 1]] as const),
				phase: phased ? skill.phase : null,
				stepId: phased && rng.chance(0.85) ? `${skill.step}-${step}` : null,
				workflow,
				agent,
			});
			t += durationUs + rng.int(40 * US_PER_S, 12 * US_PER_MIN);
		}
		cursor = t;
	}

	// 3. A crashed assistant leaves invocations it never finished; the file only holds them if a
	// later invocation in the same session was saved, so never pick a session's last one.
	const recent = invocations.filter(
		(inv, i) => inv.start > REFERENCE_US - 12 * US_PER_DAY && invocations[i + 1]?.session === inv.session,
	);
	for (const inv of rng.sample(recent, project.pending)) {
		Object.assign(inv, { outcome: 'pending', errorType: null, followUps: [] });
	}
	return invocations;
}

// ---------------------------------------------------------------------------------------------
// Variants: how each writer put that history on disk

/** The trackers (A, B) always measure wall time, even for abandoned invocations. */
function trackerInvocation(inv: Invocation): Record<string, Py> {
	const pending = inv.outcome === 'pending';
	return {
		skill_name: inv.skill,
		invoked_at: pyIso(inv.start),
		workflow_path: inv.workflowPath,
		completed: inv.outcome === 'ok',
		duration_seconds: pending ? null : float(inv.durationUs / US_PER_S),
		follow_up_actions: inv.followUps,
		error_type: inv.errorType,
	};
}

/** Mirrors the trackers' _update_aggregates: fed only by finished invocations, in finishing order. */
function trackerAggregates(invocations: Invocation[], withRecommendations: boolean): Record<string, Py> {
	interface Agg {
		total: number; completed: number; abandoned: number; duration: number;
		paths: Record<string, number>; errors: Record<string, number>; followUps: Record<string, number>;
		first: string; last: string;
	}
	const byName = new Map<string, Agg>();
	const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
	const finished = invocations.filter((i) => i.outcome !== 'pending').sort((a, b) => a.start + a.durationUs - (b.start + b.durationUs));
	for (const inv of finished) {
		const at = pyIso(inv.start);
		let agg = byName.get(inv.skill);
		if (!agg) {
			agg = { total: 0, completed: 0, abandoned: 0, duration: 0, paths: {}, errors: {}, followUps: {}, first: at, last: at };
			byName.set(inv.skill, agg);
		}
		agg.total++;
		agg.last = at;
		if (inv.outcome === 'ok') {
			agg.completed++;
			agg.duration += inv.durationUs / US_PER_S;
		} else agg.abandoned++;
		if (inv.workflowPath) bump(agg.paths, inv.workflowPath);
		if (inv.errorType) bump(agg.errors, inv.errorType);
		for (const action of inv.followUps) bump(agg.followUps, action);
	}
	const skills: Record<string, Py> = {};
	for (const [name, a] of byName) {
		skills[name] = {
			skill_name: name,
			total_invocations: a.total,
			completed_invocations: a.completed,
			abandoned_invocations: a.abandoned,
			total_duration_seconds: float(a.duration),
			workflow_paths: a.paths,
			common_errors: a.errors,
			follow_up_actions: a.followUps,
			...(withRecommendations ? { avg_selection_rank: null, recommendation_success_rate: null } : {}),
			first_invoked: a.first,
			last_invoked: a.last,
			completion_rate: float((a.completed / a.total) * 100),
			avg_duration_seconds: float(a.completed === 0 ? 0 : a.duration / a.completed),
		};
	}
	return skills;
}

/** _save() runs right after the last completion, so last_updated trails it by microseconds. */
function lastUpdated(invocations: Invocation[], rng: Rng): string {
	const ends = invocations.filter((i) => i.outcome !== 'pending').map((i) => i.start + i.durationUs);
	return pyIso(Math.max(...ends) + rng.int(40, 400));
}

/** A: crackerjack's tracker, naive local times (written here as if local time were UTC). */
function renderA(invocations: Invocation[], rng: Rng): Py {
	return {
		invocations: invocations.map(trackerInvocation),
		skills: trackerAggregates(invocations, false),
		last_updated: lastUpdated(invocations, rng),
	};
}

/** B: the older session-buddy tracker, same as A plus the recommendation context. */
function renderB(invocations: Invocation[], rng: Rng): Py {
	return {
		invocations: invocations.map((inv) => {
			const a = trackerInvocation(inv);
			return {
				skill_name: a.skill_name!,
				invoked_at: a.invoked_at!,
				session_id: inv.session,
				workflow_path: a.workflow_path!,
				completed: a.completed!,
				duration_seconds: a.duration_seconds!,
				user_query: inv.query,
				alternatives_considered: inv.alternatives,
				selection_rank: inv.rank,
				follow_up_actions: a.follow_up_actions!,
				error_type: a.error_type!,
			};
		}),
		skills: trackerAggregates(invocations, true),
		last_updated: lastUpdated(invocations, rng),
	};
}

/** C: the current session-buddy export. Durations are only known for completed invocations, and
 * a completer called without one stores the 0.01 s placeholder. */
function renderC(invocations: Invocation[], rng: Rng): Py {
	return {
		invocations: invocations.map((inv) => {
			const ok = inv.outcome === 'ok';
			const duration = ok ? (rng.chance(0.08) ? 0.01 : Math.round(inv.durationUs / 100_000) / 10) : null;
			return {
				skill_name: inv.skill,
				invoked_at: pyIso(inv.start, '+00:00'),
				session_id: inv.session,
				workflow_path: inv.workflowPath,
				completed: ok,
				duration_seconds: duration === null ? null : float(duration),
				user_query: inv.query,
				alternatives_considered: inv.alternatives,
				selection_rank: inv.rank,
				follow_up_actions: inv.followUps,
				error_type: inv.errorType,
				...(inv.phase === null ? {} : { workflow_phase: inv.phase }),
				...(inv.stepId === null ? {} : { workflow_step_id: inv.stepId }),
			};
		}),
	};
}

/** D: the design document's format, grouped by skill, whole-second start times in UTC. */
function renderD(invocations: Invocation[]): Py {
	const skills: Record<string, Py[]> = {};
	for (const inv of invocations) {
		const start = inv.start - (inv.start % US_PER_S);
		const durationMs = Math.round(inv.durationUs / 1000);
		(skills[inv.skill] ??= []).push({
			invoked_at: `${isoSeconds(start)}Z`,
			completed_at: new Date(start / 1000 + durationMs).toISOString().replace('.000Z', 'Z'),
			duration_ms: durationMs,
			success: inv.outcome === 'ok',
			followup_actions: inv.followUps.length,
			session_id: inv.session,
			metadata: {
				workflow: inv.workflow,
				...(inv.agent === null ? {} : { agent: inv.agent }),
				...(inv.errorType === null ? {} : { error_type: inv.errorType }),
			},
		});
	}
	return { version: '1.0', generated_at: `${isoSeconds(REFERENCE_US)}Z`, skills };
}

// ---------------------------------------------------------------------------------------------

const PROJECTS: Project[] = [
	{
		dir: 'crackerjack', file: '.crackerjack/skill_metrics.json', seed: 0xc7ac3e, targetInvocations: 400,
		mix: { 'crackerjack-run': 9, 'code-review': 5, 'write-tests': 4, 'session-checkpoint': 3, 'refactor-code': 2.5, 'debug-failure': 2, 'dependency-update': 1.5, 'write-docs': 1, 'plan-feature': 0.8 },
		bookends: true, rare: { 'crackerjack-init': 3 }, pending: 4,
		sessionId: 'hex', render: renderA,
	},
	{
		dir: 'session-buddy', file: '.session-buddy/skill_metrics.json', seed: 0x5e55b0d, targetInvocations: 700,
		mix: { 'session-checkpoint': 6, 'code-review': 5, 'write-tests': 4, 'crackerjack-run': 3, 'refactor-code': 2.5, 'debug-failure': 2, 'plan-feature': 1.5, 'write-docs': 1.5, 'dependency-update': 1, 'security-audit': 0.6 },
		bookends: true, rare: { 'skill-analytics': 4 }, pending: 6,
		sessionId: 'hex', render: renderB,
	},
	{
		dir: 'webapp', file: '.session-buddy/skill_metrics.json', seed: 0x3eba99, targetInvocations: 500,
		mix: { 'code-review': 8, 'write-tests': 6, 'refactor-code': 3.5, 'session-checkpoint': 3, 'debug-failure': 2.5, 'write-docs': 2, 'plan-feature': 2, 'security-audit': 1.2, 'dependency-update': 1.2 },
		bookends: true, rare: { 'perf-profile': 3 }, pending: 0,
		sessionId: 'uuid', render: renderC,
	},
	{
		dir: 'data-pipeline', file: '.session-buddy/skill_metrics.json', seed: 0xda7a, targetInvocations: 300,
		mix: { 'debug-failure': 5, 'code-review': 4, 'write-tests': 3, 'perf-profile': 2.5, 'dependency-update': 2, 'refactor-code': 2, 'session-checkpoint': 1.5, 'write-docs': 1 },
		bookends: true, rare: { 'security-audit': 2 }, pending: 0,
		sessionId: 'uuid', render: renderD,
	},
];

const outDir = process.argv[2] ?? 'fixtures/demo';
for (const project of PROJECTS) {
	const rng = new Rng(project.seed);
	const invocations = simulate(project, rng);
	const path = join(outDir, project.dir, project.file);
	mkdirSync(dirname(path), { recursive: true });
	// Python's json.dump leaves no trailing newline.
	writeFileSync(path, pyDumps(project.render(invocations, rng)));
	console.log(`${path}: ${invocations.length} invocations`);
}
