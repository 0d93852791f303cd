// In-process listeners told after an offer or an assignment is stored (the simulated fleet answers its
// drivers' offers and takes on staff assignments from here). A failing listener is logged, not thrown.
import type { Logger } from "pino";

export type AssignedListener = (assignment: { deliveryId: string; driverId: string }) => void;
export type OfferListener = (offer: {
  offerId: string;
  deliveryId: string;
  driverId: string;
  deadline: number;
  /** One stop of this trip (batching): the trip's other stop is offered to the same driver too. */
  tripId?: string;
}) => void;

export class DeliveryListeners {
  private readonly offers = new Set<OfferListener>();
  private readonly assignments = new Set<AssignedListener>();

  constructor(private readonly log: Logger) {}

  onOffer(listener: OfferListener): () => void {
    this.offers.add(listener);
    return () => this.offers.delete(listener);
  }

  onAssigned(listener: AssignedListener): () => void {
    this.assignments.add(listener);
    return () => this.assignments.delete(listener);
  }

  offered(offer: Parameters<OfferListener>[0]): void {
    for (const l of this.offers) this.call(() => l(offer), "offer listener failed");
  }

  assigned(assignment: Parameters<AssignedListener>[0]): void {
    for (const l of this.assignments) this.call(() => l(assignment), "assignment listener failed");
  }

  private call(fn: () => void, what: string): void {
    try {
      fn();
    } catch (error) {
      this.log.warn({ err: error }, what);
    }
  }
}
