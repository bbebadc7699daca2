import {open, readFile} from 'node:fs/promises';

/*
 * A consistent, in-memory image of a SQLite database that another process may be writing, built
 * without SQLite: opening the file with SQLite, even read-only, may create `-wal`/`-shm` files,
 * take locks, or checkpoint the log into the database. We only ever read bytes.
 */

const SQLITE_MAGIC = 'SQLite format 3\0';
const WAL_HEADER_SIZE = 32;
const FRAME_HEADER_SIZE = 24;
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const WAL_VERSION = 3007000;
/** A writer may restart the log while we read it: read again this many times, then give up. */
const ATTEMPTS = 5;

/**
 * The database at `dbPath` as of its last commit, including commits still only in `<dbPath>-wal`,
 * with the header marked as a rollback-journal database so an in-memory SQLite opens it as is.
 */
export async function readSqliteSnapshot(dbPath: string): Promise<Uint8Array> {
	const walPath = `${dbPath}-wal`;
	for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
		// The log is only reset (new salts) after it was fully copied into the database. If its
		// header is the same before and after both reads, the database we read holds nothing newer
		// than the log, so replaying the log over it gives its last commit.
		const before = await readWalHeader(walPath);
		const db = await readDatabase(dbPath);
		const wal = await readOptional(walPath);
		const after = await readWalHeader(walPath);
		if (sameBytes(before, after) && sameBytes(before, wal?.subarray(0, WAL_HEADER_SIZE) ?? null)) {
			const image = wal ? applyWal(db, wal, dbPath) : db;
			// Bytes 18/19 = 2 mean WAL mode, which would make SQLite look for a log next to the
			// in-memory file. The image already contains the log.
			image[18] = 1;
			image[19] = 1;
			return image;
		}
	}
	throw new Error(`${dbPath}: its write-ahead log kept changing while being read; try again`);
}

async function readDatabase(dbPath: string): Promise<Uint8Array> {
	let bytes: Buffer;
	try {
		bytes = await readFile(dbPath, {flag: 'r'});
	} catch (error) {
		throw new Error(`${dbPath}: cannot read the SQLite database: ${(error as Error).message}`);
	}
	if (bytes.length === 0) {
		throw new Error(`${dbPath}: the file is empty, not a SQLite database`);
	}
	if (bytes.length < 100 || bytes.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
		throw new Error(`${dbPath}: not a SQLite database (no "SQLite format 3" header)`);
	}
	return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

async function readOptional(path: string): Promise<Buffer | null> {
	try {
		return await readFile(path, {flag: 'r'});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw new Error(`${path}: cannot read the write-ahead log: ${(error as Error).message}`);
	}
}

async function readWalHeader(walPath: string): Promise<Buffer | null> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(walPath, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw new Error(`${walPath}: cannot read the write-ahead log: ${(error as Error).message}`);
	}
	try {
		const header = Buffer.alloc(WAL_HEADER_SIZE);
		const {bytesRead} = await handle.read(header, 0, WAL_HEADER_SIZE, 0);
		return header.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
	if (a === null || b === null) return a === b;
	return Buffer.compare(a, b) === 0;
}

/** The database with the log's committed frames written over it; the log is ignored if invalid, as SQLite does. */
function applyWal(db: Uint8Array, wal: Buffer, dbPath: string): Uint8Array {
	if (wal.length < WAL_HEADER_SIZE) return db;
	const magic = wal.readUInt32BE(0);
	if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return db;
	const bigEndian = magic === WAL_MAGIC_BE;
	const pageSize = wal.readUInt32BE(8);
	if (wal.readUInt32BE(4) !== WAL_VERSION || !validPageSize(pageSize)) return db;
	let sum = checksum(wal, 0, 24, bigEndian, [0, 0]);
	if (sum[0] !== wal.readUInt32BE(24) || sum[1] !== wal.readUInt32BE(28)) return db;

	const dbPageSize = db[16]! * 256 + db[17]!;
	if ((dbPageSize === 1 ? 65536 : dbPageSize) !== pageSize) {
		throw new Error(`${dbPath}: its write-ahead log has page size ${pageSize}, the database ${dbPageSize}`);
	}

	const frameSize = FRAME_HEADER_SIZE + pageSize;
	let committedFrames = 0;
	let committedPages = 0;
	for (let frame = 0, at = WAL_HEADER_SIZE; at + frameSize <= wal.length; frame++, at += frameSize) {
		// Frames are only valid in this generation of the log (salts) and while the chain of
		// checksums holds; what follows a torn or stale frame is garbage.
		if (wal.readUInt32BE(at) === 0) break;
		if (wal.readUInt32BE(at + 8) !== wal.readUInt32BE(16) || wal.readUInt32BE(at + 12) !== wal.readUInt32BE(20)) break;
		sum = checksum(wal, at, 8, bigEndian, sum);
		sum = checksum(wal, at + FRAME_HEADER_SIZE, pageSize, bigEndian, sum);
		if (sum[0] !== wal.readUInt32BE(at + 16) || sum[1] !== wal.readUInt32BE(at + 20)) break;
		const dbSizeAfterCommit = wal.readUInt32BE(at + 4);
		if (dbSizeAfterCommit !== 0) {
			committedFrames = frame + 1;
			committedPages = dbSizeAfterCommit;
		}
	}
	if (committedFrames === 0) return db;

	const image = new Uint8Array(committedPages * pageSize);
	image.set(db.subarray(0, image.length));
	for (let frame = 0; frame < committedFrames; frame++) {
		const at = WAL_HEADER_SIZE + frame * frameSize;
		const page = wal.readUInt32BE(at);
		// A commit that shrank the database leaves earlier frames of pages now past its end.
		if (page <= committedPages) {
			image.set(wal.subarray(at + FRAME_HEADER_SIZE, at + frameSize), (page - 1) * pageSize);
		}
	}
	return image;
}

function validPageSize(size: number): boolean {
	return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** SQLite's WAL checksum (walChecksumBytes): pairs of 32-bit words in the log's byte order. */
function checksum(bytes: Buffer, start: number, length: number, bigEndian: boolean, [a, b]: [number, number]): [number, number] {
	for (let i = start; i < start + length; i += 8) {
		const x = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
		const y = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
		a = (a + x + b) >>> 0;
		b = (b + y + a) >>> 0;
	}
	return [a, b];
}
