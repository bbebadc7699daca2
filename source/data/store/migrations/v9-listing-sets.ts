/**
 * A session's listing kept once: the skills it was offered are a set (`listing_sets`, one row per
 * skill of each distinct set) that the session names (`session_listings`, one row a session). A
 * session lists every installed skill, and sessions list the same skills until something is
 * installed: the pairs of schema 8 took tens of rows a session (~450,000 on a 1.35 GB tree, their
 * writing and compressing ~3 s of a 24 s collect), where the distinct sets are a few. Readers keep
 * the pairs' shape through the `skill_listings` view. `listed_at` is now the session's first listing
 * (it was each pair's: a skill added by a later listing of the same session counted from then).
 */
export const VERSION_9 = [
	`CREATE TABLE listing_sets (
		set_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		description_cut BOOLEAN NOT NULL
	)`,
	`CREATE TABLE session_listings (
		session_id VARCHAR NOT NULL,
		project_id VARCHAR NOT NULL,
		set_id VARCHAR NOT NULL,
		listed_at TIMESTAMPTZ,
		source_file VARCHAR
	)`,
	// The ids the writer gives are hashes of its own encoding; these only need to name equal sets alike.
	`CREATE TEMP TABLE listing_migrated AS
		SELECT session_id, 'v8:' || md5(to_json(list({n: skill_name, c: description_cut} ORDER BY skill_name))::VARCHAR) AS set_id,
			any_value(project_id ORDER BY listed_at NULLS LAST) AS project_id, min(listed_at) AS listed_at,
			any_value(source_file ORDER BY listed_at NULLS LAST) AS source_file
		FROM skill_listings GROUP BY session_id`,
	`INSERT INTO listing_sets
		SELECT DISTINCT m.set_id, l.skill_name, l.description_cut FROM skill_listings l JOIN listing_migrated m USING (session_id)
		WHERE m.session_id IN (SELECT any_value(session_id) FROM listing_migrated GROUP BY set_id)`,
	`INSERT INTO session_listings SELECT session_id, project_id, set_id, listed_at, source_file FROM listing_migrated ORDER BY session_id`,
	`DROP TABLE listing_migrated`,
	`DROP TABLE skill_listings`,
	`CREATE VIEW skill_listings AS
		SELECT s.session_id, m.skill_name, s.project_id, m.description_cut, s.listed_at, s.source_file
		FROM session_listings s JOIN listing_sets m USING (set_id)`,
];
