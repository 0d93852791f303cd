// Renders a failed-delivery digest job at send time: the window's failures (of the job's store, or all for
// an admin), in the reader's language, times in the store's time zone (UTC for an admin's digest).
// Undefined when the window has no failures of theirs (nothing to send).
import type { Database, Kysely } from "@pizza/db";
import type { UserContact } from "../auth/user-contact.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import type { DigestPayload } from "./failed-digests.ts";
import { failuresInWindow } from "./failures-in-window.ts";
import type { Render } from "./render-moment.ts";
import { failedDigestMessage, failedDigestSms } from "./templates/failed-digest.ts";
import { messageLocale, NUMBER_LOCALE } from "./templates/i18n.ts";

export async function renderFailedDigest(
  db: Kysely<Database>,
  p: DigestPayload,
  contact: UserContact,
): Promise<Render | undefined> {
  const all = await failuresInWindow(db, { start: new Date(p.start), end: new Date(p.end) });
  const failures = p.storeId === null ? all : all.filter((f) => f.storeId === p.storeId);
  if (failures.length === 0) return undefined;
  const store = p.storeId === null ? undefined : await storeForReceipt(db, p.storeId);
  const locale = messageLocale(contact.locale ?? store?.regionLocale);
  const clock = new Intl.DateTimeFormat(NUMBER_LOCALE[locale], {
    timeStyle: "short",
    timeZone: store?.timeZone ?? "UTC",
  });
  const day = new Intl.DateTimeFormat(NUMBER_LOCALE[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: store?.timeZone ?? "UTC",
  });
  const data = {
    locale,
    name: contact.name,
    storeName: store?.name ?? null,
    from: day.format(new Date(p.start)),
    to: clock.format(new Date(p.end)) + (store ? "" : " UTC"),
    lines: failures.map((f) => ({
      time: clock.format(f.failedAt),
      kind: f.kind,
      channel: f.channel,
      orderNumber: f.orderNumber,
      reason: f.lastError,
    })),
  };
  const email = failedDigestMessage(data);
  return (channel) =>
    channel === "email"
      ? { ...email, locale }
      : { subject: email.subject, text: failedDigestSms(data), locale };
}
