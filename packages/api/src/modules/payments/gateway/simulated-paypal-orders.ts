import { randomBytes } from "node:crypto";

/**
 * What the simulated PayPal (simulated-paypal.ts; the tests' stand-in) answers for Orders v2 and captured payments, as PayPal's
 * API reference documents it: orders created for CAPTURE, approved by the buyer, captured once, refunded
 * against the capture up to its amount, with the issues PayPal names when it refuses.
 */

export type Reply = { status: number; body?: unknown };
type Money = { currency_code: string; value: string };

/** How the buyer's funding source behaves at capture (PayPal's sandbox "negative testing" in spirit). */
export type Funding = "ok" | "declined";

interface StandInCapture {
  id: string;
  status: "COMPLETED" | "PARTIALLY_REFUNDED" | "REFUNDED";
  amount: Money;
  orderId: string;
}

interface StandInOrder {
  id: string;
  status: "CREATED" | "PAYER_ACTION_REQUIRED" | "APPROVED" | "COMPLETED";
  unit: { reference_id: string; custom_id?: string; amount: Money; description?: string };
  returnUrl: string | null;
  cancelUrl: string | null;
  funding: Funding | null;
  capture: StandInCapture | null;
  refunds: { id: string; status: "COMPLETED"; amount: Money }[];
  created: string;
}

/** PayPal's error body: a name, a message and the issue that tells a client what went wrong. */
export function issue(status: number, name: string, issueName: string, description: string): Reply {
  return {
    status,
    body: { name, message: description, details: [{ issue: issueName, description }], debug_id: hex(6) },
  };
}

const CURRENCIES: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

/** Minor units of a PayPal amount, or the issue PayPal names for a malformed one. */
export function checkedMinor(money: unknown): number | Reply {
  const m = money as Partial<Money> | undefined;
  if (!m || typeof m.currency_code !== "string" || typeof m.value !== "string")
    return issue(
      400,
      "INVALID_REQUEST",
      "MISSING_REQUIRED_PARAMETER",
      "amount needs currency_code and value.",
    );
  const decimals = CURRENCIES[m.currency_code];
  if (decimals === undefined)
    return issue(
      422,
      "UNPROCESSABLE_ENTITY",
      "CURRENCY_NOT_SUPPORTED",
      `${m.currency_code} is not supported.`,
    );
  const pattern = decimals === 0 ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!pattern.test(m.value))
    return issue(
      422,
      "UNPROCESSABLE_ENTITY",
      "DECIMAL_PRECISION",
      `${m.value} is not a ${m.currency_code} amount (${decimals} decimals).`,
    );
  const [whole, fraction = ""] = m.value.split(".");
  return Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, "0") || 0);
}

function money(minor: number, currency: string): Money {
  const decimals = CURRENCIES[currency] ?? 2;
  if (decimals === 0) return { currency_code: currency, value: String(minor) };
  return {
    currency_code: currency,
    value: `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`,
  };
}

function hex(bytes: number) {
  return randomBytes(bytes).toString("hex").toUpperCase();
}

export class StandInOrders {
  private readonly orders = new Map<string, StandInOrder>();
  private readonly captures = new Map<string, StandInCapture>();

  constructor(
    private readonly base: () => string,
    private readonly emit: (eventType: string, resource: unknown) => void,
  ) {}

  get(orderId: string): StandInOrder | undefined {
    return this.orders.get(orderId);
  }

  /** Successful captures of an order: what the exactly-once tests count. */
  capturesFor(orderId: string): number {
    return this.orders.get(orderId)?.capture ? 1 : 0;
  }

  /** The buyer approves on PayPal's page; `funding` says whether the capture will be declined. */
  approve(orderId: string, funding: Funding = "ok"): StandInOrder | undefined {
    const order = this.orders.get(orderId);
    if (!order || (order.status !== "CREATED" && order.status !== "PAYER_ACTION_REQUIRED")) return order;
    order.status = "APPROVED";
    order.funding = funding;
    this.emit("CHECKOUT.ORDER.APPROVED", this.view(order));
    return order;
  }

