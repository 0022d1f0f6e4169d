/**
 * Per-address limits of the report routes, in process memory only (decision 0019). Anything derived from an
 * address written beside anything derived from a receipt code or a report could, by its time, link a reporter's
 * address to their report; so nothing of the address is ever written down. With N app servers this limit is N×.
 */
export interface AddressLimit {
	max: number;
	windowSeconds: number;
}

export class AddressLimiter {
	private windows = new Map<string, { startedAt: number; count: number }>();

	constructor(private readonly limit: AddressLimit) {}

	private current(address: string, now: number) {
		const entry = this.windows.get(address);
		if (!entry || entry.startedAt + this.limit.windowSeconds * 1000 <= now) return undefined;
		return entry;
	}

	allowed(address: string, now = Date.now()): boolean {
		return (this.current(address, now)?.count ?? 0) < this.limit.max;
	}

	count(address: string, now = Date.now()): void {
		const entry = this.current(address, now);
		if (entry) entry.count += 1;
		else this.windows.set(address, { startedAt: now, count: 1 });
		// Keep memory bounded: drop ended windows once the map grows.
		if (this.windows.size > 10_000) for (const [key, value] of this.windows) if (value.startedAt + this.limit.windowSeconds * 1000 <= now) this.windows.delete(key);
	}
}
