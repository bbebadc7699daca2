import {sessionInvocation, tracker, type Invocation} from './tracker.js';

/**
 * Small hand-computed fixtures for the insight definitions (README, "Insight definitions").
 * Times are naive and read as UTC. The expected figures are worked out in the comments.
 */
const TRACKER = '.session-buddy/skill_metrics.json';

const ok = (skill: string, at: string, session: string | null, seconds: number, extra: Invocation = {}) =>
	sessionInvocation({skill_name: skill, invoked_at: at, session_id: session, completed: true, duration_seconds: seconds, ...extra});
const failed = (skill: string, at: string, session: string | null, seconds: number) =>
	sessionInvocation({skill_name: skill, invoked_at: at, session_id: session, completed: false, duration_seconds: seconds, error_type: 'boom'});
const pending = (skill: string, at: string, session: string | null) =>
	sessionInvocation({skill_name: skill, invoked_at: at, session_id: session, completed: false, duration_seconds: null});

/*
 * Project P                                         Project Q
 *   s1  plan ✓1s → code ✓2s → test ✓3s   completed    s1  plan ✓1s → review ✓4s        completed
 *   s2  plan ✓1s → code ✗2s               failed       s5  code ✓2s → code ✓2s → test ✓3s completed
 *   s3  code ✓2s → test …                 running
 *   s4  plan ✓1s → code ✓2s → test ✓5s   completed
 *   (no session) review ✓1s
 *
 * P's s1 and Q's s1 are two sessions: 6 sessions in all.
 * Sessions holding: plan 4, code 5, test 4, review 1 (the sessionless review does not count).
 * Pairs (sessions together → lift = together · 6 / (n_a · n_b)):
 *   code+test 4 → 1.2;  code+plan 3 → 0.9;  plan+test 2 → 0.75;  plan+review 1 → 1.5.
 * After code: P s1/s3/s4 → test, Q s5 → code then → test: test 4 (0.8), code 1 (0.2); s3's pending
 *   test counts (without it: 3 of 4).
 * After plan: code 3 (0.75), review 1 (0.25).
 */
export const SESSIONS_P = {
	[TRACKER]: tracker([
		ok('plan', '2026-03-02T10:00:00', 's1', 1),
		ok('code', '2026-03-02T10:01:00', 's1', 2),
		ok('test', '2026-03-02T10:02:00', 's1', 3),
		ok('plan', '2026-03-02T11:00:00', 's2', 1),
		failed('code', '2026-03-02T11:01:00', 's2', 2),
		ok('code', '2026-03-02T12:00:00', 's3', 2),
		pending('test', '2026-03-02T12:01:00', 's3'),
		ok('plan', '2026-03-02T13:00:00', 's4', 1),
		ok('code', '2026-03-02T13:01:00', 's4', 2),
		ok('test', '2026-03-02T13:02:00', 's4', 5),
		ok('review', '2026-03-02T14:00:00', null, 1),
	]),
};

export const SESSIONS_Q = {
	[TRACKER]: tracker([
		ok('plan', '2026-03-02T10:00:00', 's1', 1),
		ok('review', '2026-03-02T10:05:00', 's1', 4),
		ok('code', '2026-03-03T09:00:00', 's5', 2),
		ok('code', '2026-03-03T09:01:00', 's5', 2),
		ok('test', '2026-03-03T09:02:00', 's5', 3),
	]),
};

/** `count` records of `skill`, the first `succeeded` of them succeeded, from `day` at 09:00 a minute apart. */
function uses(skill: string, day: string, count: number, succeeded: number, extra: Invocation = {}): Invocation[] {
	return Array.from({length: count}, (_, index) => {
		const at = `${day}T09:${String(index).padStart(2, '0')}:00`;
		return index < succeeded ? ok(skill, at, null, 1, extra) : failed(skill, at, null, 1);
	});
}

/*
 * Project R, judged on 2026-03-31 (weeks start on Monday):
 *   bad       5 uses, 2 ok → 0.4 < 0.6                          high   low_success_rate
 *   meh       10 uses, 6 ok → 0.6 (exactly; not < 0.6)          medium below_target
 *   chatty    5 uses, all ok, 3 follow-ups each → 3 > 2         medium high_followup_rate
 *   sliding   weeks of 03-09, 03-16, 03-23: 4/4, 3/4, 2/4 → slope −0.25 per week; 9/12 = 0.75 overall
 *                                                               medium declining_trend
 *   few       4 uses, none ok: too few to judge                  nothing
 *   old       1 use on 2026-02-20 (39 days before)               low    unused
 * Order: high; medium by finished uses (sliding 12, meh 10, chatty 5); low.
 */
export const ADVICE_NOW = '2026-03-31T12:00:00Z';
export const ADVICE_R = {
	[TRACKER]: tracker([
		...uses('bad', '2026-03-25', 5, 2),
		...uses('meh', '2026-03-26', 10, 6),
		...uses('chatty', '2026-03-27', 5, 5, {follow_up_actions: ['a', 'b', 'c']}),
		...uses('sliding', '2026-03-09', 4, 4),
		...uses('sliding', '2026-03-16', 4, 3),
		...uses('sliding', '2026-03-23', 4, 2),
		...uses('few', '2026-03-28', 4, 0),
		...uses('old', '2026-02-20', 1, 1),
	]),
};
