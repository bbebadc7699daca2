import {parentPort} from 'node:worker_threads';
import {type ParseJob, parseTranscript} from '../../source/data/transcripts/parse-job.js';

/** A stand-in for transcripts/parse-worker.ts that dies on a file named `doomed.jsonl`, as a thread out of memory would. */
parentPort?.on('message', async ({id, job}: {id: number; job: ParseJob}) => {
	if (job.path.endsWith('doomed.jsonl')) throw new Error('out of memory, say');
	parentPort!.postMessage({id, parsed: await parseTranscript(job)});
});
parentPort?.postMessage({ready: true});
