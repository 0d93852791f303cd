import { type Kysely, sql } from "kysely";

// Frozen once landed. A cancel reason the server writes from the message catalog (an unpaid order
// expired) keeps its catalog key and arguments beside the English text in cancel_reason, so the tracker
// says it in the reader's language; a reason staff typed has no key and is shown as typed. Orders already
// cancelled by the expiry sweep get their key and minutes back from the English sentences it wrote.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `alter table orders
         add column cancel_reason_key text,
         add column cancel_reason_args jsonb,
         add constraint orders_cancel_reason_key_args
           check ((cancel_reason_key is null) = (cancel_reason_args is null))`,
    )
    .execute(db);
  const expired: [key: string, sentence: string][] = [
    ["order.expiredUnpaid", "its payment was not completed within (\\d+) minutes?\\. Nothing was charged\\."],
    [
      "order.expiredChallenge",
      "its card verification was not completed within (\\d+) minutes?\\. Nothing was charged\\.",
    ],
    [
      "order.expiredInFlight",
      "its payment was not completed within (\\d+) minutes?\\. If your bank still charges your card, the full amount is refunded automatically\\.",
    ],
  ];
  for (const [key, sentence] of expired) {
    const pattern = `^We cancelled this order because ${sentence}$`;
    await sql`update orders
      set cancel_reason_key = ${key},
          cancel_reason_args = jsonb_build_object('minutes', (regexp_match(cancel_reason, ${pattern}))[1]::int)
      where status = 'cancelled' and cancel_reason ~ ${pattern}`.execute(db);
  }
}
