import type {
  CardGateway,
  ConfirmInput,
  CreateIntentInput,
  GatewayEvent,
  GatewayIntent,
  GatewayRefund,
  PaymentGateway,
  RefundInput,
  SavedCard,
} from "./payment-gateway.ts";
import { SimulatedGateway } from "./simulated-gateway.ts";
import type { SimulatedPayPal } from "./simulated-paypal.ts";

/** How a PayPal order's id is kept as an intent reference, so every later call finds its way to PayPal. */
export const PAYPAL_REF = "paypal:";

export function isPayPalRef(intentId: string): boolean {
  return intentId.startsWith(PAYPAL_REF);
}

/**
 * The card gateway (Stripe or the simulation) and PayPal behind the one port the payments module uses:
 * an intent created with `wallet: "paypal"` is a PayPal order whose id is kept as `paypal:<order id>`;
 * every other call goes where its intent lives. Webhooks: PayPal's deliveries reach parseWebhook with the
 * transmission headers as a JSON signature (webhooks.ts), Stripe's with its `t=…,v1=…` header.
 * The payment rows keep the card gateway's name (`payments.gateway`); the intent reference tells PayPal.
 */
export class RoutedGateway implements PaymentGateway {
  readonly name: CardGateway["name"];
  readonly testMode: boolean;
  readonly publishableKey: string | null;
  createCustomer?: PaymentGateway["createCustomer"];
  setIntentCustomer?: PaymentGateway["setIntentCustomer"];
  listSavedCards?: (customerId: string) => Promise<SavedCard[]>;
  detachSavedCard?: (paymentMethodId: string) => Promise<void>;

  constructor(
    readonly card: CardGateway,
    readonly paypal: PaymentGateway,
    /** The embedded default's simulated PayPal, whose approval page the server shows (simulated-paypal-routes.ts). */
    readonly simulatedPayPal: SimulatedPayPal | null = null,
  ) {
    this.name = card.name;
    this.testMode = card.testMode;
    this.publishableKey = card.publishableKey;
    // Saved cards stay the card gateway's: present only when it has them (Stripe).
    if (card.createCustomer) this.createCustomer = card.createCustomer.bind(card);
    if (card.setIntentCustomer) this.setIntentCustomer = card.setIntentCustomer.bind(card);
    if (card.listSavedCards) this.listSavedCards = card.listSavedCards.bind(card);
    if (card.detachSavedCard) this.detachSavedCard = card.detachSavedCard.bind(card);
  }

  async createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    if (input.wallet === "paypal") return ours(await this.paypal.createIntent(input));
    return this.card.createIntent(input);
  }

  updateAmount(intentId: string, amount: number, idempotencyKey: string): Promise<GatewayIntent> {
    return this.via(intentId, (g, id) => g.updateAmount(id, amount, idempotencyKey));
  }

  confirm(input: ConfirmInput): Promise<GatewayIntent> {
    return this.via(input.intentId, (g, intentId) => g.confirm({ ...input, intentId }));
  }

  retrieve(intentId: string): Promise<GatewayIntent> {
    return this.via(intentId, (g, id) => g.retrieve(id));
  }

  cancel(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.via(intentId, (g, id) => g.cancel(id, idempotencyKey));
  }

  async refund(input: RefundInput): Promise<GatewayRefund> {
    if (!isPayPalRef(input.intentId)) return this.card.refund(input);
    const refund = await this.paypal.refund({ ...input, intentId: input.intentId.slice(PAYPAL_REF.length) });
    return { ...refund, intentId: input.intentId };
  }

  async parseWebhook(rawBody: Buffer | string, signature: string | undefined): Promise<GatewayEvent> {
    if (!signature?.startsWith("{")) return this.card.parseWebhook(rawBody, signature);
    const event = await this.paypal.parseWebhook(rawBody, signature);
    if (event.type === "other") return event;
    if (event.type === "charge.refunded")
      return { ...event, charge: { ...event.charge, intentId: `${PAYPAL_REF}${event.charge.intentId}` } };
    return { ...event, intent: ours(event.intent) };
  }

  private async via(
    intentId: string,
    call: (gateway: PaymentGateway, id: string) => Promise<GatewayIntent>,
  ): Promise<GatewayIntent> {
    if (!isPayPalRef(intentId)) return call(this.card, intentId);
    return ours(await call(this.paypal, intentId.slice(PAYPAL_REF.length)));
  }
}

function ours(intent: GatewayIntent): GatewayIntent {
  return { ...intent, id: `${PAYPAL_REF}${intent.id}` };
}

/** The embedded simulation behind the port, if that is the card gateway (its test knobs, its webhooks). */
export function simulationOf(gateway: PaymentGateway): SimulatedGateway | null {
  const card = gateway instanceof RoutedGateway ? gateway.card : gateway;
  return card instanceof SimulatedGateway ? card : null;
}
