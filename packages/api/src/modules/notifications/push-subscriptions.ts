// The push subscriptions table (`push_subscriptions`, owned here): a browser's push-service endpoint and the
// keys its messages are encrypted to, per user and app. The endpoint is unique: a device that signs in as
// someone else moves its subscription to them, so one phone never notifies two accounts.
import type { Database, Kysely } from "@pizza/db";
import type { PushTarget } from "../../infra/notifier-push.ts";

export type PushApp = "driver" | "customer";

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface StoredSubscription extends PushTarget {
  id: string;
  userId: string;
  app: PushApp;
}

/** The most subscriptions one account keeps (phones, browsers); subscribing beyond drops the oldest. */
export const MAX_SUBSCRIPTIONS_PER_USER = 10;

/** Saves (or moves to this user and app) the subscription; answers its id. */
export async function saveSubscription(
  db: Kysely<Database>,
  userId: string,
  app: PushApp,
  s: PushSubscriptionInput,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("push_subscriptions")
      .values({ user_id: userId, app, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth })
      .onConflict((oc) =>
        oc.column("endpoint").doUpdateSet({
          user_id: userId,
          app,
          p256dh: s.keys.p256dh,
          auth: s.keys.auth,
          created_at: new Date(),
        }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    const keep = await trx
      .selectFrom("push_subscriptions")
      .select("id")
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .limit(MAX_SUBSCRIPTIONS_PER_USER)
      .execute();
    await trx
      .deleteFrom("push_subscriptions")
      .where("user_id", "=", userId)
      .where(
        "id",
        "not in",
        keep.map((k) => k.id),
      )
      .execute();
    return row.id;
  });
}

/** Removes the user's own subscription with this endpoint; false when they have none such. */
export async function removeSubscription(db: Kysely<Database>, userId: string, endpoint: string) {
  const gone = await db
    .deleteFrom("push_subscriptions")
    .where("user_id", "=", userId)
    .where("endpoint", "=", endpoint)
    .returning("id")
    .executeTakeFirst();
  return gone !== undefined;
}

const toStored = (r: {
  id: string;
  user_id: string;
  app: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}): StoredSubscription => ({
  id: r.id,
  userId: r.user_id,
  app: r.app as PushApp,
  endpoint: r.endpoint,
  keys: { p256dh: r.p256dh, auth: r.auth },
});

const COLUMNS = ["id", "user_id", "app", "endpoint", "p256dh", "auth"] as const;

export async function subscriptionById(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom("push_subscriptions")
    .select(COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/** The subscriptions of these users in one app. */
export async function subscriptionsOf(db: Kysely<Database>, userIds: string[], app: PushApp) {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("push_subscriptions")
    .select(COLUMNS)
    .where("user_id", "in", userIds)
    .where("app", "=", app)
    .execute();
  return rows.map(toStored);
}

/** Does this user have a browser subscribed to push (in any app)? */
export async function hasSubscription(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("push_subscriptions")
    .select("id")
    .where("user_id", "=", userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSubscription(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
}

export async function markSubscriptionUsed(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable("push_subscriptions")
    .set({ last_success_at: new Date() })
    .where("id", "=", id)
    .execute();
}
