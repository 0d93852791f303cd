import { randomBytes } from "node:crypto";
import {
  type CreateIntentInput,
  GatewayError,
  type GatewayIntent,
  type IntentStatus,
} from "./payment-gateway.ts";

/**
 * The simulated gateway's PaymentIntents, with what a client of Stripe may see of one (`view`). Card
 * details are brand and last four only. Kept in an IntentStore: in memory for a gateway of its own (unit
 * tests), in PostgreSQL (simulated-store-pg.ts) for the platform's, so every API node sees the intents a
 * real gateway would keep (a 3-D Secure confirmation often reaches another node than the one that started it).
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

export function newIntent(input: CreateIntentInput): IntentState {
  const id = simulatedId("pi");
  return {
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
}

/** Stripe's refusal of an intent it does not have. */
export const noSuchIntent = (intentId: string) =>
  new GatewayError("invalid", `No such payment_intent: '${intentId}'`, "resource_missing");

export interface IntentStore {
  create(state: IntentState): Promise<void>;
  /** The intent, or Stripe's `resource_missing` refusal. */
  get(intentId: string): Promise<IntentState>;
  /** Runs `change` on the intent alone (no other change of it in between) and keeps what it leaves; a throw keeps nothing. */
  update<T>(intentId: string, change: (state: IntentState) => T): Promise<T>;
}

export class MemoryIntentStore implements IntentStore {
  private readonly intents = new Map<string, IntentState>();

  async create(state: IntentState): Promise<void> {
    this.intents.set(state.id, structuredClone(state));
  }

  async get(intentId: string): Promise<IntentState> {
    const state = this.intents.get(intentId);
    if (!state) throw noSuchIntent(intentId);
    return structuredClone(state);
  }

  async update<T>(intentId: string, change: (state: IntentState) => T): Promise<T> {
    const state = await this.get(intentId);
    const result = change(state);
    this.intents.set(intentId, state);
    return result;
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
