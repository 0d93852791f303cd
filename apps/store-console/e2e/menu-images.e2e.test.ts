import { screenshot } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

// Issue 22, item, deal and promo pictures, end to end in Chromium: an admin gives the Margherita, a deal
// and a promo their pictures in the console (a too small file and a missing alt text are refused first,
// each message under its own field), and a customer's menu then shows all three, loaded (naturalWidth >
// 0), with their alt text; both pages axe-clean. Then the admin removes the deal's picture.
const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });

/** A JPEG drawn by the page's own canvas (no fixture file): a coloured field with a white disc. */
async function pictureFile(page: Page, name: string, width: number, height: number, color: string) {
  const base64 = await page.evaluate(
    async ({ w, h, c }) => {
      const canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext("2d")!;
      g.fillStyle = c;
      g.fillRect(0, 0, w, h);
      g.fillStyle = "#fff";
      g.beginPath();
      g.arc(w / 2, h / 2, h / 3, 0, Math.PI * 2);
      g.fill();
      const blob = await new Promise<Blob>((done) => canvas.toBlob((b) => done(b!), "image/jpeg", 0.9));
      let text = "";
      for (const byte of new Uint8Array(await blob.arrayBuffer())) text += String.fromCharCode(byte);
      return btoa(text);
    },
    { w: width, h: height, c: color },
  );
  return { name, mimeType: "image/jpeg", buffer: Buffer.from(base64, "base64") };
}

/** Waits until the picture has really loaded (decoded bytes), scrolling it into view (it is lazy). */
async function loaded(page: Page, selector: string) {
  const img = page.locator(selector);
  await img.scrollIntoViewIfNeeded();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), {
      timeout: 10_000,
    })
    .toBe(true);
  return img;
}