  route(method: string, path: string, body: Record<string, unknown> | unknown[]): Reply | undefined {
    const b = body as Record<string, unknown>;
    if (method === "POST" && path === "/v2/checkout/orders") return this.create(b);
    let m = /^\/v2\/checkout\/orders\/([^/]+)$/.exec(path);
    if (m && method === "GET") return this.withOrder(m[1]!, (o) => ({ status: 200, body: this.view(o) }));
    if (m && method === "PATCH") return this.withOrder(m[1]!, (o) => this.patch(o, body));
    m = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/.exec(path);
    if (m && method === "POST") return this.withOrder(m[1]!, (o) => this.capture(o));
    m = /^\/v2\/payments\/captures\/([^/]+)$/.exec(path);
    if (m && method === "GET") {
      const capture = this.captures.get(m[1]!);
      if (!capture) return notFound();
      return { status: 200, body: this.captureView(capture) };
    }
    m = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(path);
    if (m && method === "POST") return this.refund(m[1]!, b);
    return undefined;
  }

  private create(body: Record<string, unknown>): Reply {
    if (body.intent !== "CAPTURE")
      return issue(400, "INVALID_REQUEST", "INVALID_PARAMETER_VALUE", "intent must be CAPTURE here.");
    const units = body.purchase_units as Record<string, unknown>[] | undefined;
    if (!Array.isArray(units) || units.length !== 1)
      return issue(400, "INVALID_REQUEST", "INVALID_ARRAY_LENGTH", "One purchase unit is expected.");
    const unit = units[0]!;
    const minor = checkedMinor(unit.amount);
    if (typeof minor !== "number") return minor;
    const experience = (body.payment_source as { paypal?: { experience_context?: Record<string, string> } })
      ?.paypal?.experience_context;
    const order: StandInOrder = {
      id: hex(8).slice(0, 17),
      status: experience ? "PAYER_ACTION_REQUIRED" : "CREATED",
      unit: {
        reference_id: typeof unit.reference_id === "string" ? unit.reference_id : "default",
        ...(typeof unit.custom_id === "string" ? { custom_id: unit.custom_id } : {}),
        amount: unit.amount as Money,
        ...(typeof unit.description === "string" ? { description: unit.description } : {}),
      },
      returnUrl: experience?.return_url ?? null,
      cancelUrl: experience?.cancel_url ?? null,
      funding: null,
      capture: null,
      refunds: [],
      created: new Date().toISOString(),
    };
    this.orders.set(order.id, order);
    return { status: 201, body: this.view(order) };
  }

