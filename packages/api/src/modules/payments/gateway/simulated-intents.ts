import { randomBytes } from "node:crypto";
import {
  type CreateIntentInput,
  GatewayError,
  type GatewayIntent,
  type IntentStatus,
} from "./payment-gateway.ts";

/**
 * The simulated gateway's intent store: every PaymentIntent it has created, in memory, with what a
 * client of Stripe may see of one (`view`). Card details are brand and last four only.
 */

export interface IntentState {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  clientSecret: string;
  metadata: Record<string, string>;
  lastError: GatewayIntent["lastError"];
  card: GatewayIntent["card"];
  nextAction: GatewayIntent["nextAction"];
  chargeId: string | null;
  amountRefunded: number;
  refundIds: string[];
  /** The card waiting for 3-D Secure: brand/last4 only. */
  pendingCard: { brand: string; last4: string } | null;
}

/** An id in Stripe's style (`pi_…`, `ch_…`, `re_…`, `evt_…`), marked as the simulation's. */
export const simulatedId = (prefix: string) => `${prefix}_sim_${randomBytes(12).toString("hex")}`;

export class SimulatedIntents {
  private readonly intents = new Map<string, IntentState>();

  create(input: CreateIntentInput): IntentState {
    const id = simulatedId("pi");
    const state: IntentState = {
      id,
      status: "requires_payment_method",
      amount: input.amount,
      currency: input.currency.toUpperCase(),
      clientSecret: `${id}_secret_${randomBytes(8).toString("hex")}`,
      metadata: { ...input.metadata },
      lastError: null,
      card: null,
      nextAction: null,
      chargeId: null,
      amountRefunded: 0,
      refundIds: [],
      pendingCard: null,
    };
    this.intents.set(id, state);
    return state;
  }

  /** The intent, or Stripe's `resource_missing` refusal. */
  get(intentId: string): IntentState {
    const state = this.intents.get(intentId);
    if (!state)
      throw new GatewayError("invalid", `No such payment_intent: '${intentId}'`, "resource_missing");
    return state;
  }
}

/** What a client sees of an intent: a copy, so later changes of the state do not show through. */
export function intentView(state: IntentState): GatewayIntent {
  return {
    id: state.id,
    status: state.status,
    amount: state.amount,
    currency: state.currency,
    clientSecret: state.clientSecret,
    nextAction: state.nextAction ? { ...state.nextAction } : null,
    lastError: state.lastError ? { ...state.lastError } : null,
    card: state.card ? { ...state.card } : null,
    amountRefunded: state.amountRefunded,
    metadata: { ...state.metadata },
  };
}

/** Stripe's refusal of an operation the intent's status does not allow. */
export function unexpectedState(state: IntentState): GatewayError {
  return new GatewayError(
    "invalid",
    `This PaymentIntent's status is ${state.status}, which does not allow this operation.`,
    "payment_intent_unexpected_state",
  );
}
