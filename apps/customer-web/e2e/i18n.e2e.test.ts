// Issue 16, findings 3 and 9: a stranger's first order in their own language. Signed out in German
// (Berlin) on a 390 px phone and in Japanese (Tokyo) at 1366 px: every word translated, the area chosen
// from the language, money in one format on the cart, the pay page and the tracker, no tip offered in
// Tokyo, sign-up and sign-in returning to the cart, the Extra/Edit/Remove controls named after their
// item, an empty form answered next to its fields without a request, a one-row header on the phone, and
// the language switched without a reload. axe on every screen; screenshots at both sizes.
import { randomBytes } from "node:crypto";
import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import { lastCodeSentTo } from "@pizza/api/testing/sign-up";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appUnderTest,
  carryoutFromBerlinMitte,
  expectAccessible,
  expectNoHorizontalScroll,
  PASSWORD,
} from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;
const WIDE = { viewport: { width: 1366, height: 900 } };

/** The header is one row: every control's box starts on the first line. */
async function expectOneRowHeader(page: Page) {
  const box = await page.locator(".app-header").boundingBox();
  expect(box?.height, "header height").toBeLessThan(64);
  const tops = await page
    .locator(".app-header a:visible, .app-header button:visible, .app-header select:visible")
    .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(Math.max(...tops) - Math.min(...tops), "header controls on one line").toBeLessThan(12);
}

/** Requests to a tRPC procedure (batched or not) that the page sent. */
function countCalls(page: Page, procedure: string) {
  const calls = { n: 0 };
  page.on("request", (r) => {
    if (r.url().includes("/trpc/") && r.url().includes(procedure)) calls.n++;
  });
  return calls;
}

/** The first pizza of the menu into the cart, through the builder. */
async function addFirstPizza(page: Page, customize: RegExp) {
  await page.getByRole("link", { name: customize }).first().click();
  await page.getByTestId("add-to-cart").waitFor();
}

