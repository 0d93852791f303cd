// Who may change an order's lines, promo and tip (issue 13): the customer whose order it is; the
// store's manager (users.staff_role, migration 0007) or an admin only with a reason, which the
// order's history records. Kitchen crew may move an order through the kitchen, not change what the
// customer bought or tipped. Visibility (someone else's order → NOT_FOUND) is checked before this.

import type { Database, Kysely } from "@pizza/db";
import { badRequest, forbidden } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { staffRoleOf } from "../auth/user-profile.ts";

/**
 * Refuses an actor who may not change the order; answers the note the history records for an edit
 * made on the customer's behalf (null when the customer edits their own order).
 */
export async function editNoteFor(
  db: Kysely<Database>,
  user: AuthUser,
  reason: string | undefined,
): Promise<string | null> {
  if (user.role === "customer") return null;
  if (user.role === "staff") {
    if ((await staffRoleOf(db, user.id)) !== "manager") {
      throw forbidden(
        "Only the customer or the store's manager can change an order's items, promo or tip; ask your manager.",
      );
    }
  } else if (user.role !== "admin") {
    throw forbidden("You cannot change this order.");
  }
  if (!reason) {
    throw badRequest("Say why you are changing the customer's order: a reason is required and recorded.", {
      field: "reason",
    });
  }
  return `changed by ${user.role === "admin" ? "an admin" : "the store's manager"}: ${reason}`;
}
