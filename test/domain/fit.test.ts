import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {fitName, fitNames} from '../../source/domain/fit/names.js';
import {distinctTails, distinguishingParents, fitPaths, homePath} from '../../source/domain/fit/paths.js';

const FAMILY = ['project-reader:diagnose', 'project-reader:read', 'project-reader:cpp', 'superpowers:writing-plans', 'superpowers:systematic-debugging', 'superpowers:subagent-driven-development'];

function assertFitted(names: readonly string[], renders: readonly string[], width: number) {
	for (const render of renders) assert.ok(render.length <= width, `${render} fits ${width}`);
	const byRender = new Map<string, string>();
	names.forEach((name, index) => {
		const before = byRender.get(renders[index]!);
		assert.ok(before === undefined || before === name, `${before} and ${name} both render ${renders[index]}`);
		byRender.set(renders[index]!, name);
	});
}

describe('fitName', () => {
	test('a name that fits is left whole', () => {
		assert.equal(fitName('tdd', 10), 'tdd');
	});

	test('a plugin skill keeps its skill part and shortens the plugin', () => {
		assert.equal(fitName('project-reader:diagnose', 19), 'project-r…:diagnose');
		assert.equal(fitName('project-reader:diagnose', 11), 'p…:diagnose');
		assert.equal(fitName('project-reader:diagnose', 10), '…:diagnose');
	});

	test('a plain name is cut at its end', () => {
		assert.equal(fitName('a-very-long-skill-name', 10), 'a-very-lo…');
	});

	test('control characters are made visible before the width is counted', () => {
		assert.equal(fitName('a\u001B[31mb', 20), 'a\\e[31mb');
	});
});

describe('fitNames: a column never renders two names the same', () => {
	for (const width of [6, 8, 10, 12, 16, 20, 30]) {
		test(`plugin families at ${width} columns`, () => {
			const renders = fitNames(FAMILY, width);
			assertFitted(FAMILY, renders, width);
		});
	}

	test('names that differ only at their end are cut in the middle', () => {
		const names = ['release-notes-for-the-ios-app', 'release-notes-for-the-android-app'];
		const renders = fitNames(names, 16);
		assertFitted(names, renders, 16);
		assert.ok(renders.every(render => render.endsWith('app')), renders.join(' '));
	});

	test('the same name twice renders the same; different names with one long prefix still differ', () => {
		const names = [`${'x'.repeat(40)}a`, `${'x'.repeat(40)}b`, `${'x'.repeat(40)}a`];
		const renders = fitNames(names, 5);
		assert.equal(renders[0], renders[2]);
		assert.notEqual(renders[0], renders[1]);
		assertFitted(names, renders, 5);
	});

	test('names that differ nowhere a cut shows are numbered', () => {
		const names = ['ab', 'ac', 'ad', 'ae', 'af'].map(end => `${end[0]}${'y'.repeat(30)}${end[1]}${'z'.repeat(30)}`);
		const renders = fitNames(names, 4);
		assertFitted(names, renders, 4);
	});
});

describe('paths', () => {
	const home = '/Users/ana';
	const paths = ['/Users/ana/Desktop/workSpace/XPMotors_IOS', '/Users/ana/Desktop/XPMotors_IOS', '/Users/ana/Desktop/workSpace/other/ServiceKit'];

	test('~ for the home folder, not for a folder that only starts like it', () => {
		assert.equal(homePath('/Users/ana/x', home), '~/x');
		assert.equal(homePath('/Users/ana', home), '~');
		assert.equal(homePath('/Users/anabel/x', home), '/Users/anabel/x');
	});

	test('the shortest tail no other row ends with', () => {
		assert.deepEqual(distinctTails(paths), ['workSpace/XPMotors_IOS', 'Desktop/XPMotors_IOS', 'ServiceKit']);
		assert.deepEqual(distinguishingParents(paths), ['workSpace', 'Desktop', undefined]);
	});

	for (const width of [12, 16, 20, 24, 40]) {
		test(`a column of paths at ${width} keeps the distinguishing tail and never repeats`, () => {
			const renders = fitPaths(paths, width, home);
			assertFitted(paths, renders, width);
			if (width >= 24) {
				assert.ok(renders[0]!.endsWith('workSpace/XPMotors_IOS'), renders[0]);
				if (width >= 40) assert.ok(renders[0]!.startsWith('~/'), renders[0]);
				// Cut between folders, never inside one (issue 27: `/home…ode/infra` read worse than `…/code/infra`).
				for (const render of renders) assert.match(render, /^(~\/)?(…\/)?[^…]*$/, render);
			}
		});
	}

	test('a path that fits is shown whole', () => {
		assert.deepEqual(fitPaths(['/tmp/a', '/tmp/b'], 20), ['/tmp/a', '/tmp/b']);
	});
});
