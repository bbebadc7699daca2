/**
 * `skill_listings` without its primary key, as version 2 did for skill_usage: a session lists every
 * installed skill, so the table takes tens of rows a session, and the key's index tripled the CPU of
 * inserting them and of each checkpoint (67,200 rows: 0.63-0.71 s against 0.19-0.23 s). Nothing
 * relied on it: data/transcripts/listings.ts, the only writer, updates the pairs it knows and inserts
 * the others by an anti-join. DuckDB cannot drop a key in place: copy, drop, rename.
 */
export const VERSION_8 = [
	`CREATE TABLE skill_listings_unkeyed (
		session_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		project_id VARCHAR NOT NULL,
		description_cut BOOLEAN NOT NULL,
		listed_at TIMESTAMPTZ,
		source_file VARCHAR
	)`,
	`INSERT INTO skill_listings_unkeyed SELECT * FROM skill_listings ORDER BY session_id, skill_name`,
	`DROP TABLE skill_listings`,
	`ALTER TABLE skill_listings_unkeyed RENAME TO skill_listings`,
];
