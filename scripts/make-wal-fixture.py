#!/usr/bin/env python3
"""Writes fixtures/formats/sqlite-wal/skills.db and skills.db-wal.

A session-buddy store in WAL mode, copied while its writer is still open, so that:
- the main file holds no table at all: every committed row lives only in the -wal file
  (auto-checkpoint is off);
- the -wal holds three commits (the table, then 3 rows, then 2 rows);
- after the last commit, the -wal holds frames of a transaction that was never committed
  (pages spilled from a tiny page cache), whose rows must not be read.

Run it again only to rebuild the fixture; the salts in the -wal change on every run.
"""
import os
import shutil
import sqlite3
import tempfile

# The exact schema of session-buddy's table (sqlite3 .schema of samples/session-buddy-skills.db).
SCHEMA = """CREATE TABLE skill_invocation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  skill_name TEXT NOT NULL,
  invoked_at TEXT NOT NULL,
  session_id TEXT NOT NULL,
  workflow_path TEXT,
  completed BOOLEAN NOT NULL DEFAULT 0,
  duration_seconds REAL,
  user_query TEXT,
  alternatives_considered TEXT,
  selection_rank INTEGER,
  follow_up_actions TEXT,
  error_type TEXT,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),
  embedding BLOB,
  workflow_phase TEXT,
  workflow_step_id TEXT
)"""

INSERT = """INSERT INTO skill_invocation (skill_name, invoked_at, session_id, workflow_path,
  completed, duration_seconds, user_query, alternatives_considered, selection_rank,
  follow_up_actions, error_type, created_at, embedding, workflow_phase, workflow_step_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""

FIRST = [
	("wal-start", "2026-11-01T08:00:00.000001+00:00", "w-1", "daily", 1, 1.5, None, None, None,
		None, None, "2026-11-01 08:00:01", None, "setup", "start-1"),
	("wal-run", "2026-11-01T08:05:00+00:00", "w-1", "quick", 0, 3.25, "lint only",
		'["wal-start"]', 2, '["fix lint"]', "LintError", "2026-11-01 08:05:03", b"\x00\x01\x02\x03",
		"execution", "run-1"),
	("wal-run", "2026-11-01 08:10:00", "w-1", None, 0, None, None, None, None, None, None,
		"2026-11-01 08:10:00", None, None, None),
]
SECOND = [
	("wal-checkpoint", "2026-11-01T09:00:00+00:00", "w-2", None, 1, 0.01, None, None, None,
		'["git commit", "run tests"]', None, "2026-11-01 09:00:00", None, "verification", "v-1"),
	("wal-end", "2026-11-01T09:30:00+00:00", "w-2", None, 1, 12.0, None, "[]", 1, None, None,
		"2026-11-01 09:30:00", None, None, None),
]


def main() -> None:
	out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "formats", "sqlite-wal")
	os.makedirs(out, exist_ok=True)
	with tempfile.TemporaryDirectory() as tmp:
		db = os.path.join(tmp, "skills.db")
		con = sqlite3.connect(db, isolation_level=None)
		con.execute("PRAGMA journal_mode=WAL")
		con.execute("PRAGMA wal_autocheckpoint=0")
		con.execute(SCHEMA)
		for rows in (FIRST, SECOND):
			con.execute("BEGIN")
			con.executemany(INSERT, rows)
			con.execute("COMMIT")
		# A cache this small spills dirty pages of the open transaction into the -wal as
		# frames without a commit marker.
		con.execute("PRAGMA cache_size=2")
		con.execute("BEGIN")
		for i in range(40):
			con.execute(INSERT, ("uncommitted", "2026-11-02T00:00:00+00:00", "w-x", None, 0, None,
				"x" * 3000, None, None, None, None, "2026-11-02 00:00:00", None, None, str(i)))
		shutil.copyfile(db, os.path.join(out, "skills.db"))
		shutil.copyfile(db + "-wal", os.path.join(out, "skills.db-wal"))
		con.execute("ROLLBACK")
		con.close()


if __name__ == "__main__":
	main()