describe("the customer web app in German and Japanese", { timeout: 180_000 }, () => {
  it("a German stranger in Berlin orders in German, signs up and in back to the cart, and pays in one money format", async () => {
    const { page, errors } = await openPage("phone", { locale: "de-DE" });
    const email = `de-${randomBytes(4).toString("hex")}@example.com`;

    await page.goto("/start");
    await page.getByRole("heading", { name: "Wie möchtest du deine Pizza?" }).waitFor();
    // The area follows the language until the customer picks one.
    expect(await page.getByRole("radio", { name: "Berlin" }).isChecked()).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await expectOneRowHeader(page);
    await expectNoHorizontalScroll(page, "start in German");
    await expectAccessible(page, "start in German");
    await screenshot(page, "i18n-de-start-phone");

    await carryoutFromBerlinMitte(page);
    await expectAccessible(page, "menu in German");
    await screenshot(page, "i18n-de-menu-phone");

    await addFirstPizza(page, /^.+ anpassen$/);
    await page.getByText("Boden", { exact: true }).waitFor();
    await page
      .getByText(/^Beläge/)
      .first()
      .waitFor();
    // Every "Extra" checkbox says which topping it is for.
    const extras = page.getByRole("checkbox", { name: /^Extra \S/ });
    expect(await extras.count()).toBeGreaterThan(10);
    expect(await page.getByRole("checkbox", { name: "Extra", exact: true }).count()).toBe(0);
    const price = page.getByTestId("live-price");
    await expect.poll(() => price.textContent(), { timeout: 15_000 }).toMatch(/^\d+,\d{2}\s€$/);
    expect(await page.getByTestId("add-to-cart").textContent()).toBe("In den Warenkorb");
    await expectAccessible(page, "builder in German");
    await screenshot(page, "i18n-de-builder-phone");
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");

    await page.goto("/cart");
    const breakdown = page.getByTestId("breakdown");
    await breakdown.waitFor();
    expect(await breakdown.textContent()).toMatch(/Zwischensumme.*Gesamt.*inkl\. MwSt\./s);
    const total = (await page.getByTestId("total").textContent())!;
    expect(total).toMatch(/^\d+,\d{2}\s€$/);
    // Edit and Remove name the line they act on.
    const line = page.getByTestId("cart-line");
    const lineName = (await line.locator("strong").first().textContent())!;
    await line.getByRole("link", { name: `Bearbeiten ${lineName}` }).waitFor();
    await line.getByRole("button", { name: `Entfernen ${lineName}` }).waitFor();

    // An empty guest form is answered next to its fields, and nothing is sent.
    const guestCalls = countCalls(page, "auth.guest");
    const guest = page.getByRole("form", { name: "Als Gast bestellen" });
    await guest.getByRole("button", { name: "Als Gast fortfahren" }).click();
    await guest.getByText("Gib deinen Namen ein.").waitFor();
    await guest.getByText("Gib deine E-Mail-Adresse ein.").waitFor();
    expect(await guest.getByLabel("Dein Name").getAttribute("aria-invalid")).toBe("true");
    expect(guestCalls.n).toBe(0);
    await expectOneRowHeader(page);
    await expectNoHorizontalScroll(page, "cart in German");
    await expectAccessible(page, "cart in German");
    await screenshot(page, "i18n-de-cart-phone");

    // Sign-up from the cart comes back to the cart.
    await page.getByRole("link", { name: "Konto erstellen" }).first().click();
    await page.waitForURL(/\/signup\?next=(%2F|\/)cart$/);
    await page.getByLabel("Dein Name").fill("Greta Müller");
    await page.getByRole("textbox", { name: "E-Mail" }).fill(email);
    await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Konto erstellen" }).click();
    await page.getByLabel("6-stelliger Code").waitFor();
    await page.getByLabel("6-stelliger Code").fill(lastCodeSentTo(web.server, email)!);
    await page.getByRole("button", { name: "Bestätigen und anmelden" }).click();
    await page.waitForURL("**/cart");

    // Signed out, the header's sign-in also returns to the page it was pressed on.
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL("**/signin?signedOut=1");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    await page.getByRole("banner").getByRole("link", { name: "Anmelden" }).click();
    await page.waitForURL("**/signin?next=%2Fcart");
    const loginCalls = countCalls(page, "auth.login");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByText("Gib deine E-Mail-Adresse ein.").waitFor();
    await page.getByText("Gib dein Passwort ein.").waitFor();
    expect(loginCalls.n).toBe(0);
    await page.getByRole("textbox", { name: "E-Mail" }).fill(email);
    await page.getByLabel("Passwort", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL("**/cart");

    // The same money, written the same way, on the cart, the pay page and the tracker.
    await page.getByTestId("breakdown").waitFor();
    expect(await page.getByTestId("total").textContent()).toBe(total);
    // What the server says is said in German too: a New York code refused in Berlin.
    await page.getByLabel("Gutscheincode").fill("NYC5");
    await page.getByRole("button", { name: "Einlösen" }).click();
    await expect
      .poll(() => page.getByTestId("promo-message").textContent(), { timeout: 15_000 })
      .toBe("Der Code NYC5 gilt in dieser Region nicht.");
    const place = page.getByTestId("place-order");
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await place.textContent()).toBe(`Bestellen · ${total}`);
    await place.click();
    await page.waitForURL("**/pay?order=*");
    await page.getByRole("heading", { name: `${total} bezahlen` }).waitFor();
    await expectAccessible(page, "pay page in German");
    await screenshot(page, "i18n-de-pay-phone");
    // The card form's own check, in German, next to the number; it clears as the number is fixed.
    await page.getByLabel("Kartennummer").fill("4242 4242 4242 4241");
    await page.getByTestId("pay").click();
    await page.getByText("Diese Kartennummer ist ungültig. Prüfe die Ziffern auf deiner Karte.").waitFor();
    await page.getByLabel("Kartennummer").fill("4242 4242 4242 4242");
    await page
      .getByText("Diese Kartennummer ist ungültig. Prüfe die Ziffern auf deiner Karte.")
      .waitFor({ state: "detached" });
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    await page.getByRole("region", { name: "Deine Bestellung" }).getByText(total).first().waitFor();
    await page.getByRole("list", { name: "Bestellfortschritt" }).waitFor();
    await expect.poll(() => page.getByTestId("order-status").textContent()).toMatch(/^Bestellt/);
    await expectAccessible(page, "tracker in German");
    await screenshot(page, "i18n-de-tracker-phone");
    await page.setViewportSize(WIDE.viewport);
    await screenshot(page, "i18n-de-tracker-desktop");
    expect(errors, "browser console").toEqual([]);
  });

  it("a Japanese stranger in Tokyo orders delivery in Japanese, is offered no tip, and switches to English without a reload", async () => {
    const { page, errors } = await openPage("desktop", { ...WIDE, locale: "ja-JP" });
    const shibuya = await web.server.db.db
      .selectFrom("stores")
      .select(["lat", "lng"])
      .where("slug", "=", "tyo-shibuya")
      .executeTakeFirstOrThrow();

    await page.goto("/start");
    await page.getByRole("heading", { name: "ご注文方法を選んでください" }).waitFor();
    expect(await page.getByRole("radio", { name: "東京" }).isChecked()).toBe(true);
    await page.getByLabel("番地・建物").fill("道玄坂2-1");
    await page.getByLabel("市区町村", { exact: true }).fill("渋谷区");
    await page.getByLabel("緯度").fill(String(Number(shibuya.lat) + 0.001));
    await page.getByLabel("経度").fill(String(Number(shibuya.lng) + 0.001));
    await expectAccessible(page, "start in Japanese");
    await screenshot(page, "i18n-ja-start-desktop");
    await page.getByRole("button", { name: "店舗を探してメニューを見る" }).click();
    await page.waitForURL("**/menu");
    await page.getByRole("heading", { name: "ピザ" }).waitFor();
    await screenshot(page, "i18n-ja-menu-desktop");

    await addFirstPizza(page, /^.+をカスタマイズ$/);
    await page.getByText("生地", { exact: true }).waitFor();
    expect(await page.getByRole("checkbox", { name: /^.+増量$/ }).count()).toBeGreaterThan(10);
    const price = page.getByTestId("live-price");
    await expect.poll(() => price.textContent(), { timeout: 15_000 }).toMatch(/^[￥¥][\d,]+$/);
    await expectAccessible(page, "builder in Japanese");
    await screenshot(page, "i18n-ja-builder-desktop");
    // One more, so the cart clears Tokyo's delivery minimum.
    await page.getByRole("button", { name: "1つ増やす" }).click();
    await expect.poll(() => page.getByTestId("add-to-cart").isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");

    await page.goto("/cart");
    const guest = page.getByRole("form", { name: "ゲストとして注文" });
    await guest.getByLabel("お名前").fill("山田 花子");
    await guest
      .getByRole("textbox", { name: "メールアドレス" })
      .fill(`ja-${randomBytes(4).toString("hex")}@example.com`);
    await guest.getByRole("button", { name: "ゲストとして続ける" }).click();
    await page.getByRole("heading", { name: "ご注文手続き" }).waitFor();
    // Signed in, delivering, in Tokyo: the promo code is offered, a tip is not.
    await page.getByText("クーポンコード").waitFor();
    expect(await page.getByText("配達員へのチップ").count()).toBe(0);
    expect(await page.getByRole("button", { name: "チップなし" }).count()).toBe(0);
    const total = (await page.getByTestId("total").textContent())!;
    expect(total).toMatch(/^[￥¥][\d,]+$/);
    await expectAccessible(page, "cart in Japanese");
    await screenshot(page, "i18n-ja-cart-desktop");
    await page.setViewportSize({ width: 390, height: 844 });
    await expectOneRowHeader(page);
    await expectNoHorizontalScroll(page, "cart in Japanese at 390 px");
    await screenshot(page, "i18n-ja-cart-phone");
    await page.setViewportSize(WIDE.viewport);

    const place = page.getByTestId("place-order");
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    await place.click();
    await page.waitForURL("**/pay?order=*");
    await page.getByRole("heading", { name: `${total}を支払う` }).waitFor();
    await page.getByLabel("カード番号").fill("4242 4242 4242 4242");
    await screenshot(page, "i18n-ja-pay-desktop");
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    await page.getByRole("region", { name: "ご注文内容" }).getByText(total).first().waitFor();
    await expect.poll(() => page.getByTestId("order-status").textContent()).toMatch(/^注文受付/);
    await expectAccessible(page, "tracker in Japanese");
    await screenshot(page, "i18n-ja-tracker-desktop");

    // The switch applies at once (the page is not reloaded) and is remembered.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await page.getByRole("combobox", { name: "言語" }).selectOption("en");
    await page.getByRole("list", { name: "Order progress" }).waitFor();
    await expect.poll(() => page.getByTestId("order-status").textContent()).toMatch(/^Order placed/);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    // Tokyo's yen, now written the English way.
    await page
      .getByRole("region", { name: "Your order" })
      .getByText(/^¥[\d,]+$/)
      .first()
      .waitFor();
    await page.reload();
    await page.getByRole("list", { name: "Order progress" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(errors, "browser console").toEqual([]);
  });
});
