import {z} from 'zod';
import {parseTimestamp} from '../../domain/timestamps.js';
import type {RawTrackerInvocation, SourceProblem, SourceReadResult, Status, UsageRecord} from '../../domain/types.js';
import {passesFastTrackerCheck} from './fast-check.js';
import {describeIssue, instantOutOfRange, MAX_DURATION_MS, skillNameSchema, usableDurationMs} from '../validation.js';

/** A, B and C are the JSON trackers; `sqlite` is session-buddy's store, read into the same shape. */
export type TrackerVariant = 'A' | 'B' | 'C' | 'sqlite';

const optionalText = z.string().nullish();

const trackerInvocationSchema = z.object({
	skill_name: skillNameSchema,
	invoked_at: z.string({error: 'invoked_at is missing or not a string'}),
	completed: z.boolean({error: 'completed must be true or false'}),
	duration_seconds: z.number().nullish(),
	follow_up_actions: z.array(z.string()).nullish(),
	error_type: optionalText,
	session_id: optionalText,
	workflow_path: optionalText,
	user_query: optionalText,
	alternatives_considered: z.array(z.string()).nullish(),
	selection_rank: z.number().int().nullish(),
	workflow_phase: optionalText,
	workflow_step_id: optionalText,
});

type TrackerInvocation = z.infer<typeof trackerInvocationSchema>;

/** The status rules of formats.md: an export (C) holds only finished records, so nothing there is pending. */
export function trackerStatus(record: Pick<TrackerInvocation, 'completed' | 'duration_seconds' | 'error_type'>, variant: TrackerVariant): Status {
	if (record.completed) return 'succeeded';
	const hasDuration = record.duration_seconds !== null && record.duration_seconds !== undefined;
	if (hasDuration || record.error_type) return 'failed';
	return variant === 'C' ? 'failed' : 'pending';
}

/** session-buddy writes 0.01 s when it had no real duration for a completed call. */
const PLACEHOLDER_SECONDS = 0.01;

function metadataOf(record: TrackerInvocation, variant: TrackerVariant, sourceFile: string): Record<string, unknown> {
	const metadata: Record<string, unknown> = {source_file: sourceFile};
	const fields = [
		'workflow_path',
		'error_type',
		'user_query',
		'alternatives_considered',
		'selection_rank',
		'workflow_phase',
		'workflow_step_id',
	] as const;
	for (const field of fields) {
		const value = record[field];
		if (value !== null && value !== undefined) metadata[field] = value;
	}

	metadata.follow_up_actions = record.follow_up_actions ?? [];
	if ((variant === 'C' || variant === 'sqlite') && record.completed && record.duration_seconds === PLACEHOLDER_SECONDS) {
		metadata.placeholder_duration = true;
	}

	if (record.duration_seconds !== null && record.duration_seconds !== undefined && record.duration_seconds < 0) {
		metadata.negative_duration_seconds = record.duration_seconds;
	}

	if (record.duration_seconds !== null && record.duration_seconds !== undefined && record.duration_seconds * 1000 > MAX_DURATION_MS) {
		metadata.absurd_duration_seconds = record.duration_seconds;
	}

	return metadata;
}

export function mapTrackerInvocation(
	raw: RawTrackerInvocation,
	variant: TrackerVariant,
	naiveZone: string,
	sourceFile: string,
	/** Off only in tests, which check that both ways give the same result. */
	fastCheck = true,
): {record: UsageRecord; warning?: string} | {message: string} {
	let record: TrackerInvocation;
	if (fastCheck && passesFastTrackerCheck(raw)) {
		record = raw as TrackerInvocation;
	} else {
		const parsed = trackerInvocationSchema.safeParse(raw);
		if (!parsed.success) return {message: describeIssue(parsed.error)};
		record = parsed.data;
	}

	const invoked = parseTimestamp(record.invoked_at, naiveZone);
	if (!invoked.ok) return {message: `invoked_at: ${invoked.message}`};
	const outOfRange = instantOutOfRange(invoked.us);
	if (outOfRange) return {message: `invoked_at: ${outOfRange}: ${JSON.stringify(record.invoked_at.slice(0, 60))}`};
	const status = trackerStatus(record, variant);
	// Clock changes give negative durations: unknown, not a time travel. So are absurd ones.
	const given = record.duration_seconds;
	const usableMs = usableDurationMs(given === null || given === undefined ? null : given * 1000);
	const seconds = usableMs === null ? null : given!;
	const warning = given !== null && given !== undefined && given >= 0 && usableMs === null
		? `duration_seconds ${given} is longer than a year: read as unknown (NULL), the record is kept`
		: undefined;
	const followUps = record.follow_up_actions ?? [];
	return {
		...(warning ? {warning} : {}),
		record: {
			skillName: record.skill_name,
			invokedAtUs: invoked.us,
			completedAtUs: seconds === null ? null : invoked.us + Math.round(seconds * 1_000_000),
			durationMs: seconds === null ? null : Math.round(seconds * 1_000_000) / 1000,
			status,
			followupActions: followUps.length,
			sessionId: record.session_id ?? null,
			workflowPath: record.workflow_path ?? null,
			errorType: record.error_type ?? null,
			followUpNames: followUps,
			metadata: metadataOf(record, variant, sourceFile),
		},
	};
}

/** Maps every invocation of a tracker; a bad record is reported and skipped, never the whole file. */
export function mapTrackerInvocations(
	invocations: readonly unknown[],
	variant: TrackerVariant,
	naiveZone: string,
	file: string,
	sourceFile: string,
	indexLabel: (index: number) => string = index => `invocations[${index}]`,
): SourceReadResult {
	const records: UsageRecord[] = [];
	const problems: SourceProblem[] = [];
	invocations.forEach((raw, index) => {
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
			problems.push({file, recordIndex: index, message: `${indexLabel(index)}: expected an object`});
			return;
		}

		const mapped = mapTrackerInvocation(raw as RawTrackerInvocation, variant, naiveZone, sourceFile);
		if ('record' in mapped) {
			records.push(mapped.record);
			if (mapped.warning) problems.push({file, recordIndex: index, message: `${indexLabel(index)}: ${mapped.warning}`});
		} else problems.push({file, recordIndex: index, message: `${indexLabel(index)}: ${mapped.message}`});
	});
	return {records, problems};
}
