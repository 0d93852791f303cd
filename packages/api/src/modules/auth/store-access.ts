// The one rule for store-scoped access: an admin acts for any store, a staff member for their own store.
// Everything store-scoped asks here (through `storeStaffProcedure` in trpc.ts for a store named in the
// input, through `actsForStore` for a store found on a row such as an order), so the rule is written once.
import { badRequest, forbidden, notFound } from "../../errors.ts";
import type { AuthUser } from "./tokens.ts";

/** May this user act for (see and change) this store's data? */
export function actsForStore(user: Pick<AuthUser, "role" | "storeId">, storeId: string): boolean {
  return (
    user.role === "admin" || (user.role === "staff" && user.storeId !== null && user.storeId === storeId)
  );
}

/**
 * The store a staff request is about: a staff member's own store (naming another one answers like a store
 * that does not exist), or, for an admin, the store the input names (required).
 */
export function resolveStaffStore(
  user: Pick<AuthUser, "role" | "storeId">,
  requested: string | undefined,
): string {
  if (user.role === "admin") {
    if (!requested) throw badRequest("Choose a store.", { field: "storeId" });
    return requested;
  }
  if (user.role !== "staff" || !user.storeId) throw forbidden("Your account is not allowed to do this.");
  if (requested !== undefined && requested !== user.storeId) throw notFound("We could not find that store.");
  return user.storeId;
}
