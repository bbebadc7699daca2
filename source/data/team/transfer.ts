import {createReadStream, createWriteStream} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {from as copyFrom, to as copyTo} from 'pg-copy-streams';
import {localPath} from '../store/local-path.js';
import type {TeamConnection} from './connection.js';

/*
 * Rows travel between DuckDB and PostgreSQL as CSV files, each engine reading and writing them
 * in its own C code: DuckDB's COPY TO and read_csv on this side, the server's COPY FROM STDIN and
 * TO STDOUT on the other (pg-copy-streams). At 1 M rows that beat handing values through
 * JavaScript by 3x (an N-API value per cell costs ~1 µs) and parameterised INSERTs by far more.
 * The files live in a folder of their own (mode 700) under the system's temp folder, removed when
 * the command ends; a killed one leaves it to the system's cleaning.
 */

export async function withTransferFolder<T>(tmpdir: string, work: (folder: string) => Promise<T>): Promise<T> {
	const folder = await mkdtemp(path.join(tmpdir, 'skillscope-team-'));
	try {
		return await work(localPath(folder, 'the transfer folder'));
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
}

/** A path as a DuckDB string literal: COPY TO takes no parameter for its target. The folder is ours (mkdtemp), checked local. */
export function duckPath(file: string): string {
	return `'${localPath(file, 'a transfer file').replaceAll("'", "''")}'`;
}

/** The file's rows into the server by `COPY … FROM STDIN (FORMAT csv)`. */
export async function copyIn(connection: TeamConnection, statement: string, file: string): Promise<void> {
	try {
		await pipeline(createReadStream(file, {highWaterMark: 1 << 20}), connection.client.query(copyFrom(statement)));
	} catch (error) {
		throw connection.fail(error);
	}
}

/** A server query's rows into the file by `COPY (…) TO STDOUT (FORMAT csv)`. */
export async function copyOut(connection: TeamConnection, statement: string, file: string): Promise<void> {
	try {
		await pipeline(connection.client.query(copyTo(statement)), createWriteStream(file, {highWaterMark: 1 << 20}));
	} catch (error) {
		throw connection.fail(error);
	}
}
