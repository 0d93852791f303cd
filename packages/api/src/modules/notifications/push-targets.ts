// Who gets a push of one kind: of these users, those whose choice for the kind (`decideChannels`, only its
// push target) includes push and who have a browser subscribed in the app; the `user:<id>` target expands
// to all of that user's subscriptions. Also the locale each chose (`auth/user-locales.ts`; null: none).
import type { Database, Kysely } from "@pizza/db";
import { localesOf } from "../auth/user-locales.ts";
import { decideChannels, type PreferenceKind, PUSH_RECIPIENT } from "./channel-choice.ts";
import { type PushApp, subscriptionsOf } from "./push-subscriptions.ts";
import { storedChoicesOf } from "./stored-choices.ts";

export interface PushRecipient {
  userId: string;
  /** The user's own locale tag; null when they never chose one. */
  locale: string | null;
  subscriptionIds: string[];
}

/**
 * The users to push to and their subscriptions. `kind` null: a message no choice governs (an order the
 * driver already carries is ready), sent to every subscribed browser.
 */
export async function pushRecipients(
  db: Kysely<Database>,
  kind: PreferenceKind | null,
  userIds: readonly string[],
  app: PushApp,
): Promise<PushRecipient[]> {
  const subs = await subscriptionsOf(db, [...userIds], app);
  if (subs.length === 0) return [];
  const byUser = new Map<string, string[]>();
  for (const s of subs) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s.id]);
  const stored = kind ? await storedChoicesOf(db, [...byUser.keys()], kind) : new Map();
  const wanted = [...byUser.keys()].filter((userId) => {
    if (!kind) return true;
    // Only whether push is among the user's channels matters here: email and SMS go elsewhere.
    const reach = { userId, email: null, phone: null, phoneVerified: false, pushSubscribed: true };
    const targets = decideChannels(kind, reach, stored.get(userId), ["push"]);
    return targets.some((t) => t.recipient === `${PUSH_RECIPIENT}${userId}`);
  });
  const locales = await localesOf(db, wanted);
  return wanted.map((userId) => ({
    userId,
    locale: locales.get(userId) ?? null,
    subscriptionIds: byUser.get(userId) ?? [],
  }));
}
