/** When live collection collects: after changes stop for `quietMs`, and at least every `maxWaitMs` while they go on. */
export interface CollectTiming {
	quietMs: number;
	maxWaitMs: number;
}

/** The figures: a burst of writes (a turn) settles within 300 ms; a long stream still shows every 2 s. */
export const LIVE_TIMING: CollectTiming = {quietMs: 300, maxWaitMs: 2000};

/**
 * Turns change notices into collects: debounced, capped, and never two at once. A change seen
 * while a collect runs queues exactly one follow-up, which starts when that one ends (the
 * collect in flight may have read the file before the change).
 */
export class CollectScheduler {
	private timer: NodeJS.Timeout | undefined;
	/** When the first change not yet collected was seen. */
	private since: number | undefined;
	private running: Promise<void> | undefined;
	private followUp = false;
	private stopped = false;

	constructor(
		private readonly run: () => Promise<void>,
		private readonly timing: CollectTiming = LIVE_TIMING,
	) {}

	/** A file changed. */
	changed(): void {
		if (this.stopped) return;
		this.since ??= Date.now();
		if (this.running) {
			this.followUp = true;
			return;
		}

		this.arm();
	}

	/** Collects now (a full check, the start), or right after the collect in flight. */
	now(): void {
		if (this.stopped) return;
		this.since ??= Date.now();
		if (this.running) this.followUp = true;
		else this.fire();
	}

	/** No further collect starts; resolves once the one in flight (if any) has ended. */
	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		await this.running;
	}

	private arm(): void {
		clearTimeout(this.timer);
		const waited = Date.now() - (this.since ?? Date.now());
		this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(this.timing.quietMs, this.timing.maxWaitMs - waited)));
	}

	private fire(): void {
		clearTimeout(this.timer);
		this.since = undefined;
		this.followUp = false;
		this.running = this.run()
			.catch(() => undefined)
			.finally(() => {
				this.running = undefined;
				if (this.followUp && !this.stopped) this.arm();
			});
	}
}
