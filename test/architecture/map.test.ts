import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {REPO} from '../helpers/run-cli.js';

/*
 * ARCHITECTURE.md is the newcomer's map: the rooms it lists are the folders there are, no more and
 * no fewer. A folder added or moved without the map (or a map left behind) fails here.
 */
const map = readFileSync(path.join(REPO, 'ARCHITECTURE.md'), 'utf8');

const folders = (relative: string) => readdirSync(path.join(REPO, relative), {withFileTypes: true}).filter(entry => entry.isDirectory()).map(entry => entry.name).sort();

/** The rooms a section's table names: each row's first cell, `name/` or `a/`, `b/`. */
function roomsOf(heading: string): string[] {
	const section = map.split(/^## /m).find(part => part.startsWith(heading));
	assert.ok(section, `ARCHITECTURE.md has a section "${heading}"`);
	const rows = section.split('\n').filter(line => /^\| `/.test(line));
	return rows.flatMap(line => [...line.split('|')[1]!.matchAll(/`([a-z-]+)\/`/g)].map(match => match[1]!)).sort();
}

test('the rooms of data/ in ARCHITECTURE.md are the folders of source/data', () => {
	assert.deepEqual(roomsOf('The rooms of `data/`'), folders('source/data'));
});

test('the rooms of formats/ in ARCHITECTURE.md are the folders of source/formats', () => {
	assert.deepEqual(roomsOf('The rooms of `formats/`'), folders('source/formats'));
});

test('every folder of source/ is on the map of the layers', () => {
	const layers = map.split(/^## /m).find(part => part.startsWith('The layers'))!;
	assert.deepEqual(folders('source').filter(folder => !layers.includes(`${folder}/`)), []);
});
