// The callback's answer travels to the app as a one-time ticket in the URL fragment (never sent to a server,
// never in a Referer, gone from the address bar once read): the app trades it for the platform's tokens
// (or for the sentence why the sign-in was refused) with auth.completeOidcSignIn, and keeps the tokens the
// way it keeps a password sign-in's. Only the ticket's SHA-256 is stored; one minute, single use.
import type { CatalogArgs, Database, Kysely } from "@pizza/db";
import { type Message, storedMessage } from "../../i18n/message.ts";
import { hashToken, newRefreshToken } from "./tokens.ts";

export const TICKET_TTL_MS = 60_000;

export type TicketOutcome = { userId: string } | { refused: Message };

/** Writes a ticket for `outcome` and answers the ticket itself (to put in the fragment). */
export async function issueTicket(db: Kysely<Database>, outcome: TicketOutcome): Promise<string> {
  const { token, hash } = newRefreshToken();
  await db
    .insertInto("oidc_sign_in_tickets")
    .values({
      ticket_hash: hash,
      user_id: "userId" in outcome ? outcome.userId : null,
      error_key: "refused" in outcome ? outcome.refused.key : null,
      error_args: "refused" in outcome ? JSON.stringify(outcome.refused.args) : null,
      expires_at: new Date(Date.now() + TICKET_TTL_MS),
    })
    .execute();
  // Spent and expired tickets are of no use to anyone: each new one sweeps a few away.
  await db
    .deleteFrom("oidc_sign_in_tickets")
    .where("expires_at", "<", new Date(Date.now() - TICKET_TTL_MS))
    .execute();
  return token;
}

/** Spends a ticket (once, before it expires): its outcome, or undefined when it is unknown, used or expired. */
export async function spendTicket(db: Kysely<Database>, ticket: string): Promise<TicketOutcome | undefined> {
  const row = await db
    .updateTable("oidc_sign_in_tickets")
    .set({ used_at: new Date() })
    .where("ticket_hash", "=", hashToken(ticket))
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .returning(["user_id", "error_key", "error_args"])
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.user_id) return { userId: row.user_id };
  const refused = storedMessage(row.error_key, (row.error_args ?? null) as CatalogArgs | null);
  return refused ? { refused } : undefined;
}