  private patch(order: StandInOrder, body: unknown): Reply {
    if (order.status === "COMPLETED")
      return issue(422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_COMPLETED", "The order is already completed.");
    if (!Array.isArray(body))
      return issue(400, "INVALID_REQUEST", "MALFORMED_REQUEST_JSON", "A JSON Patch array.");
    for (const op of body as { op: string; path: string; value: unknown }[]) {
      const m = /^\/purchase_units\/@reference_id=='([^']*)'\/(amount|custom_id)$/.exec(op.path);
      if (!m || m[1] !== order.unit.reference_id || !["add", "replace"].includes(op.op))
        return issue(422, "UNPROCESSABLE_ENTITY", "PATCH_PATH_REQUIRED", `Cannot patch ${op.path}.`);
      if (m[2] === "amount") {
        const minor = checkedMinor(op.value);
        if (typeof minor !== "number") return minor;
        if ((op.value as Money).currency_code !== order.unit.amount.currency_code)
          return issue(422, "UNPROCESSABLE_ENTITY", "CURRENCY_MISMATCH", "The currency cannot change.");
        order.unit.amount = op.value as Money;
      } else order.unit.custom_id = String(op.value);
    }
    return { status: 204 };
  }

  private capture(order: StandInOrder): Reply {
    if (order.status === "COMPLETED")
      return issue(422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED", "Order already captured.");
    if (order.status !== "APPROVED")
      return issue(
        422,
        "UNPROCESSABLE_ENTITY",
        "ORDER_NOT_APPROVED",
        "Payer has not yet approved the Order.",
      );
    if (order.funding === "declined") {
      // PayPal's documented answer: redirect the buyer back to choose another funding source.
      order.status = "PAYER_ACTION_REQUIRED";
      order.funding = null;
      return issue(
        422,
        "UNPROCESSABLE_ENTITY",
        "INSTRUMENT_DECLINED",
        "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
      );
    }
    const capture: StandInCapture = {
      id: hex(8).slice(0, 17),
      status: "COMPLETED",
      amount: { ...order.unit.amount },
      orderId: order.id,
    };
    order.capture = capture;
    order.status = "COMPLETED";
    this.captures.set(capture.id, capture);
    this.emit("PAYMENT.CAPTURE.COMPLETED", this.captureView(capture));
    return { status: 201, body: this.view(order) };
  }

  private refund(captureId: string, body: Record<string, unknown>): Reply {
    const capture = this.captures.get(captureId);
    if (!capture) return notFound();
    const order = this.orders.get(capture.orderId)!;
    const currency = capture.amount.currency_code;
    const captured = checkedMinor(capture.amount) as number;
    const refunded = order.refunds.reduce((sum, r) => sum + (checkedMinor(r.amount) as number), 0);
    const requested = body.amount === undefined ? captured - refunded : checkedMinor(body.amount);
    if (typeof requested !== "number") return requested;
    if (
      (body.amount as Money | undefined)?.currency_code &&
      (body.amount as Money).currency_code !== currency
    )
      return issue(
        422,
        "UNPROCESSABLE_ENTITY",
        "CURRENCY_MISMATCH",
        "Refund currency must match the capture.",
      );
    if (capture.status === "REFUNDED")
      return issue(
        422,
        "UNPROCESSABLE_ENTITY",
        "CAPTURE_FULLY_REFUNDED",
        "The capture has already been fully refunded.",
      );
    if (requested <= 0 || refunded + requested > captured)
      return issue(
        422,
        "UNPROCESSABLE_ENTITY",
        "REFUND_AMOUNT_EXCEEDED",
        "The refund amount must be less than or equal to the capture amount that has not yet been refunded.",
      );
    const refund = {
      id: hex(8).slice(0, 17),
      status: "COMPLETED" as const,
      amount: money(requested, currency),
    };
    order.refunds.push(refund);
    capture.status = refunded + requested === captured ? "REFUNDED" : "PARTIALLY_REFUNDED";
    const view = {
      ...refund,
      links: [
        { href: `${this.base()}/v2/payments/refunds/${refund.id}`, rel: "self", method: "GET" },
        { href: `${this.base()}/v2/payments/captures/${capture.id}`, rel: "up", method: "GET" },
      ],
    };
    this.emit("PAYMENT.CAPTURE.REFUNDED", view);
    return { status: 201, body: view };
  }

  private withOrder(orderId: string, then: (o: StandInOrder) => Reply): Reply {
    const order = this.orders.get(orderId);
    return order ? then(order) : notFound();
  }

  private captureView(capture: StandInCapture) {
    return {
      id: capture.id,
      status: capture.status,
      amount: capture.amount,
      final_capture: true,
      supplementary_data: { related_ids: { order_id: capture.orderId } },
      links: [{ href: `${this.base()}/v2/payments/captures/${capture.id}`, rel: "self", method: "GET" }],
    };
  }

  view(order: StandInOrder) {
    const base = this.base();
    const awaiting = order.status === "CREATED" || order.status === "PAYER_ACTION_REQUIRED";
    return {
      id: order.id,
      intent: "CAPTURE",
      status: order.status,
      create_time: order.created,
      purchase_units: [
        {
          ...order.unit,
          ...(order.capture
            ? {
                payments: {
                  captures: [
                    { id: order.capture.id, status: order.capture.status, amount: order.capture.amount },
                  ],
                  refunds: order.refunds,
                },
              }
            : {}),
        },
      ],
      ...(order.status === "APPROVED" || order.status === "COMPLETED"
        ? { payment_source: { paypal: { email_address: "buyer@example.com", account_id: "STANDINPAYER1" } } }
        : {}),
      links: [
        { href: `${base}/v2/checkout/orders/${order.id}`, rel: "self", method: "GET" },
        ...(awaiting
          ? [
              {
                href: `${base}/checkoutnow?token=${order.id}`,
                rel: order.status === "PAYER_ACTION_REQUIRED" ? "payer-action" : "approve",
                method: "GET",
              },
            ]
          : []),
        ...(order.status === "APPROVED"
          ? [{ href: `${base}/v2/checkout/orders/${order.id}/capture`, rel: "capture", method: "POST" }]
          : []),
      ],
    };
  }
}

function notFound(): Reply {
  return issue(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist.");
}
