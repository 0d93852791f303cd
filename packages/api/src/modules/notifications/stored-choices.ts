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

/** What these users stored for one kind, by user id (users who never chose are absent). */
export async function storedChoicesOf(
  db: Kysely<Database>,
  userIds: readonly string[],
  kind: string,
): Promise<Map<string, StoredChoice>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["user_id", "channels", "consented_at"])
    .where("user_id", "in", [...userIds])
    .where("kind", "=", kind)
    .execute();
  return new Map(rows.map((r) => [r.user_id, { channels: r.channels, consentedAt: r.consented_at }]));
}

/** Where a user can be reached, from their contact (and whether they have a browser subscribed to push). */
export function reachOf(userId: string, c: UserContact, pushSubscribed = false): Reach {
  return { userId, email: c.email, phone: c.phone, phoneVerified: c.phoneVerified, pushSubscribed };
}
