/** One seeded PRNG for the generated fixtures: the same seed gives the same files, byte for byte. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	/** mulberry32: tiny, fast, and good enough for fixtures. */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(lo: number, hi: number): number {
		return lo + Math.floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)]!;
	}

	weighted<T>(items: readonly (readonly [T, number])[]): T {
		const total = items.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [item, w] of items) {
			r -= w;
			if (r < 0) return item;
		}
		return items[items.length - 1]![0];
	}

	/** k distinct items, in their original order. */
	sample<T>(items: readonly T[], k: number): T[] {
		const idx = items.map((_, i) => i);
		for (let i = idx.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[idx[i], idx[j]] = [idx[j]!, idx[i]!];
		}
		return idx
			.slice(0, k)
			.sort((a, b) => a - b)
			.map((i) => items[i]!);
	}

	normal(): number {
		const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
	}

	poisson(lambda: number): number {
		const limit = Math.exp(-lambda);
		let k = 0;
		for (let p = this.next(); p > limit; p *= this.next()) k++;
		return k;
	}

	hex(n: number): string {
		let s = '';
		for (let i = 0; i < n; i++) s += this.int(0, 15).toString(16);
		return s;
	}

	uuid(): string {
		const h = this.hex(32);
		const variant = '89ab'[this.int(0, 3)]!;
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
	}
}
