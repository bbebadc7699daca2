/*
 * What the model was offered (transcripts.md, "skill_listing"; issue 21): per session (its
 * subagents' files included), each skill a listing named and whether its description was cut to
 * fit the listing budget. A session without any listing tells nothing about what was offered: it
 * has no row here, and the exposure rates leave it out. `source_file` is the first file that listed
 * it, so that its rows move with that file's project.
 */
export const VERSION_7 = [
	`CREATE TABLE skill_listings (
		session_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		project_id VARCHAR NOT NULL,
		description_cut BOOLEAN NOT NULL,
		listed_at TIMESTAMPTZ,
		source_file VARCHAR,
		PRIMARY KEY (session_id, skill_name)
	)`,
];
