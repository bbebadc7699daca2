import {test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {projectIdForPath} from '../../source/domain/project-id.js';

const sha16 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

test('the id is the first 16 hex characters of SHA-256 of the path', () => {
	const id = projectIdForPath('/home/user/projects/webapp');
	assert.match(id, /^[0-9a-f]{16}$/);
	assert.equal(id, sha16('/home/user/projects/webapp'));
});

test('trailing slashes do not make another project', () => {
	const id = projectIdForPath('/home/user/projects/webapp');
	assert.equal(projectIdForPath('/home/user/projects/webapp/'), id);
	assert.equal(projectIdForPath('/home/user/projects/webapp///'), id);
});

test('the root directory keeps its slash', () => {
	assert.equal(projectIdForPath('/'), sha16('/'));
});

test('different paths give different ids', () => {
	assert.notEqual(projectIdForPath('/srv/a'), projectIdForPath('/srv/b'));
	// Case matters on the file systems the writers run on.
	assert.notEqual(projectIdForPath('/srv/App'), projectIdForPath('/srv/app'));
});
