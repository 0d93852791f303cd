import type { DriverPositionEvent } from "./events.ts";
import { positionStages } from "./position-stages.ts";

interface Slot {
  last: number;
  /** The driver's own time (`at`) of the last position that went out. */
  lastAt: number;
  pending: DriverPositionEvent | undefined;
  /** When the pending position was offered (for the stage figures). */
  heldSince: number;
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
 *
 * Why the driver's clock too: transit jitter bunches positions up. One held up 400 ms in the network or behind
 * a busy event loop arrives 600 ms before the next, which then waited here for the rest of the spacing: that
 * hold was the largest share of the tail (measured: mean 111 ms, p99 747 ms on a loaded machine). So a position
 * measured (`at`) a full spacing after the last one sent goes out at once, provided a quarter of the spacing
 * has passed here — an honest 1 Hz driver is never held, and one lying about `at` gets at most four a second
 * (the socket already refuses more than five).
 */
export class PositionThrottle {
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;

  private readonly spacingMs: number;
  private readonly minGapMs: number;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (event: DriverPositionEvent) => void,
    tolerance = 0.1,
  ) {
    this.spacingMs = Math.round(intervalMs * (1 - tolerance));
    this.minGapMs = Math.round(this.spacingMs / 4);
    this.sweeper = setInterval(() => this.sweep(), Math.max(10_000, intervalMs * 10));
    this.sweeper.unref();
  }

  offer(event: DriverPositionEvent): void {
    const now = Date.now();
    const slot = this.slots.get(event.orderId) ?? {
      last: 0,
      lastAt: 0,
      pending: undefined,
      heldSince: 0,
      timer: undefined,
    };
    this.slots.set(event.orderId, slot);
    const sinceLast = now - slot.last;
    const onTime =
      (!slot.timer && sinceLast >= this.spacingMs) ||
      (event.position.at - slot.lastAt >= this.spacingMs && sinceLast >= this.minGapMs);
    if (onTime) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.pending = undefined;
      this.send(slot, event, now, 0);
      return;
    }
    slot.heldSince = now;
    slot.pending = event;
    if (!slot.timer) {
      slot.timer = setTimeout(
        () => {
          slot.timer = undefined;
          const pending = slot.pending;
          slot.pending = undefined;
          if (pending) {
            const at = Date.now();
            this.send(slot, pending, at, at - slot.heldSince);
          }
        },
        this.spacingMs - (now - slot.last),
      );
    }
  }

  private send(slot: Slot, event: DriverPositionEvent, now: number, heldMs: number) {
    slot.last = now;
    slot.lastAt = event.position.at;
    positionStages.record("throttle", heldMs);
    this.emit(event);
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
