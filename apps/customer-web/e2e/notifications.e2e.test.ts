// The customer's notification choices in Chromium: the account page's "Notifications" card shows the
// defaults, a tick saves at once, and the choice survives a reload (and is what the server keeps: offers
// only with the consent time recorded).
import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import { describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll, register } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const LONG = 120_000;

describe("notification settings in the browser", { timeout: LONG }, () => {
  it("toggles offers on (with consent) and order updates off, and both survive a reload", async () => {
    const { page, errors } = await web.openPage("phone");
    const email = await register(page, "Nora Notify", web.server);
    const card = page.getByRole("region", { name: "Notifications" });
    const box = (kind: string, channel: string) =>
      card.getByRole("group", { name: kind }).getByRole("checkbox", { name: channel });
    await box("Receipts", "Email").waitFor();
    expect(await box("Receipts", "Email").isChecked()).toBe(true);
    expect(await box("Order updates", "Email").isChecked()).toBe(true);
    expect(await box("Offers and news", "Email").isChecked()).toBe(false);
    await card.getByText("Verify a phone number above to get messages by SMS.").waitFor();

    await box("Offers and news", "Email").check();
    await card
      .getByRole("group", { name: "Offers and news" })
      .getByRole("status")
      .filter({ hasText: "Saved." })
      .waitFor();
    await box("Order updates", "Email").uncheck();
    await card
      .getByRole("group", { name: "Order updates" })
      .getByRole("status")
      .filter({ hasText: "Saved." })
      .waitFor();

    await page.reload();
    await box("Receipts", "Email").waitFor();
    expect(await box("Offers and news", "Email").isChecked()).toBe(true);
    expect(await box("Order updates", "Email").isChecked()).toBe(false);
    expect(await box("Receipts", "Email").isChecked()).toBe(true);

    const db = web.server.platform.db;
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const rows = await db
      .selectFrom("notification_preferences")
      .select(["kind", "channels", "consented_at"])
      .where("user_id", "=", user.id)
      .orderBy("kind")
      .execute();
    expect(rows.map((r) => [r.kind, r.channels, r.consented_at !== null])).toEqual([
      ["marketing", ["email"], true],
      ["order_status", [], false],
    ]);

    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "the account page with notification settings");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "customer-notifications-phone");
    await page.setViewportSize({ width: 1366, height: 900 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, "customer-notifications-desktop");
    expect(errors).toEqual([]);
  });
});
