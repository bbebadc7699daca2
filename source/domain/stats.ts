/*
 * The two statistics that compare versions of a skill (outcomes.md, "Comparing versions"): a
 * two-sided Fisher exact test on a 2×2 table and Wilson's score interval for one proportion. Pure,
 * no package: both are a few lines, and their known values are in test/domain/stats.test.ts.
 */

/**
 * R's fisher.test (and scipy's fisher_exact) counts a table as "no more likely" than the observed
 * one when its probability is within this relative tolerance of it: without it, floating-point
 * noise would drop tables of exactly equal probability (symmetric margins) from the sum.
 */
const RELATIVE_TOLERANCE = 1e-7;

/**
 * Two-sided p-value of Fisher's exact test of the table
 *
 *     a b
 *     c d
 *
 * as R computes it: the sum of the probabilities of every table with the same margins whose
 * probability is no more than the observed one's. The hypergeometric probabilities are built by
 * their ratio from one table to the next (no factorials, so no overflow at any count) and scaled
 * by their sum, as R's dnhyper does.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
	for (const count of [a, b, c, d]) {
		if (!Number.isInteger(count) || count < 0) throw new RangeError(`a 2×2 table holds whole counts ≥ 0, got ${[a, b, c, d].join(', ')}`);
	}

	// x = a; m = first column total; n = second column total; k = first row total.
	const m = a + c;
	const n = b + d;
	const k = a + b;
	const low = Math.max(0, k - n);
	const high = Math.min(k, m);
	if (low === high) return 1;
	// log P(x+1) − log P(x) = log((m−x)(k−x)) − log((x+1)(n−k+x+1)).
	const logs = [0];
	for (let x = low; x < high; x++) logs.push(logs.at(-1)! + Math.log((m - x) * (k - x)) - Math.log((x + 1) * (n - k + x + 1)));
	const top = Math.max(...logs);
	const densities = logs.map(value => Math.exp(value - top));
	const total = densities.reduce((sum, value) => sum + value, 0);
	const observed = densities[a - low]!;
	const extreme = densities.filter(value => value <= observed * (1 + RELATIVE_TOLERANCE)).reduce((sum, value) => sum + value, 0);
	return Math.min(1, extreme / total);
}

/** The normal quantile of a two-sided 95 % interval, as outcomes.md fixes it. */
export const Z_95 = 1.96;

/**
 * Wilson's score interval for `successes` of `trials` (null without trials): unlike the normal
 * approximation it stays within 0–1 and says something sensible for 0 of 5 or 5 of 5.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): {low: number; high: number} | null {
	if (trials <= 0) return null;
	const p = successes / trials;
	const z2 = z * z;
	const denominator = 1 + z2 / trials;
	const centre = p + z2 / (2 * trials);
	const half = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
	// Clamped: rounding leaves -1e-17 or 1.0000000000000002 at the ends.
	return {low: Math.max(0, (centre - half) / denominator), high: Math.min(1, (centre + half) / denominator)};
}
