import {z} from 'zod';
import {parseTimestamp} from '../../domain/timestamps.js';
import type {SourceProblem, SourceReadResult, UsageRecord} from '../../domain/types.js';
import {describeIssue, instantOutOfRange, MAX_DURATION_MS, skillNameSchema, usableDurationMs} from '../validation.js';

/** `skill_usage.followup_actions` is an INTEGER: a larger count would abort the whole write. */
const MAX_FOLLOWUP_ACTIONS = 2_147_483_647;

/** Variant D, the design document's `{skills: {name: [record, ...]}}`. */
const designRecordSchema = z.object({
	invoked_at: z.string({error: 'invoked_at is missing or not a string'}),
	completed_at: z.string().nullish(),
	duration_ms: z.number().nullish(),
	success: z.boolean({error: 'success must be true or false'}),
	followup_actions: z.number().int().min(0).max(MAX_FOLLOWUP_ACTIONS).nullish(),
	session_id: z.string().nullish(),
	metadata: z.record(z.string(), z.unknown()).nullish(),
});

export function mapDesignSkills(
	skills: Record<string, unknown>,
	naiveZone: string,
	file: string,
	sourceFile: string,
): SourceReadResult {
	const records: UsageRecord[] = [];
	const problems: SourceProblem[] = [];
	let index = 0;
	for (const [name, list] of Object.entries(skills)) {
		const label = `skills[${JSON.stringify(name.slice(0, 60))}]`;
		const skillName = skillNameSchema.safeParse(name);
		if (!Array.isArray(list)) {
			problems.push({file, message: `${label}: expected a list of records`});
			continue;
		}

		list.forEach((raw, position) => {
			const recordIndex = index++;
			const where = `${label}[${position}]`;
			if (!skillName.success) {
				problems.push({file, recordIndex, message: `${where}: ${describeIssue(skillName.error)}`});
				return;
			}

			const parsed = designRecordSchema.safeParse(raw);
			if (!parsed.success) {
				problems.push({file, recordIndex, message: `${where}: ${describeIssue(parsed.error)}`});
				return;
			}

			const record = parsed.data;
			const invoked = parseTimestamp(record.invoked_at, naiveZone);
			if (!invoked.ok) {
				problems.push({file, recordIndex, message: `${where}: invoked_at: ${invoked.message}`});
				return;
			}

			const outOfRange = instantOutOfRange(invoked.us);
			if (outOfRange) {
				problems.push({file, recordIndex, message: `${where}: invoked_at: ${outOfRange}: ${JSON.stringify(record.invoked_at.slice(0, 60))}`});
				return;
			}

			const completed = record.completed_at ? parseTimestamp(record.completed_at, naiveZone) : undefined;
			const duration = usableDurationMs(record.duration_ms);
			if (record.duration_ms !== null && record.duration_ms !== undefined && record.duration_ms > MAX_DURATION_MS) {
				problems.push({file, recordIndex, message: `${where}: duration_ms ${record.duration_ms} is longer than a year: read as unknown (NULL), the record is kept`});
			}
			records.push({
				skillName: skillName.data,
				invokedAtUs: invoked.us,
				completedAtUs: completed?.ok && !instantOutOfRange(completed.us) ? completed.us : null,
				durationMs: duration,
				status: record.success ? 'succeeded' : 'failed',
				followupActions: record.followup_actions ?? 0,
				sessionId: record.session_id ?? null,
				workflowPath: null,
				errorType: null,
				followUpNames: [],
				metadata: {...record.metadata, source_file: sourceFile},
			});
		});
	}

	return {records, problems};
}
