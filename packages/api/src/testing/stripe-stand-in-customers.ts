import { randomBytes } from "node:crypto";
import { invalid, missing, type Reply } from "./stripe-stand-in-replies.ts";

/**
 * The Stripe stand-in's Customers and the cards saved on them, answered as Stripe's API documents it:
 * `POST /v1/customers`, `GET /v1/customers/:id/payment_methods?type=card`, `GET /v1/payment_methods?customer=`
 * and `POST /v1/payment_methods/:id/detach`. A card is saved when an intent with a `customer` and
 * `setup_future_usage` succeeds: Stripe then keeps a new PaymentMethod (its own id) attached to that
 * customer. A saved card only pays for intents of its own customer, and a detached one never again.
 */

export interface TestCard {
  brand: string;
  last4: string;
  outcome: "ok" | "declined" | "insufficient" | "3ds";
}

export interface SavedMethod extends TestCard {
  id: string;
  customer: string | null;
  exp_month: number;
  exp_year: number;
  created: number;
}

/** Stripe's test cards carry no expiry of their own here; every saved one expires 12/2030. */
const EXP = { exp_month: 12, exp_year: 2030 };

export class StandInCustomers {
  readonly customers = new Map<string, { id: string; metadata: Record<string, string> }>();
  readonly methods = new Map<string, SavedMethod>();
  private order = 0;

  /** Keeps a copy of the card a succeeded intent used on the intent's customer; returns its id. */
  save(customer: string, card: TestCard): string {
    const id = `pm_${randomBytes(12).toString("hex")}`;
    // Newest first, as Stripe lists them: `created` in seconds plus a tie-breaker.
    this.methods.set(id, { id, customer, ...card, ...EXP, created: ++this.order });
    return id;
  }

  /**
   * Why a saved card cannot pay for an intent of `customer` (Stripe's own refusals), or null when it
   * can — or when `pmId` is not a saved card at all.
   */
  refusal(pmId: string, customer: string | null): Reply | null {
    const pm = this.methods.get(pmId);
    if (!pm) return null;
    if (pm.customer === null)
      return invalid(
        "The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.",
      );
    if (pm.customer !== customer)
      return invalid(
        "The provided PaymentMethod belongs to a Customer, but you did not supply the Customer's id with the PaymentIntent.",
      );
    return null;
  }

  /** The routes above; undefined when the path is not one of them. */
  route(method: string, path: string, query: Record<string, unknown>): Reply | undefined {
    if (method === "POST" && path === "/v1/customers") {
      const id = `cus_${randomBytes(7).toString("hex")}`;
      const metadata = (query.metadata as Record<string, string>) ?? {};
      this.customers.set(id, { id, metadata });
      return { status: 200, body: { id, object: "customer", metadata, livemode: false } };
    }
    const ofCustomer = path.match(/^\/v1\/customers\/(\w+)\/payment_methods$/);
    if (method === "GET" && (ofCustomer || path === "/v1/payment_methods")) {
      const customer = ofCustomer ? ofCustomer[1]! : String(query.customer ?? "");
      if (!this.customers.has(customer)) return missing("customer", customer);
      const data = [...this.methods.values()]
        .filter((pm) => pm.customer === customer && (!query.type || query.type === "card"))
        .sort((a, b) => b.created - a.created)
        .map(render);
      return { status: 200, body: { object: "list", data, has_more: false, url: path } };
    }
    const detach = path.match(/^\/v1\/payment_methods\/(\w+)\/detach$/);
    if (method === "POST" && detach) {
      const pm = this.methods.get(detach[1]!);
      if (!pm) return missing("payment_method", detach[1]!);
      if (pm.customer === null)
        return invalid(
          "The payment method you provided is not attached to a customer so detachment is impossible.",
        );
      pm.customer = null;
      return { status: 200, body: render(pm) };
    }
    return undefined;
  }
}

function render(pm: SavedMethod) {
  return {
    id: pm.id,
    object: "payment_method",
    type: "card",
    customer: pm.customer,
    created: pm.created,
    livemode: false,
    card: { brand: pm.brand, last4: pm.last4, exp_month: pm.exp_month, exp_year: pm.exp_year },
  };
}
