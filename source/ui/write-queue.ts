/**
 * The explorer's writes to one database, one after the other. DuckDB lets two connections write
 * at once but fails the later commit on a conflict ("Conflict on update"): a registration and a
 * collect started together (A, y, then r at once) both mark the data changed, and the collect's
 * batch then failed. Queued, the collect starts after the registration, and also sees its project.
 */
const queues = new WeakMap<object, Promise<unknown>>();

export function queueWrite<T>(database: object, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(database) ?? Promise.resolve();
	const next = previous.then(work, work);
	queues.set(database, next.catch(() => undefined));
	return next;
}
