import type {Database} from '../store/database.js';
import {projectFilter, scopeJson, type Scope} from './scope.js';

export interface FrequentWorkflow {
	skills: string[];
	executions: number;
	completed: number;
	failed: number;
	running: number;
	/** completed / (completed + failed); running sessions are not judged yet. */
	success_rate: number | null;
	/** Over completed executions only: a failed or running one stopped early and would flatter it. */
	avg_duration_ms: number | null;
}

export interface FastWorkflow {
	skills: string[];
	completed: number;
	avg_duration_ms: number;
	min_duration_ms: number;
}

export interface WorkflowsReport {
	project: {project_id: string; project_name: string} | null;
	sessions: number;
	min_sessions: number;
	/** Most frequent skill sequences, most executions first. */
	frequent: FrequentWorkflow[];
	/**
	 * The design's workflow optimiser: sequences completed at least `min_sessions` times with a
	 * known duration, fastest on average first.
	 */
	fastest: FastWorkflow[];
}

/** From `workflow_executions` (kept by collect): a sequence is the ordered list of skills of a session. */
export async function workflowPatterns(database: Database, options: {scope: Scope; minSessions: number; limit: number}): Promise<WorkflowsReport> {
	const filter = projectFilter(options.scope, 'w');
	const limit = Math.trunc(options.limit);
	const sessions = await database.one<{sessions: number}>(`SELECT count(*)::INTEGER AS sessions FROM workflow_executions w WHERE ${filter.sql}`, filter.params);
	const frequent = await database.all<Omit<FrequentWorkflow, 'skills'> & {sequence: string} & Record<string, unknown>>(
		`SELECT skills_used::VARCHAR AS sequence, count(*)::INTEGER AS executions,
			count(*) FILTER (WHERE status = 'completed')::INTEGER AS completed,
			count(*) FILTER (WHERE status = 'failed')::INTEGER AS failed,
			count(*) FILTER (WHERE status = 'running')::INTEGER AS running,
			(count(*) FILTER (WHERE status = 'completed') / nullif(count(*) FILTER (WHERE status <> 'running'), 0))::DOUBLE AS success_rate,
			avg(total_duration_ms) FILTER (WHERE status = 'completed')::DOUBLE AS avg_duration_ms
		FROM workflow_executions w WHERE ${filter.sql}
		GROUP BY sequence ORDER BY executions DESC, success_rate DESC NULLS LAST, sequence LIMIT ${limit}`,
		filter.params,
	);
	const fastest = await database.all<Omit<FastWorkflow, 'skills'> & {sequence: string} & Record<string, unknown>>(
		`SELECT skills_used::VARCHAR AS sequence, count(*)::INTEGER AS completed,
			avg(total_duration_ms)::DOUBLE AS avg_duration_ms, min(total_duration_ms)::DOUBLE AS min_duration_ms
		FROM workflow_executions w WHERE ${filter.sql} AND status = 'completed' AND total_duration_ms IS NOT NULL
		GROUP BY sequence HAVING count(*) >= $min
		ORDER BY avg_duration_ms, completed DESC, sequence LIMIT ${limit}`,
		{...filter.params, min: options.minSessions},
	);
	const skillsOf = ({sequence, ...rest}: {sequence: string}) => ({skills: JSON.parse(sequence) as string[], ...rest});
	return {
		project: scopeJson(options.scope),
		sessions: sessions?.sessions ?? 0,
		min_sessions: options.minSessions,
		frequent: frequent.map(row => skillsOf(row) as FrequentWorkflow),
		fastest: fastest.map(row => skillsOf(row) as FastWorkflow),
	};
}
