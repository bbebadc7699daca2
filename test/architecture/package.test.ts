import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {test} from 'node:test';
import {promisify} from 'node:util';
import {REPO} from '../helpers/run-cli.js';

/* What `npm publish` would ship: the built CLI, without the bench (a development tool). */
test('the package holds dist/ and nothing of the bench', async () => {
	const {stdout} = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {cwd: REPO});
	const [pack] = JSON.parse(stdout) as Array<{files: Array<{path: string}>}>;
	const files = pack!.files.map(file => file.path);
	assert.ok(files.includes('dist/cli.js'), 'the executable');
	assert.ok(files.includes('dist/commands/registry.js'));
	assert.deepEqual(files.filter(file => /(^|\/)bench\//.test(file)), []);
	assert.deepEqual(files.filter(file => /^(source|test|bench|dist-bench)\//.test(file)), []);
});
