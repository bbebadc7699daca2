/**
 * The transcripts' PRNG: sfc32 (128-bit state) seeded through splitmix32. mulberry32, which the
 * tracker files use, walks one 32-bit counter: two sessions whose seeds lie a few thousand steps
 * apart on it replay each other's draws, and at 20,000 sessions of ~20,000 draws some did, giving
 * two sessions the same tool_use ids (which a collector rightly takes for one copied invocation).
 */

function splitmix32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x9e_37_79_b9) >>> 0;
		let z = state;
		z = Math.imul(z ^ (z >>> 16), 0x85_eb_ca_6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2_b2_ae_35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** Values in [0, 1); `seed` may use all 53 bits of a number. */
export function transcriptRandom(seed: number): () => number {
	const low = splitmix32(seed >>> 0);
	const high = splitmix32(Math.floor(seed / 2 ** 32) ^ 0x5b_d1_e9_95);
	let a = low();
	let b = high();
	let c = low();
	let d = high();
	const next = () => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t / 4_294_967_296;
	};

	for (let i = 0; i < 12; i++) next();
	return next;
}

/** A fresh 53-bit seed drawn from a stream (two draws: one draw has only 32 bits). */
export function drawSeed(next: () => number): number {
	return Math.floor(next() * 2 ** 21) * 2 ** 32 + Math.floor(next() * 2 ** 32);
}
