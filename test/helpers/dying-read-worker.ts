import {parentPort} from 'node:worker_threads';
import type {ReadJob} from '../../source/data/trackers/read-worker.js';
import {readSourceColumns} from '../../source/data/trackers/read-columns.js';

/** A stand-in for trackers/read-worker.ts that dies on a project named `doomed`, as a thread out of memory would. */
parentPort?.on('message', async (job: ReadJob) => {
	if (job.source.absolutePath.includes('doomed')) throw new Error('out of memory, say');
	parentPort!.postMessage({id: job.id, outcome: await readSourceColumns(job.source, job.reading)});
});
