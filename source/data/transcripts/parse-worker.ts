import {parentPort} from 'node:worker_threads';
import {type ParseJob, parseTranscript} from './parse-job.js';

/** The parse thread of parse-pool.ts: one file per message, answered in turn; it says when it is ready. */
parentPort?.on('message', async ({id, job}: {id: number; job: ParseJob}) => {
	parentPort!.postMessage({id, parsed: await parseTranscript(job)});
});
parentPort?.postMessage({ready: true});
