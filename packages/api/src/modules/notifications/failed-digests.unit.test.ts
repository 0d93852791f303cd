// The digest's window (the same on every node, only once it is safely over), its setting, and its message:
// in each language, the store's reason escaped in HTML, long windows cut with the rest counted.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../env.ts";
import { lastDigestWindow } from "./failed-digests.ts";
import {
  DIGEST_LINES,
  type DigestData,
  failedDigestMessage,
  failedDigestSms,
} from "./templates/failed-digest.ts";

const HOUR = 3600_000;
const at = (iso: string) => Date.parse(iso);

describe("the failed-delivery digest", () => {
  it("covers the last whole window, aligned for every node, once its grace has passed", () => {
    const w = lastDigestWindow(at("2026-03-01T11:00:30Z"), HOUR, 60_000);
    expect([w.start.toISOString(), w.end.toISOString()]).toEqual([
      "2026-03-01T09:00:00.000Z",
      "2026-03-01T10:00:00.000Z",
    ]);
    const later = lastDigestWindow(at("2026-03-01T11:01:00Z"), HOUR, 60_000);
    expect(later.start.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(lastDigestWindow(at("2026-03-01T11:59:59Z"), HOUR, 60_000)).toEqual(later);
  });

  it("reads NOTIFY_DIGEST_MINUTES (60 by default) and refuses nonsense with a sentence", () => {
    expect(loadConfig({ NODE_ENV: "test" }).notifications.digestMinutes).toBe(60);
    expect(loadConfig({ NODE_ENV: "test", NOTIFY_DIGEST_MINUTES: "15" }).notifications.digestMinutes).toBe(
      15,
    );
    expect(() => loadConfig({ NODE_ENV: "test", NOTIFY_DIGEST_MINUTES: "1" })).toThrow(/at least 5 minutes/);
    expect(() => loadConfig({ NODE_ENV: "test", NOTIFY_DIGEST_MINUTES: "hourly" })).toThrow(
      /NOTIFY_DIGEST_MINUTES/,
    );
  });

  const data = (locale: DigestData["locale"], n = 1): DigestData => ({
    locale,
    name: "Kim",
    storeName: locale === "en" ? null : "Mitte <b>",
    from: "1 Mar 2026, 10:00",
    to: "11:00",
    lines: Array.from({ length: n }, (_, i) => ({
      time: "10:15",
      kind: "order_receipt",
      channel: "email",
      orderNumber: i % 2 === 0 ? 1000 + i : null,
      reason: "not retried: <mailbox> full",
    })),
  });

  it("writes each line in the reader's language and escapes the reason in HTML", () => {
    const de = failedDigestMessage(data("de"));
    expect(de.subject).toBe("1 Nachricht nicht zugestellt (Mitte <b>, 1 Mar 2026, 10:00–11:00)");
    expect(de.text).toContain(
      "10:15 · Bestellung #1000 · order_receipt (email) · not retried: <mailbox> full",
    );
    expect(de.html).toContain("not retried: &lt;mailbox&gt; full");
    expect(de.html).not.toContain("<mailbox>");
    expect(de.html).not.toContain("<b>");
    const ja = failedDigestMessage(data("ja", 2));
    expect(ja.subject).toBe("2件の通知を配信できませんでした(Mitte <b>、1 Mar 2026, 10:00〜11:00)");
    expect(ja.text).toContain("注文なし");
    expect(failedDigestSms(data("en", 3))).toBe(
      "3 messages could not be delivered (all stores, 1 Mar 2026, 10:00–11:00)",
    );
  });

  it("writes at most DIGEST_LINES lines and counts the rest", () => {
    const en = failedDigestMessage(data("en", DIGEST_LINES + 7));
    expect(en.text.match(/^10:15 · /gm)).toHaveLength(DIGEST_LINES);
    expect(en.text).toContain("…and 7 more.");
  });
});
