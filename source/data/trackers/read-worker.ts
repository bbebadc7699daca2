import {parentPort} from 'node:worker_threads';
import type {FoundSource} from '../../formats/trackers/sources.js';
import {readSourceColumns, type SourceReading} from './read-columns.js';
import {transferablesOf} from '../store/usage-columns.js';

/** The reader thread of trackers/reader-pool.ts: one source per message, answered in turn. */
export interface ReadJob {
	id: number;
	source: FoundSource;
	reading: SourceReading;
}

parentPort?.on('message', async (job: ReadJob) => {
	const outcome = await readSourceColumns(job.source, job.reading);
	parentPort!.postMessage({id: job.id, outcome}, outcome.ok ? transferablesOf(outcome.columns) : []);
});
