/*
 * The database's failures, apart from the database itself: describeError (errors.ts) tells them
 * apart on every call, including --help and usage errors that never load DuckDB.
 */

/** A failure a user can act on; the CLI prints its message alone, without a stack. */
export class DatabaseError extends Error {}

/** Another process holds the file's write lock (a collect, the explorer): worth retrying later. */
export class DatabaseBusyError extends DatabaseError {}

/** Something the user asked for that cannot be: the CLI shows the message and exits 2. */
export class UsageError extends Error {}
