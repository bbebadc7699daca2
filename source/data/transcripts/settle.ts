import type {Settlement} from '../../formats/transcripts/carry.js';
import type {Database} from '../store/database.js';
import type {ProjectWrites} from './types.js';

/** A settlement (formats/transcripts/carry.ts) of a row the file read owns. */
export interface FileSettlement {
	sourceFile: string;
	settlement: Settlement;
}

export function add(writes: Map<string, ProjectWrites>, projectId: string, write: ProjectWrites): void {
	const before = writes.get(projectId);
	if (!before) {
		writes.set(projectId, write);
		return;
	}

	const span = [before, write].filter(each => each.fromUs !== undefined);
	writes.set(projectId, {
		inserted: before.inserted + write.inserted,
		updated: before.updated + write.updated,
		unchanged: before.unchanged + write.unchanged,
		...(span.length > 0 ? {fromUs: Math.min(...span.map(each => each.fromUs!)), toUs: Math.max(...span.map(each => each.toUs!))} : {}),
	});
}

/**
 * Rows of earlier reads that this read settled without reading their lines again: retried at
 * last, or a call answered after its turn ended. Only the owner file's row changes (a copy's
 * settlement is the copy's own business), and a result only settles a row still pending.
 */
export async function settle(database: Database, settlements: readonly FileSettlement[], writes: Map<string, ProjectWrites>): Promise<void> {
	if (settlements.length === 0) return;
	// One JSON parameter, not a list a column: a bound list takes the type of its first item, and a
	// first NULL (a retry settled before a late result) made every status of the list NULL.
	const rows = settlements.map(({sourceFile, settlement}) => ({
		source_file: sourceFile,
		session_key: settlement.key,
		skill_name: settlement.skill,
		retried: settlement.retried === true,
		status: settlement.result?.status ?? null,
		error_type: settlement.result?.errorType ?? null,
		error_text: settlement.result?.errorText ?? null,
		load_ms: settlement.result?.loadMs ?? null,
		outcome: settlement.result?.outcome ?? null,
	}));
	const changed = await database.all<{project_id: string; invoked_us: number}>(`
		UPDATE skill_usage AS u SET
			retried = CASE WHEN s.retried THEN true ELSE u.retried END,
			status = coalesce(s.status, u.status),
			success = CASE coalesce(s.status, u.status) WHEN 'succeeded' THEN true WHEN 'failed' THEN false END,
			error_type = CASE WHEN s.status IS NULL THEN u.error_type ELSE s.error_type END,
			load_ms = CASE WHEN s.status IS NULL THEN u.load_ms ELSE s.load_ms END,
			outcome = CASE WHEN s.status IS NULL THEN u.outcome ELSE s.outcome END,
			metadata = CASE WHEN s.error_text IS NULL THEN u.metadata ELSE json_merge_patch(u.metadata, json_object('error_message', s.error_text)) END
		FROM (
			SELECT unnest(from_json($settlements::JSON, '[{"source_file": "VARCHAR", "session_key": "VARCHAR", "skill_name": "VARCHAR", "retried": "BOOLEAN",
				"status": "VARCHAR", "error_type": "VARCHAR", "error_text": "VARCHAR", "load_ms": "DOUBLE", "outcome": "VARCHAR"}]'), recursive := true)
		) AS s
		WHERE u.source = 'claude-code' AND u.source_file = s.source_file AND u.session_key = s.session_key AND u.skill_name = s.skill_name
			AND (s.retried AND NOT coalesce(u.retried, false) OR (s.status IS NOT NULL AND u.status = 'pending'))
		RETURNING u.project_id, epoch_us(u.invoked_at)::DOUBLE AS invoked_us`, {settlements: JSON.stringify(rows)});
	for (const row of changed) add(writes, row.project_id, {inserted: 0, updated: 1, unchanged: 0, fromUs: row.invoked_us, toUs: row.invoked_us});
}
