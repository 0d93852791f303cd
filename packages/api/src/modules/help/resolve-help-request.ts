// The store answers a help request in one action, in one transaction: a refund (lines, an amount or all
// that is left, through the payments ledger, sent to the gateway after commit), a credit (a code for the
// customer's next order, promos), or a decline with a reason. The order's history gets the outcome
// through the orders module's one write path; `help.resolved` goes to the outbox for the customer's email.
// The request's row lock makes two staff answering at once answer once (the second gets CONFLICT); a
// transaction that lost a deadlock to a payment webhook or the sweep runs again (infra/db-retry.ts).
import type { Database, Transaction } from "@pizza/db";
import { badRequest, conflict, notFound, preconditionFailed } from "../../errors.ts";
import { withDbRetry } from "../../infra/db-retry.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderForReceipt } from "../orders/order-receipt.ts";
import type { OrderView } from "../orders/order-rows.ts";
import type { THelpAction, THelpRequestView } from "./help.schemas.ts";
import type { HelpContext } from "./help-context.ts";
import { HELP_COLUMNS, type HelpRow, helpView, KIND_WORDS, money } from "./help-rows.ts";

type Trx = Transaction<Database>;
type Outcome = {
  status: "refunded" | "credited" | "declined";
  amount: number | null;
  promoId: string | null;
  creditCode: string | null;
  /** The staff's words to the customer (a decline's reason; optional otherwise). */
  note: string | null;
};

export async function resolveHelpRequest(
  ctx: HelpContext,
  user: AuthUser,
  input: { helpRequestId: string; action: THelpAction },
): Promise<THelpRequestView> {
  const { row, order } = await withDbRetry(() => resolveOnce(ctx, user, input));
  return helpView(ctx.db, ctx.promos, row, order);
}

function resolveOnce(
  ctx: HelpContext,
  user: AuthUser,
  input: { helpRequestId: string; action: THelpAction },
): Promise<{ row: HelpRow; order: OrderView }> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom("help_requests")
      .select(HELP_COLUMNS)
      .where("id", "=", input.helpRequestId)
      .forUpdate()
      .executeTakeFirst();
    if (!r || !actsForStore(user, r.store_id)) throw notFound("We could not find that help request.");
    if (r.status !== "open")
      throw conflict(`This request was already answered (${r.status}).`, { reason: "help_already_resolved" });
    const o = await orderForReceipt(trx, r.order_id);
    if (!o) throw notFound("We could not find that order.");
    const outcome = await decide(ctx, trx, user, r, o, input.action);
    const now = ctx.now();
    const updated = await trx
      .updateTable("help_requests")
      .set({
        status: outcome.status,
        resolution_note: outcome.note,
        refund_amount: outcome.status === "refunded" ? outcome.amount : null,
        credit_amount: outcome.status === "credited" ? outcome.amount : null,
        credit_promo_id: outcome.promoId,
        resolved_by: user.id,
        resolved_at: now,
      })
      .where("id", "=", r.id)
      .returning(HELP_COLUMNS)
      .executeTakeFirstOrThrow();
    const amountWords = outcome.amount === null ? "" : ` ${money(outcome.amount, o.currency)}`;
    await ctx.orders.noteHelpOutcome(
      trx,
      o.id,
      `help (${KIND_WORDS[r.kind]}): ${outcome.status}${amountWords}${outcome.note ? ` — ${outcome.note}` : ""}`,
      { id: user.id, role: user.role },
    );
    await writeOutbox(trx, {
      topic: "help.resolved",
      aggregateId: o.id,
      payload: {
        helpRequestId: r.id,
        orderId: o.id,
        orderNumber: o.orderNumber,
        storeId: o.storeId,
        customerId: r.customer_id,
        kind: r.kind,
        at: now.toISOString(),
        outcome: outcome.status,
        amount: outcome.amount,
        currency: o.currency,
        creditCode: outcome.creditCode,
        note: outcome.note,
      },
    });
    return { row: updated, order: o };
  });
}

/** What the action does, inside the transaction; refuses (changing nothing) an amount over the limit. */
async function decide(
  ctx: HelpContext,
  trx: Trx,
  user: AuthUser,
  r: HelpRow,
  o: OrderView,
  action: THelpAction,
): Promise<Outcome> {
  if (action.type === "decline") {
    return { status: "declined", amount: null, promoId: null, creditCode: null, note: action.reason };
  }
  if (action.type === "credit") {
    // A credit is bounded like a refund: never more than the order cost minus what went back already.
    const refundable = await ctx.payments.refundableOf(o.id, trx);
    const most = refundable ? refundable.left : o.total;
    if (action.amount > most)
      throw preconditionFailed(`A credit for this order can be at most ${money(most, o.currency)}.`, {
        reason: "credit_too_large",
        left: most,
      });
    const credit = await ctx.promos.issueCredit(trx, {
      customerId: r.customer_id,
      amount: action.amount,
      currency: o.currency,
      regionCode: o.regionCode,
      orderNumber: o.orderNumber,
      issuedBy: user.id,
      now: ctx.now(),
    });
    const note = action.note || `A credit for your next order: use the code ${credit.code}.`;
    return {
      status: "credited",
      amount: action.amount,
      promoId: credit.promoId,
      creditCode: credit.code,
      note,
    };
  }
  const amount = await refundAmount(ctx, trx, o, action);
  const refund = await ctx.payments.queueGoodwillRefund(trx, o.id, {
    amount,
    reason: `help request: ${KIND_WORDS[r.kind]}`,
    key: `help:${r.id}`,
  });
  return {
    status: "refunded",
    amount: refund.amount,
    promoId: null,
    creditCode: null,
    note: action.note || null,
  };
}

/** The amount of a refund action: the chosen lines, an amount, or all that is left (exactly one). */
async function refundAmount(
  ctx: HelpContext,
  trx: Trx,
  o: OrderView,
  action: Extract<THelpAction, { type: "refund" }>,
): Promise<number> {
  const given = [action.lineNos, action.amount, action.all].filter((v) => v !== undefined).length;
  if (given !== 1) throw badRequest("Refund either some lines, an amount, or everything that is left.");
  if (action.amount !== undefined) return action.amount;
  if (action.lineNos) {
    const lines = o.items.filter((i) => action.lineNos!.includes(i.lineNo));
    if (lines.length !== new Set(action.lineNos).size)
      throw badRequest("Choose lines of this order.", { field: "lineNos" });
    return lines.reduce((s, l) => s + l.lineTotal, 0);
  }
  const refundable = await ctx.payments.refundableOf(o.id, trx);
  if (!refundable)
    throw preconditionFailed("Nothing was paid for this order yet, so nothing can be refunded.");
  if (refundable.left === 0) throw preconditionFailed("This order has already been refunded in full.");
  return refundable.left;
}
