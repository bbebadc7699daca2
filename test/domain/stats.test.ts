import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {fisherExactTwoSided, wilsonInterval} from '../../source/domain/stats.js';

/** Equal to `expected` within a relative 1e-9 (the references print 16 digits or 4 significant ones). */
const close = (actual: number, expected: number, relative = 1e-9) =>
	assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * relative + 1e-15, `${actual} ≠ ${expected}`);

describe('Fisher exact test, two-sided, as R and scipy compute it', () => {
	test("R's own examples (?fisher.test): TeaTasting 0.4857, Convictions 0.0005367", () => {
		// R: fisher.test(matrix(c(3, 1, 1, 3), nrow = 2)) p-value = 0.4857 (its example asks "greater"; this is two-sided)
		close(fisherExactTwoSided(3, 1, 1, 3), 0.4857, 1e-4);
		// R: fisher.test(Convictions), matrix(c(2, 10, 15, 3), nrow = 2): p-value = 0.0005367
		close(fisherExactTwoSided(2, 15, 10, 3), 0.0005367, 1e-4);
	});

	test('scipy 1.17.1 stats.fisher_exact(table).pvalue, to 1e-9', () => {
		// python3 -c "from scipy.stats import fisher_exact; print(fisher_exact([[a, b], [c, d]]).pvalue)"
		const known: Array<[number, number, number, number, number]> = [
			[3, 1, 1, 3, 0.48571428571428565],
			[2, 10, 15, 3, 0.0005367241191434357],
			[7, 17, 15, 5, 0.005768386750469949],
			[12, 17, 43, 7, 7.953913038903382e-5],
			[0, 5, 5, 0, 0.007936507936507938],
			[4, 0, 0, 6, 0.0047619047619047615],
			[1, 9, 11, 3, 0.0027594561852200836],
			[120, 80, 95, 105, 0.01598574593181204],
			[10, 10, 10, 10, 1],
		];
		for (const [a, b, c, d, p] of known) close(fisherExactTwoSided(a, b, c, d), p);
	});

	test('symmetric: rows or columns swapped give the same p; a margin of zero gives 1', () => {
		close(fisherExactTwoSided(15, 3, 2, 10), fisherExactTwoSided(2, 10, 15, 3));
		close(fisherExactTwoSided(10, 2, 3, 15), fisherExactTwoSided(2, 10, 15, 3));
		assert.equal(fisherExactTwoSided(0, 0, 3, 4), 1);
		assert.equal(fisherExactTwoSided(5, 0, 7, 0), 1);
	});

	test('large counts do not overflow', () => {
		const p = fisherExactTwoSided(4100, 5900, 4000, 6000);
		assert.ok(p > 0.1 && p < 0.2, String(p));
		assert.ok(fisherExactTwoSided(9000, 1000, 1000, 9000) < 1e-300);
	});

	test('a count that is not a whole number ≥ 0 is refused', () => {
		assert.throws(() => fisherExactTwoSided(-1, 2, 3, 4), RangeError);
		assert.throws(() => fisherExactTwoSided(1.5, 2, 3, 4), RangeError);
	});
});

describe('Wilson score interval, z = 1.96', () => {
	test("Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3: 81/263, 15/148, 0/20, 1/29", () => {
		// The paper prints four decimals; scipy (binomtest(k, n).proportion_ci(method='wilson')) agrees to them.
		const cases: Array<[number, number, number, number]> = [
			[81, 263, 0.2553, 0.3662],
			[15, 148, 0.0624, 0.1605],
			[0, 20, 0, 0.1611],
			[1, 29, 0.0061, 0.1718],
		];
		for (const [k, n, low, high] of cases) {
			const interval = wilsonInterval(k, n)!;
			assert.equal(interval.low.toFixed(4), low.toFixed(4), `${k}/${n} low`);
			assert.equal(interval.high.toFixed(4), high.toFixed(4), `${k}/${n} high`);
		}
	});

	test('the formula with z = 1.96 exactly, to 1e-12 (python: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n))', () => {
		const interval = wilsonInterval(12, 29)!;
		close(interval.low, 0.2551293527964552, 1e-12);
		close(interval.high, 0.5926247152148476, 1e-12);
		const all = wilsonInterval(43, 50)!;
		close(all.low, 0.7381354280147191, 1e-12);
		close(all.high, 0.9304925473797714, 1e-12);
	});

	test('stays within 0–1 at the ends; no trials, no interval', () => {
		assert.deepEqual(wilsonInterval(29, 29)?.high, 1);
		assert.equal(wilsonInterval(0, 20)?.low, 0);
		assert.equal(wilsonInterval(0, 0), null);
	});
});
