import type { DriverPositionEvent } from "./events.ts";

interface Slot {
  last: number;
  pending: DriverPositionEvent | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * At most one position per order per `intervalMs`, leading and trailing: the first goes out at once, a
 * position arriving too early waits for the end of the interval (replaced by any newer one meanwhile), so
 * a driver at 1 Hz is relayed with no added delay beyond clock jitter and the customer always ends on the
 * latest position.
 */
export class PositionThrottle {
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (event: DriverPositionEvent) => void,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(10_000, intervalMs * 10));
    this.sweeper.unref();
  }

  offer(event: DriverPositionEvent): void {
    const now = Date.now();
    const slot = this.slots.get(event.orderId) ?? { last: 0, pending: undefined, timer: undefined };
    this.slots.set(event.orderId, slot);
    if (!slot.timer && now - slot.last >= this.intervalMs) {
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
        this.intervalMs - (now - slot.last),
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
