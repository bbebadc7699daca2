/*
 * Several machines (issue 16). Each database gets its machine id once, here: a UUID that names
 * its folder in a lake and tells its own rows from pulled ones; `lake_salt` (never published)
 * keys the anonymous ids of an anonymized push. A project belongs to one machine: pulled rows
 * keep their machine through the project row they are stored under (`machine_id`, and their id
 * on that machine, `origin_project_id`), so skill_usage and its writers keep their key and
 * columns, and the key of a pulled row is the existing key plus its machine. Local projects get
 * the local id.
 */
const LOCAL_ID = `(SELECT value FROM settings WHERE key = 'machine_id')`;

export const VERSION_5 = [
	`INSERT INTO settings VALUES ('machine_id', uuid()::VARCHAR) ON CONFLICT (key) DO NOTHING`,
	`INSERT INTO settings VALUES ('lake_salt', uuid()::VARCHAR || uuid()::VARCHAR) ON CONFLICT (key) DO NOTHING`,
	// name NULL: the local machine goes by its host name until `machines --name` sets one.
	`CREATE TABLE machines (
		machine_id VARCHAR PRIMARY KEY,
		name VARCHAR,
		schema_version INTEGER,
		pushed_at TIMESTAMPTZ,
		pulled_at TIMESTAMPTZ,
		anonymized BOOLEAN
	)`,
	`INSERT INTO machines (machine_id) SELECT ${LOCAL_ID}`,
	`ALTER TABLE projects ADD COLUMN machine_id VARCHAR`,
	`ALTER TABLE projects ADD COLUMN origin_project_id VARCHAR`,
	`UPDATE projects SET machine_id = ${LOCAL_ID}, origin_project_id = project_id`,
];
