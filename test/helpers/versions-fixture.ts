import type {Database} from '../../source/data/store/database.js';
import {insertUses, series, type Use} from './uses.js';

/*
 * A skill edited three times, its uses written by hand (test/helpers/uses.ts), for the reports of
 * versions (outcomes.md). Worked out:
 *
 *   v1  project A, from 03-01: 43 clean of 50 (86%), 2 follow-ups per use, 1 s each
 *   v2  project B only, 03-03: 3 clean of 3
 *   v3  from 03-05: A 12 clean of 29 (17 errored) and a load failure on 03-07 that ran v3 (in
 *       force), B 4 clean of 4; 4 s each, 5 follow-ups per use. In A against v1: 12 of 30 against
 *       43 of 50, Fisher p = 3.67e-5 (scipy), worse; over both projects it follows v2 (3 of 3).
 *   v4  A, from 03-20: 4 clean of 6: against v3, too few uses to tell.
 *   two uses before any text or outcome was read (02-20): no version, outcome not known.
 */

export const REVIEW_BODIES = {
	one: '# Review\nRead the diff.\nBe brief.',
	two: '# Review\nRead the whole file.\nBe brief.\nList every nit.',
	three: '# Review\nRead the whole file.\nList every nit.\nRewrite what you can.',
	other: '# Review\nA version only project B ever ran.',
};

export async function addReviewVersions(database: Database, projects: {a: string; b: string}, skill = 'review'): Promise<void> {
	const uses = (count: number, start: string, fields: Omit<Use, 'invoked_at' | 'project_id' | 'skill_name'> & {project?: string}, clean = count) =>
		series(count, start, index => ({
			project_id: fields.project ?? projects.a,
			skill_name: skill,
			...fields,
			outcome: fields.outcome === undefined ? (index < clean ? 'clean' : 'errored') : fields.outcome,
		}));
	await insertUses(database, [
		...uses(2, '2026-02-20T10:00:00Z', {body: null, outcome: null}),
		...uses(50, '2026-03-01T10:00:00Z', {body: REVIEW_BODIES.one, followup_actions: 2}, 43),
		...uses(3, '2026-03-03T10:00:00Z', {body: REVIEW_BODIES.other, project: projects.b}),
		...uses(29, '2026-03-05T10:00:00Z', {body: REVIEW_BODIES.two, duration_ms: 4000, followup_actions: 5}, 12),
		...uses(4, '2026-03-06T10:00:00Z', {body: REVIEW_BODIES.two, project: projects.b}),
		...uses(1, '2026-03-07T10:00:00Z', {status: 'failed', body: null, outcome: 'load_failed', error_type: 'unknown_skill'}),
		...uses(6, '2026-03-20T10:00:00Z', {body: REVIEW_BODIES.three}, 4),
	]);
}
