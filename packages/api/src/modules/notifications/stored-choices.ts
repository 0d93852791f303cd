// The channel choices a user stored, by kind (kinds they never chose are absent: their default applies).
import type { Database, Kysely } from "@pizza/db";
import type { UserContact } from "../auth/user-contact.ts";
import type { Reach, StoredChoice } from "./channel-choice.ts";

export async function storedChoices(
  db: Kysely<Database>,
  userId: string,
): Promise<Map<string, StoredChoice>> {
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["kind", "channels", "consented_at"])
    .where("user_id", "=", userId)
    .execute();
  return new Map(rows.map((r) => [r.kind, { channels: r.channels, consentedAt: r.consented_at }]));
}

/** Where a user can be reached, from their contact. */
export function reachOf(userId: string, c: UserContact): Reach {
  return { userId, email: c.email, phone: c.phone, phoneVerified: c.phoneVerified };
}
