/** Time source, injected so tests and the simulator move time without sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests (and the simulator) advance by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2025, 0, 1, 12)) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
}