describe("store console: menu pictures", () => {
  it(
    "an admin uploads an item's, a deal's and a promo's picture (refusals under their fields); the customer's menu shows them with their alt text; removal takes one off",
    async () => {
      const { page, errors, api } = await ui.consolePage("admin@pizza.example", {
        viewport: { width: 1280, height: 900 },
      });
      const code = `PIC${Date.now().toString(36).toUpperCase()}`;
      await api.promo.create.mutate({
        code,
        description: "10% off everything",
        kind: "percent",
        percent: 10,
        regionCode: "us",
      });
      const dealId = `us-pic-${Date.now().toString(36)}`;
      await api.deal.create.mutate({
        regionCode: "us",
        id: dealId,
        nameEn: "Pizza night for two",
        price: 1900,
        slots: [{ kind: "pizza", variant: "medium", quantity: 2 }],
        active: true,
      });
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const form = page.getByRole("region", { name: "Menu pictures" });
      await form.waitFor();
      await form.getByLabel("Picture for").selectOption({ label: "Margherita" });
      // Too small a picture: the server's sentence sits under the file field, tied to it.
      await form.getByLabel("Picture file").setInputFiles(await pictureFile(page, "s.jpg", 200, 150, "#b22"));
      await form.getByLabel("Alt text (English, required)").fill("Too small");
      await form.getByRole("button", { name: "Upload picture" }).click();
      const fileError = form.locator("#image-file-error");
      await fileError.filter({ hasText: "needs at least 320×240 px" }).waitFor();
      expect(await form.getByLabel("Picture file").getAttribute("aria-describedby")).toBe("image-file-error");
      await form.getByRole("status").filter({ hasText: "Check the highlighted fields." }).waitFor();
      await form.getByLabel("Alt text (English, required)").fill("");
      await form.getByLabel("Picture file").setInputFiles(await pictureFile(page, "m.jpg", 900, 700, "#b22"));
      await form.getByRole("img", { name: "The chosen file" }).waitFor();
      // No alt text: refused in words under the English alt text, nothing saved.
      await form.getByRole("button", { name: "Upload picture" }).click();
      await form.locator("#alt-en-error").filter({ hasText: "Describe the picture in English" }).waitFor();
      expect(await form.getByLabel("Alt text (English, required)").getAttribute("aria-invalid")).toBe("true");
      expect(await fileError.count(), "the file's old message is gone").toBe(0);
      await form.getByLabel("Alt text (English, required)").fill("A margherita pizza with basil");
      await form.getByLabel("Alt text (German)").fill("Eine Margherita mit Basilikum");
      await form.getByRole("button", { name: "Upload picture" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: "Saved: Margherita now shows this picture." })
        .waitFor();
      await loaded(page, 'figure:has-text("Now on the menu") img');

      await form.getByLabel("Picture for").selectOption({ label: "Pizza night for two (us)" });
      await form
        .getByLabel("Picture file")
        .setInputFiles(await pictureFile(page, "d.jpg", 1000, 750, "#26a"));
      await form.getByLabel("Alt text (English, required)").fill("Two pizzas and two glasses");
      await form.getByRole("button", { name: "Upload picture" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: "Saved: Pizza night for two (us) now shows this picture." })
        .waitFor();

      await form.getByLabel("Picture for").selectOption({ label: `${code} — 10% off everything` });
      await form
        .getByLabel("Picture file")
        .setInputFiles(await pictureFile(page, "b.jpg", 1600, 500, "#fc0"));
      await form.getByLabel("Alt text (English, required)").fill("Two pizzas on a sunny table");
      await form.getByRole("button", { name: "Upload picture" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: `Saved: ${code}` })
        .waitFor();
      await expectAccessible(page, "the console's menu pictures");
      await screenshot(page, "store-console-menu-pictures");
      expect(errors).toEqual([]);

      // The customer: delivery in Midtown, the menu.
      const context = await ui.newContext({ viewport: { width: 1280, height: 900 } });
      const customer = await context.newPage();
      customer.setDefaultTimeout(15_000);
      await customer.goto("/start");
      await customer.getByRole("radio", { name: "Delivery" }).check();
      await customer.getByLabel("Street and number").fill("350 5th Ave");
      await customer.getByLabel("City", { exact: true }).fill("New York");
      await customer.getByLabel("Latitude").fill("40.752700");
      await customer.getByLabel("Longitude").fill("-73.985000");
      await customer.getByRole("button", { name: "Find my store and see the menu" }).click();
      await customer.waitForURL("**/menu");
      const banner = await loaded(customer, `[data-testid="promo-${code}"] img`);
      expect(await banner.getAttribute("alt")).toBe("Two pizzas on a sunny table");
      await customer.getByText(`Use code ${code} at checkout`).waitFor();
      const card = await loaded(customer, '[data-testid="item-margherita"] img');
      expect(await card.getAttribute("alt")).toBe("A margherita pizza with basil");
      expect(await card.getAttribute("loading")).toBe("lazy");
      expect([await card.getAttribute("width"), await card.getAttribute("height")]).toEqual(["640", "480"]);
      expect(await card.getAttribute("srcset")).toMatch(/320w, .+ 640w$/);
      const dealCard = await loaded(customer, `[data-testid="deal-${dealId}"] img`);
      expect(await dealCard.getAttribute("alt")).toBe("Two pizzas and two glasses");
      expect(await dealCard.getAttribute("loading")).toBe("lazy");
      expect([await dealCard.getAttribute("width"), await dealCard.getAttribute("height")]).toEqual([
        "640",
        "480",
      ]);
      await expectAccessible(customer, "the menu with pictures");
      await screenshot(customer, "customer-menu-pictures");

      // The admin takes the deal's picture off: the console says so and the menu's deal has none.
      await form
        .getByLabel("Picture for")
        .selectOption({ label: "Pizza night for two (us) (has a picture)" });
      await form.getByRole("button", { name: "Remove picture" }).click();
      await form
        .getByRole("status")
        .filter({ hasText: "Removed: Pizza night for two (us) no longer shows a picture." })
        .waitFor();
      await form.getByRole("button", { name: "Remove picture" }).waitFor({ state: "detached" });
      const subjects = await api.menuImage.subjects.query();
      expect(subjects.find((s) => s.kind === "deal" && s.id === dealId)?.image).toBeNull();
      await customer.reload();
      await customer.locator(`[data-testid="deal-${dealId}"]`).waitFor();
      expect(await customer.locator(`[data-testid="deal-${dealId}"] img`).count()).toBe(0);
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
