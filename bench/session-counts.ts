/** What a generated session holds, counted as it is written: the bench's expected rows come from here. */
export interface SessionCounts {
	lines: number;
	bytes: number;
	toolCalls: number;
	/** Skill tool_use blocks in main files (each one row), and how many of them got an is_error result. */
	modelSkills: number;
	modelSkillFailures: number;
	/** Skill tool_use blocks in subagent files (rows with trigger `subagent`). */
	subagentSkills: number;
	/** User-typed `/name` with its isMeta body: skills (Base directory…) and plugin commands. */
	userSkills: number;
	userCommands: number;
	/** Built-ins (`/compact`, `/model`…): never rows. */
	builtIns: number;
	subagentFiles: number;
	/** The compaction agent's files (`agent-acompact-*`): never invocations, skipped by a collector. */
	compactionFiles: number;
	bigLines: number;
	assistantMessages: number;
}

export function emptyCounts(): SessionCounts {
	return {lines: 0, bytes: 0, toolCalls: 0, modelSkills: 0, modelSkillFailures: 0, subagentSkills: 0, userSkills: 0, userCommands: 0, builtIns: 0, subagentFiles: 0, compactionFiles: 0, bigLines: 0, assistantMessages: 0};
}

export function addCounts(into: SessionCounts, from: SessionCounts): void {
	for (const key of Object.keys(into) as Array<keyof SessionCounts>) into[key] += from[key];
}
