// The events the Stripe stand-in would have sent to the webhook endpoint, as Stripe's JSON: tests take
// them from `StripeStandIn.events`, sign them with the webhook secret and deliver them (or not, or twice).
import { randomBytes } from "node:crypto";
import { stripeEventBody } from "../modules/payments/gateway/stripe-shapes.ts";

export interface StandInEvent {
  type: string;
  /** The event's JSON body, exactly as Stripe would POST it. */
  payload: string;
}

export class StandInWebhooks {
  readonly events: StandInEvent[] = [];

  /** Records the event `type` about `object` (an intent, a charge) as Stripe would send it. */
  emit(type: string, object: unknown): void {
    this.events.push({
      type,
      payload: stripeEventBody(`evt_${randomBytes(12).toString("hex")}`, type, object),
    });
  }
}
