import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFile, mkdtemp, readFile, rm, truncate, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {readSqliteSnapshot} from '../../source/formats/trackers/sqlite-snapshot.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/samples/session-buddy-skills.db', import.meta.url));
const WAL_FIXTURE = fileURLToPath(new URL('../../fixtures/formats/sqlite-wal/', import.meta.url));
const PAGE = 4096;
const FRAME = 24 + PAGE;

/*
 * The WAL fixture (scripts/make-wal-fixture.py), 4096-byte pages: the main file is page 1 only,
 * with no table. Frames 0-2 create the tables (commit, db size 3), 3-4 add 3 rows (commit),
 * 5-6 add 2 rows (commit), frame 7 is a valid frame of a transaction never committed (page 2),
 * and from frame 8 on the frames fail their checksum (SQLite fills those in at commit time).
 */

const dirs: string[] = [];
after(async () => {
	await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

async function tempDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'sqlite-snapshot-'));
	dirs.push(dir);
	return dir;
}

/** A copy of the WAL fixture; returns the path of its skills.db. */
async function walCopy(): Promise<string> {
	const dir = await tempDir();
	await copyFile(join(WAL_FIXTURE, 'skills.db'), join(dir, 'skills.db'));
	await copyFile(join(WAL_FIXTURE, 'skills.db-wal'), join(dir, 'skills.db-wal'));
	return join(dir, 'skills.db');
}

function framePage(wal: Buffer, frame: number): Buffer {
	const at = 32 + frame * FRAME + 24;
	return wal.subarray(at, at + PAGE);
}

function page(image: Uint8Array, number: number): Buffer {
	return Buffer.from(image.subarray((number - 1) * PAGE, number * PAGE));
}

/** Written from SQLite's walChecksumBytes independently of the module, to forge logs. */
function walChecksum(bytes: Buffer, bigEndian: boolean, [a, b]: [number, number]): [number, number] {
	for (let i = 0; i < bytes.length; i += 8) {
		a = (a + (bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i)) + b) >>> 0;
		b = (b + (bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4)) + a) >>> 0;
	}
	return [a, b];
}

test('a database without a log is returned byte for byte', async () => {
	const image = await readSqliteSnapshot(SAMPLE);
	assert.deepEqual(Buffer.from(image), await readFile(SAMPLE));
});

test('the committed frames of the log are applied and the image is marked as a rollback-journal database', async () => {
	const dbPath = await walCopy();
	const wal = await readFile(`${dbPath}-wal`);
	const mainFile = await readFile(dbPath);
	assert.equal(mainFile.length, PAGE);
	assert.deepEqual([mainFile[18], mainFile[19]], [2, 2]);

	const image = await readSqliteSnapshot(dbPath);
	assert.equal(image.length, 3 * PAGE);
	assert.equal(Buffer.from(image.subarray(0, 16)).toString('latin1'), 'SQLite format 3\0');
	assert.deepEqual([image[18], image[19]], [1, 1]);
	const page1 = Buffer.from(framePage(wal, 0));
	page1[18] = 1;
	page1[19] = 1;
	assert.deepEqual(page(image, 1), page1);
	assert.deepEqual(page(image, 2), framePage(wal, 5));
	assert.deepEqual(page(image, 3), framePage(wal, 6));
});

test('a valid frame after the last commit is not applied', async () => {
	const dbPath = await walCopy();
	const wal = await readFile(`${dbPath}-wal`);
	// Make sure the fixture really has a checksum-valid uncommitted frame 7.
	let sum = walChecksum(wal.subarray(0, 24), false, [0, 0]);
	for (let frame = 0; frame <= 7; frame++) {
		const at = 32 + frame * FRAME;
		sum = walChecksum(wal.subarray(at + 24, at + FRAME), false, walChecksum(wal.subarray(at, at + 8), false, sum));
		assert.deepEqual(sum, [wal.readUInt32BE(at + 16), wal.readUInt32BE(at + 20)], `frame ${frame} checksum`);
	}
	assert.equal(wal.readUInt32BE(32 + 7 * FRAME), 2);
	assert.equal(wal.readUInt32BE(32 + 7 * FRAME + 4), 0);

	const image = await readSqliteSnapshot(dbPath);
	assert.notDeepEqual(page(image, 2), framePage(wal, 7));
	assert.deepEqual(page(image, 2), framePage(wal, 5));
});

