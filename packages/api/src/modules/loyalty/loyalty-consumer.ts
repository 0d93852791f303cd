// Loyalty on the event stream (through `handleOnce`, like the notification consumers): an order that
// reaches delivered or picked_up earns its points; `order.cancelled` takes them all back and
// `payment.refunded` the refunded share of the payment.
import type { Database, Transaction } from "@pizza/db";
import type { OnceConsumer, TopicEvent } from "../../events/consumers.ts";
import { earnPoints } from "./earn-points.ts";
import { returnRedeemedPoints } from "./return-points.ts";
import { reversePoints } from "./reverse-points.ts";

type Topics = "order.status_changed" | "order.cancelled" | "payment.refunded";

/** The statuses an order earns its points at. */
const finished = (status: string) => status === "delivered" || status === "picked_up";

export function loyaltyConsumer(): OnceConsumer<Topics> {
  return {
    name: "loyalty.points",
    topics: ["order.status_changed", "order.cancelled", "payment.refunded"],
    wants: (event) => event.topic !== "order.status_changed" || finished(event.payload.status),
    async handle(event: TopicEvent<Topics>, trx: Transaction<Database>) {
      if (event.topic === "order.status_changed") {
        const p = event.payload;
        if (!finished(p.status)) return;
        await earnPoints(trx, { orderId: p.orderId, regionCode: p.regionCode, at: new Date(p.at) });
      } else if (event.topic === "order.cancelled") {
        await reversePoints(trx, {
          orderId: event.payload.orderId,
          eventKey: event.id,
          share: 1,
          reason: "order cancelled",
        });
        await returnRedeemedPoints(trx, event.payload.orderId);
      } else {
        const p = event.payload;
        const refunded = p.amountRefunded ?? p.refundedNow ?? p.amount;
        await reversePoints(trx, {
          orderId: p.orderId,
          eventKey: event.id,
          share: p.amount > 0 ? refunded / p.amount : 1,
          reason: "order refunded",
        });
      }
    },
  };
}
