// The handover code (issue 20): a 4-digit code the customer sees in their tracker and tells the driver at
// the door (or the counter, for carryout). Orders need one when the store says so: cash orders above the
// store's `handover_code_cash_above` (minor units; null = never) and orders with an age-restricted item.
// It is made at placement with a CSPRNG and kept as issued on the order (the customer's tracker shows it
// again; hashing 10,000 possible codes would protect nothing, the attempt limit and who may read it do).
// Guessing is limited: every wrong code is counted in its own committed transaction under the order's row
// lock, and after MAX_HANDOVER_ATTEMPTS the code is locked until a manager confirms the handover. Only the
// order's customer (or its tracking link) is ever given the code; drivers and staff only see whether one
// is needed, how many attempts failed and whether it was verified.
import { randomInt } from "node:crypto";
import type { Database, Kysely, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import { badRequest, preconditionFailed } from "../../errors.ts";
import { ageRestrictedItems } from "../menu/age-restricted.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";

/** Wrong codes allowed per order before the store must confirm the handover (a DB check holds it too). */
export const MAX_HANDOVER_ATTEMPTS = 5;

export const newHandoverCode = (): string => String(randomInt(0, 10_000)).padStart(4, "0");

/** A new order's code, or null when the store does not ask for one. */
export async function handoverCodeFor(
  db: Kysely<Database>,
  order: { storeId: string; paymentMethod: "card" | "cash"; total: number; itemIds: readonly string[] },
): Promise<string | null> {
  const store = await storeForDispatch(db, order.storeId);
  const cashAbove = store?.handoverCashAbove ?? null;
  if (needsCodeForCash(cashAbove, order)) return newHandoverCode();
  return (await ageRestrictedItems(db, order.itemIds)).size > 0 ? newHandoverCode() : null;
}

/** The same decision from what placement already read (placement-reads.ts). */
export function handoverCodeFrom(
  read: { handoverCashAbove: number | null; ageRestricted: ReadonlySet<string> },
  order: { paymentMethod: "card" | "cash"; total: number },
): string | null {
  return needsCodeForCash(read.handoverCashAbove, order) || read.ageRestricted.size > 0
    ? newHandoverCode()
    : null;
}

const needsCodeForCash = (
  cashAbove: number | null,
  order: { paymentMethod: "card" | "cash"; total: number },
) => order.paymentMethod === "cash" && cashAbove !== null && order.total > cashAbove;

/** An edited order that now needs a code (more cash, beer added) gets one; a code once given stays. */
export async function codeAfterEdit(
  trx: Transaction<Database>,
  order: { id: string; store_id: string; payment_method: "card" | "cash"; total: number },
  itemIds: readonly string[],
): Promise<void> {
  const code = await handoverCodeFor(trx, {
    storeId: order.store_id,
    paymentMethod: order.payment_method,
    total: order.total,
    itemIds,
  });
  if (!code) return;
  await trx
    .updateTable("orders")
    .set({ handover_code: code })
    .where("id", "=", order.id)
    .where("handover_code", "is", null)
    .execute();
}

/** The code itself, for the order's customer only (their tracker, their tracking link); null without one. */
export async function handoverCodeOf(db: Kysely<Database>, orderId: string): Promise<string | null> {
  const row = await db
    .selectFrom("orders")
    .select(["handover_code", "handover_verified_at"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  return row && !row.handover_verified_at ? row.handover_code : null;
}

/** How a handover was allowed: the customer's code, a manager's confirmation, or no code was needed. */
export type HandoverProof = "code" | "confirmed" | "none";

/**
 * Checks the code given at the door or the counter. A wrong one is counted (committed, even though the
 * caller's action is then refused), missing and locked ones are refused; nothing else is written. The
 * caller then records the handover with `recordHandover` in its own transaction.
 */
export async function tryHandoverCode(
  db: Kysely<Database>,
  orderId: string,
  given: string | undefined,
): Promise<HandoverProof> {
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("orders")
      .select(["handover_code", "handover_failures", "handover_confirmed_by"])
      .where("id", "=", orderId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row?.handover_code) return "none" as const;
    if (row.handover_confirmed_by) return "confirmed" as const;
    if (row.handover_failures >= MAX_HANDOVER_ATTEMPTS) return "locked" as const;
    if (given === undefined || given === "") return "missing" as const;
    if (given === row.handover_code) return "code" as const;
    const counted = await trx
      .updateTable("orders")
      .set({ handover_failures: sql`handover_failures + 1` })
      .where("id", "=", orderId)
      .returning("handover_failures")
      .executeTakeFirstOrThrow();
    return { attemptsLeft: MAX_HANDOVER_ATTEMPTS - counted.handover_failures };
  });
  if (typeof outcome === "object") {
    throw badRequest(
      outcome.attemptsLeft > 0
        ? `That is not the customer's code; check it with them (${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? "attempt" : "attempts"} left).`
        : "That is not the customer's code either; no more attempts: ask the store to confirm the handover.",
      { field: "handoverCode", reason: "wrong_handover_code", attemptsLeft: outcome.attemptsLeft },
    );
  }
  if (outcome === "missing")
    throw badRequest("This order needs the customer's 4-digit handover code; ask them for it.", {
      field: "handoverCode",
      reason: "handover_code_required",
    });
  if (outcome === "locked")
    throw preconditionFailed(
      `The code was wrong ${MAX_HANDOVER_ATTEMPTS} times; ask the store to confirm the handover.`,
      { reason: "handover_locked" },
    );
  return outcome;
}

/**
 * In the handing-over transaction: the code (or the confirmation) still holds — a lockout by attempts in
 * between refuses — and the order records when it was verified.
 */
export async function recordHandover(
  trx: Transaction<Database>,
  orderId: string,
  proof: HandoverProof,
): Promise<void> {
  if (proof === "none") return;
  const done = await trx
    .updateTable("orders")
    .set({ handover_verified_at: new Date() })
    .where("id", "=", orderId)
    .where((eb) =>
      proof === "confirmed"
        ? eb("handover_confirmed_by", "is not", null)
        : eb("handover_failures", "<", MAX_HANDOVER_ATTEMPTS),
    )
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1)
    throw preconditionFailed(
      `The code was wrong ${MAX_HANDOVER_ATTEMPTS} times; ask the store to confirm the handover.`,
      { reason: "handover_locked" },
    );
}

/** A manager lets a locked (or any) handover go ahead without the code; recorded with who did it. */
export async function confirmHandover(
  trx: Transaction<Database>,
  orderId: string,
  staffId: string,
): Promise<boolean> {
  const done = await trx
    .updateTable("orders")
    .set({ handover_confirmed_by: staffId })
    .where("id", "=", orderId)
    .where("handover_code", "is not", null)
    .where("handover_verified_at", "is", null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