test('a log cut in the middle of a frame gives the last commit before the cut', async () => {
	const dbPath = await walCopy();
	const wal = await readFile(`${dbPath}-wal`);
	await truncate(`${dbPath}-wal`, 32 + 6 * FRAME + 1000);
	const image = await readSqliteSnapshot(dbPath);
	assert.equal(image.length, 3 * PAGE);
	assert.deepEqual(page(image, 2), framePage(wal, 3));
	assert.deepEqual(page(image, 3), framePage(wal, 4));
});

test('reading stops at the first frame whose checksum or salt does not match', async () => {
	const dbPath = await walCopy();
	const wal = await readFile(`${dbPath}-wal`);

	const badChecksum = Buffer.from(wal);
	badChecksum[32 + 5 * FRAME + 24 + 100]! ^= 0xff;
	await writeFile(`${dbPath}-wal`, badChecksum);
	assert.deepEqual(page(await readSqliteSnapshot(dbPath), 2), framePage(wal, 3));

	const badSalt = Buffer.from(wal);
	badSalt[32 + 5 * FRAME + 8]! ^= 0x01;
	await writeFile(`${dbPath}-wal`, badSalt);
	assert.deepEqual(page(await readSqliteSnapshot(dbPath), 2), framePage(wal, 3));
});

test('a log whose header checksum is wrong is ignored, as SQLite does', async () => {
	const dbPath = await walCopy();
	const wal = await readFile(`${dbPath}-wal`);
	wal[12]! ^= 0x01; // checkpoint sequence, covered by the header checksum
	await writeFile(`${dbPath}-wal`, wal);
	const image = await readSqliteSnapshot(dbPath);
	const expected = await readFile(dbPath);
	expected[18] = 1;
	expected[19] = 1;
	assert.deepEqual(Buffer.from(image), expected);
});

test('a log with big-endian checksums (magic 0x377f0683) is read the same way', async () => {
	const dbPath = await walCopy();
	const expected = await readSqliteSnapshot(dbPath);
	const wal = await readFile(`${dbPath}-wal`);
	wal.writeUInt32BE(0x377f0683, 0);
	let sum = walChecksum(wal.subarray(0, 24), true, [0, 0]);
	wal.writeUInt32BE(sum[0], 24);
	wal.writeUInt32BE(sum[1], 28);
	for (let frame = 0; frame <= 7; frame++) {
		const at = 32 + frame * FRAME;
		sum = walChecksum(wal.subarray(at + 24, at + FRAME), true, walChecksum(wal.subarray(at, at + 8), true, sum));
		wal.writeUInt32BE(sum[0], at + 16);
		wal.writeUInt32BE(sum[1], at + 20);
	}
	await writeFile(`${dbPath}-wal`, wal);
	assert.deepEqual(await readSqliteSnapshot(dbPath), expected);

	// The same log with little-endian checksums but the big-endian magic is invalid.
	const mixed = await readFile(join(WAL_FIXTURE, 'skills.db-wal'));
	mixed.writeUInt32BE(0x377f0683, 0);
	await writeFile(`${dbPath}-wal`, mixed);
	assert.equal((await readSqliteSnapshot(dbPath)).length, PAGE);
});

test('a -shm file is ignored', async () => {
	const dbPath = await walCopy();
	const expected = await readSqliteSnapshot(dbPath);
	await writeFile(`${dbPath}-shm`, Buffer.alloc(32768, 0xab));
	assert.deepEqual(await readSqliteSnapshot(dbPath), expected);
});

test('files that are not SQLite databases are rejected with the path and the reason', async () => {
	const dir = await tempDir();
	const text = join(dir, 'skills.db');
	await writeFile(text, 'this is not a database, just some text that is long enough\n'.repeat(3));
	await assert.rejects(readSqliteSnapshot(text), (error: Error) => {
		assert.ok(error.message.includes(text), error.message);
		assert.match(error.message, /not a SQLite database/);
		return true;
	});

	const empty = join(dir, 'empty.db');
	await writeFile(empty, '');
	await assert.rejects(readSqliteSnapshot(empty), (error: Error) => {
		assert.ok(error.message.includes(empty), error.message);
		assert.match(error.message, /empty/);
		return true;
	});

	const missing = join(dir, 'missing.db');
	await assert.rejects(readSqliteSnapshot(missing), (error: Error) => {
		assert.ok(error.message.includes(missing), error.message);
		assert.match(error.message, /cannot read/);
		return true;
	});
});
