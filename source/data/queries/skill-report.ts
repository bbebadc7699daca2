import type {Insight} from '../../domain/insights.js';
import type {OutcomeMetrics, UsageMetrics} from '../../domain/metrics.js';
import type {SkillExposure} from './exposure.js';
import type {SkillOrigins} from './skill-origins.js';

/** The drill-down's document (`skill --json`), shared by its raw-row and kept-profile paths. */
export interface ProjectComparisonRow extends OutcomeMetrics {
	project_id: string;
	project_name: string;
	/** Where it lives (`<machine id>:<path>` when pulled): what tells two projects of one name apart. */
	project_path: string;
	project_type: string;
	/** The machine of the project: a table shows it when its rows are of several. */
	machine_id: string;
	machine_name: string;
	total_invocations: number;
	successful_completions: number;
	pending_invocations: number;
	success_rate: number | null;
	avg_duration_ms: number | null;
	avg_followup_actions: number | null;
	last_used: string | null;
}

export interface SkillReport extends UsageMetrics, OutcomeMetrics, SkillOrigins {
	skill_name: string;
	found: boolean;
	project: {project_id: string; project_name: string} | null;
	since: string | null;
	until: string | null;
	p50_duration_ms: number | null;
	p90_duration_ms: number | null;
	first_used: string | null;
	insights: Insight[];
	by_project: ProjectComparisonRow[];
	errors: Array<{error_type: string; count: number}>;
	follow_up_actions: Array<{action: string; count: number}>;
	workflow_paths: Array<{workflow_path: string; count: number}>;
	/** Per finished invocation, over those that record them (transcripts); null when none does. */
	avg_output_tokens: number | null;
	avg_tool_errors: number | null;
	/** How many versions (distinct texts) of it were read from transcripts (outcomes.md); 0 for a dynamic skill without plugin versions. */
	versions_count: number;
	/** Its text changes at every use: it runs commands, or takes arguments a fingerprint cannot undo (outcomes.md). */
	dynamic: boolean;
	/** What the model was offered against what it picked, in the same scope and days (issue 21); a skill never invoked has it too. */
	exposure: SkillExposure;
	did_you_mean?: string[];
}
